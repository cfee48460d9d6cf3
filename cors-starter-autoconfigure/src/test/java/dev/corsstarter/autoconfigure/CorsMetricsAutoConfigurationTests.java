package dev.corsstarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import dev.corsstarter.autoconfigure.observation.CorsDecisionMetrics;

class CorsMetricsAutoConfigurationTests {

	private static final String[] POLICY = { "cors.policies.api.path-patterns=/api/**",
			"cors.policies.api.allowed-origins=https://app.example.com" };

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CorsAutoConfiguration.class, CorsServletAutoConfiguration.class,
				CorsMetricsAutoConfiguration.class));

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CorsAutoConfiguration.class, CorsReactiveAutoConfiguration.class,
				CorsMetricsAutoConfiguration.class));

	@Test
	void metricsWhenAMeterRegistryExists() {
		this.servlet.withPropertyValues(POLICY)
			.withBean(SimpleMeterRegistry.class)
			.run(context -> assertThat(context).hasSingleBean(CorsDecisionMetrics.class));
	}

	@Test
	void metricsAfterSpringBootsMetricsAutoConfiguration() {
		this.reactive.withPropertyValues(POLICY)
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.run(context -> assertThat(context).hasSingleBean(MeterRegistry.class)
				.hasSingleBean(CorsDecisionMetrics.class));
	}

	@Test
	void noMetricsWithoutAMeterRegistry() {
		this.servlet.withPropertyValues(POLICY)
			.run(context -> assertThat(context).doesNotHaveBean(CorsDecisionMetrics.class));
	}

	@Test
	void noMetricsWithoutMicrometer() {
		this.servlet.withPropertyValues(POLICY)
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CorsDecisionMetrics.class));
	}

	@Test
	void noMetricsWithoutPolicies() {
		this.servlet.withBean(SimpleMeterRegistry.class)
			.run(context -> assertThat(context).doesNotHaveBean(CorsDecisionMetrics.class));
	}

}
