package dev.corsstarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.observation.CorsDecisionObserver;
import dev.corsstarter.autoconfigure.actuate.CorsEndpoint;
import dev.corsstarter.autoconfigure.actuate.CorsEndpointWebExtension;
import dev.corsstarter.autoconfigure.reactive.CorsPolicyWebFilter;
import dev.corsstarter.autoconfigure.servlet.CorsPolicyFilter;
import dev.corsstarter.autoconfigure.web.CorsRouting;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.request.PathMatching;
import dev.corsstarter.core.validation.ValidationContext;

class CorsEndpointAutoConfigurationTests {

	private static final String[] POLICY = { "cors.policies.api.path-patterns=/api/**",
			"cors.policies.api.allowed-origins=https://app.example.com" };

	private static final String EXPOSE = "management.endpoints.web.exposure.include=cors";

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CorsAutoConfiguration.class, CorsServletAutoConfiguration.class,
				CorsEndpointAutoConfiguration.class));

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CorsAutoConfiguration.class, CorsReactiveAutoConfiguration.class,
				CorsEndpointAutoConfiguration.class));

	@Test
	void endpointOnTheServletStackWhenPoliciesExistAndItIsExposed() {
		this.servlet.withPropertyValues(POLICY).withPropertyValues(EXPOSE).run(context -> {
			assertThat(context).hasSingleBean(CorsEndpoint.class).hasSingleBean(CorsEndpointWebExtension.class);
			CorsEndpoint.CorsDescriptor descriptor = context.getBean(CorsEndpoint.class).describe();
			assertThat(descriptor.stack()).isEqualTo("servlet");
			assertThat(descriptor.filterOrder()).isEqualTo(CorsRouting.DEFAULT_FILTER_ORDER);
			assertThat(descriptor.policies()).containsOnlyKeys("api");
		});
	}

	@Test
	void endpointOnTheReactiveStack() {
		this.reactive.withPropertyValues(POLICY).withPropertyValues(EXPOSE, "cors.filter-order=7").run(context -> {
			CorsEndpoint.CorsDescriptor descriptor = context.getBean(CorsEndpoint.class).describe();
			assertThat(descriptor.stack()).isEqualTo("reactive");
			assertThat(descriptor.filterOrder()).isEqualTo(7);
		});
	}

	@Test
	void noEndpointWhenNotExposed() {
		this.servlet.withPropertyValues(POLICY)
			.run(context -> assertThat(context).doesNotHaveBean(CorsEndpoint.class)
				.doesNotHaveBean(CorsEndpointWebExtension.class)
				.hasSingleBean(CorsPolicyRegistry.class));
	}

	@Test
	void noEndpointWhenAccessIsDenied() {
		this.servlet.withPropertyValues(POLICY)
			.withPropertyValues(EXPOSE, "management.endpoint.cors.access=NONE")
			.run(context -> assertThat(context).doesNotHaveBean(CorsEndpoint.class));
	}

	@Test
	void noWebExtensionWhenOnlyExposedOverJmx() {
		this.servlet.withPropertyValues(POLICY)
			.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=cors")
			.run(context -> assertThat(context).hasSingleBean(CorsEndpoint.class)
				.doesNotHaveBean(CorsEndpointWebExtension.class));
	}

	@Test
	void noEndpointWithoutPolicies() {
		this.servlet.withPropertyValues(EXPOSE)
			.run(context -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CorsPolicyRegistry.class)
				.doesNotHaveBean(CorsEndpoint.class));
	}

	@Test
	void noEndpointWhenDisabled() {
		this.servlet.withPropertyValues(POLICY)
			.withPropertyValues(EXPOSE, "cors.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean(CorsEndpoint.class));
	}

	@Test
	void noEndpointWithoutActuatorButTheFilterStays() {
		this.servlet.withPropertyValues(POLICY)
			.withPropertyValues(EXPOSE)
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run(context -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CorsEndpoint.class)
				.hasBean("corsPolicyFilter"));
	}

	@Test
	void endpointListsTheWarningsOfAnApplicationEngine() {
		this.servlet.withPropertyValues(EXPOSE).withUserConfiguration(ApplicationEngine.class).run(context -> {
			CorsEndpoint.CorsDescriptor descriptor = context.getBean(CorsEndpoint.class).describe();
			assertThat(descriptor.policies()).containsOnlyKeys("own");
			assertThat(descriptor.productionProfileActive()).isTrue();
			assertThat(descriptor.warnings()).singleElement().satisfies(warning -> {
				assertThat(warning.property()).isEqualTo("cors.policies.own.max-age");
				assertThat(warning.value()).isEqualTo("PT3H");
				assertThat(warning.origin()).isEmpty();
				assertThat(warning.rule()).isEqualTo("max-age-above-cap");
				assertThat(warning.suggestedValue()).isEqualTo("2h");
			});
		});
	}

	@Test
	void endpointListsTheWarningsOfBoundPoliciesWithWhereTheyWereSet() {
		this.servlet.withPropertyValues(POLICY)
			.withPropertyValues(EXPOSE)
			.withPropertyValues("cors.policies.api.max-age=3h")
			.run(context -> {
				CorsEndpoint.CorsDescriptor descriptor = context.getBean(CorsEndpoint.class).describe();
				assertThat(descriptor.productionProfileActive()).isFalse();
				assertThat(descriptor.warnings()).singleElement().satisfies(warning -> {
					assertThat(warning.property()).isEqualTo("cors.policies.api.max-age");
					assertThat(warning.value()).isEqualTo("3h");
					assertThat(warning.origin()).isNotEmpty();
					assertThat(warning.rule()).isEqualTo("max-age-above-cap");
				});
			});
	}

	@Test
	void filterOrderIsTheRegisteredFilters() {
		this.servlet.withPropertyValues(POLICY)
			.withPropertyValues(EXPOSE, "cors.filter-order=7")
			.withBean("ownCorsFilter", FilterRegistrationBean.class, () -> {
				FilterRegistrationBean<CorsPolicyFilter> registration = new FilterRegistrationBean<>(
						new CorsPolicyFilter(CorsEngine.create(List.of()), CorsDecisionObserver.of(List.of())));
				registration.setOrder(99);
				return registration;
			})
			.run(context -> assertThat(context.getBean(CorsEndpoint.class).describe().filterOrder()).isEqualTo(99));
		this.reactive.withPropertyValues(POLICY)
			.withPropertyValues(EXPOSE, "cors.filter-order=7")
			.withBean("ownCorsWebFilter", CorsPolicyWebFilter.class,
					() -> new CorsPolicyWebFilter(CorsEngine.create(List.of()), CorsDecisionObserver.of(List.of())))
			.run(context -> assertThat(context.getBean(CorsEndpoint.class).describe().filterOrder())
				.isEqualTo(Ordered.LOWEST_PRECEDENCE));
	}

	@Test
	void noFilterOrderWithoutAFilter() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(CorsAutoConfiguration.class, CorsEndpointAutoConfiguration.class))
			.withPropertyValues(POLICY)
			.withPropertyValues(EXPOSE)
			.run(context -> assertThat(context.getBean(CorsEndpoint.class).describe().filterOrder()).isNull());
	}

	@Test
	void userEndpointBacksOff() {
		this.servlet.withPropertyValues(POLICY)
			.withPropertyValues(EXPOSE)
			.withBean("myCorsEndpoint", CorsEndpoint.class,
					() -> new CorsEndpoint(new CorsPolicyRegistry(CorsEngine.create(List.of())), "servlet", () -> 0,
							UnaryOperator.identity(), () -> PathMatching.DEFAULT))
			.run(context -> assertThat(context).hasSingleBean(CorsEndpoint.class).hasBean("myCorsEndpoint"));
	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationEngine {

		@Bean
		CorsEngine corsEngine() {
			return CorsEngine.compile(List.of(CorsPolicy.builder("own")
				.pathPatterns("/own/**")
				.allowedOrigins("https://own.example.com")
				.maxAge(Duration.ofHours(3))
				.build()), new ValidationContext(true, List.of()));
		}

	}

}
