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

import dev.corsstarter.autoconfigure.observation.CorsMetrics;

class CorsObservationAutoConfigurationTests {

	private static final String[] POLICY = { "cors.policies.api.path-patterns=/api/**",
			"cors.policies.api.allowed-origins=https://app.example.com" };

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CorsAutoConfiguration.class, CorsServletAutoConfiguration.class,
				CorsObservationAutoConfiguration.class));

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CorsAutoConfiguration.class, CorsReactiveAutoConfiguration.class,
				CorsObservationAutoConfiguration.class));

	@Test
	void metricsWhenAMeterRegistryExists() {
		this.servlet.withPropertyValues(POLICY)
			.withBean(SimpleMeterRegistry.class)
			.run(context -> assertThat(context).hasSingleBean(CorsMetrics.class));
	}

	@Test
	void metricsAfterSpringBootsMetricsAutoConfiguration() {
		this.reactive.withPropertyValues(POLICY)
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.run(context -> {
				assertThat(context).hasSingleBean(MeterRegistry.class).hasSingleBean(CorsMetrics.class);
				assertThat(context.getBean(MeterRegistry.class).get("cors.policy.generation").gauge().value())
					.isEqualTo(1);
			});
	}

	@Test
	void noMetricsWithoutAMeterRegistry() {
		this.servlet.withPropertyValues(POLICY).run(context -> assertThat(context).doesNotHaveBean(CorsMetrics.class));
	}

	@Test
	void noMetricsWithoutMicrometer() {
		this.servlet.withPropertyValues(POLICY)
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CorsMetrics.class));
	}

	@Test
	void noMetricsWithoutPolicies() {
		this.servlet.withBean(SimpleMeterRegistry.class)
			.run(context -> assertThat(context).doesNotHaveBean(CorsMetrics.class));
	}

}
