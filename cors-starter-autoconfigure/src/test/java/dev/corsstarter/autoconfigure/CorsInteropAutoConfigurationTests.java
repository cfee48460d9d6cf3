package dev.corsstarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import dev.corsstarter.autoconfigure.interop.CorsObservationFilter;
import dev.corsstarter.autoconfigure.interop.ReactivePolicyCorsConfigurationSource;
import dev.corsstarter.autoconfigure.interop.ServletPolicyCorsConfigurationSource;
import dev.corsstarter.autoconfigure.interop.ShadowedSpringCors;

class CorsInteropAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(CorsAutoConfiguration.class,
			CorsServletAutoConfiguration.class, CorsReactiveAutoConfiguration.class,
			CorsObservationAutoConfiguration.class, CorsConfigurationSourceAutoConfiguration.class,
			CorsSpringInteropAutoConfiguration.class);

	private static final String[] POLICY = { "cors.policies.api.path-patterns=/api/**",
			"cors.policies.api.allowed-origins=https://app.example.com" };

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void observationFilterAndShadowReportOnEachStack() {
		this.servlet.withPropertyValues(POLICY).run((context) -> {
			assertThat(context).hasSingleBean(CorsObservationFilter.class).hasSingleBean(ShadowedSpringCors.class);
		});
		this.reactive.withPropertyValues(POLICY).run((context) -> {
			assertThat(context).hasSingleBean(CorsObservationFilter.class).hasSingleBean(ShadowedSpringCors.class);
		});
	}

	@Test
	void nothingWithoutPolicies() {
		this.servlet.run((context) -> assertThat(context).doesNotHaveBean(CorsObservationFilter.class)
			.doesNotHaveBean(ShadowedSpringCors.class)
			.doesNotHaveBean("corsConfigurationSource"));
	}

	@Test
	void configurationSourceOnlyWhenAskedFor() {
		this.servlet.withPropertyValues(POLICY)
			.run((context) -> assertThat(context).doesNotHaveBean("corsConfigurationSource"));
		this.servlet.withPropertyValues(POLICY)
			.withPropertyValues("cors.register-configuration-source=true")
			.run((context) -> assertThat(context.getBean("corsConfigurationSource"))
				.isInstanceOf(ServletPolicyCorsConfigurationSource.class));
		this.reactive.withPropertyValues(POLICY)
			.withPropertyValues("cors.register-configuration-source=true")
			.run((context) -> assertThat(context.getBean("corsConfigurationSource"))
				.isInstanceOf(ReactivePolicyCorsConfigurationSource.class));
	}

	@Test
	void configurationSourceBacksOffForTheApplicationsOwn() {
		this.servlet.withPropertyValues(POLICY)
			.withPropertyValues("cors.register-configuration-source=true")
			.withBean("corsConfigurationSource", UrlBasedCorsConfigurationSource.class)
			.run((context) -> assertThat(context.getBean("corsConfigurationSource"))
				.isInstanceOf(UrlBasedCorsConfigurationSource.class));
	}

}
