package dev.corsstarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.servlet.DispatcherType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializerBeans;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.web.filter.ForwardedHeaderFilter;
import org.springframework.web.server.WebFilter;

import dev.corsstarter.autoconfigure.diagnostics.InvalidCorsPropertiesException;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.properties.CorsProperties;
import dev.corsstarter.autoconfigure.reactive.CorsPolicyWebFilter;
import dev.corsstarter.autoconfigure.reactive.OrderedCorsPolicyWebFilter;
import dev.corsstarter.autoconfigure.servlet.CorsPolicyFilter;
import dev.corsstarter.autoconfigure.servlet.ServletRouting;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.validation.InvalidCorsConfigurationException;
import dev.corsstarter.core.validation.ViolationRule;

@ExtendWith(OutputCaptureExtension.class)
class CorsAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(CorsAutoConfiguration.class,
			CorsServletAutoConfiguration.class, CorsReactiveAutoConfiguration.class);

	private static final String[] POLICY = { "cors.policies.api.path-patterns=/api/**",
			"cors.policies.api.allowed-origins=https://app.example.com" };

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void servletApplicationWithPoliciesGetsTheFilterForRequestErrorAndAsyncDispatches() {
		this.servlet.withPropertyValues(POLICY).run(context -> {
			assertThat(context).hasSingleBean(CorsPolicyRegistry.class)
				.doesNotHaveBean(OrderedCorsPolicyWebFilter.class);
			FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(CorsPolicyFilter.class);
			assertThat(registration.getOrder()).isEqualTo(CorsFilterOrder.DEFAULT);
			assertThat(registration.determineDispatcherTypes()).containsExactlyInAnyOrder(DispatcherType.REQUEST,
					DispatcherType.ERROR, DispatcherType.ASYNC);
		});
	}

	@Test
	void servletFilterRunsAfterForwardedHeaderFilterAndBeforeSpringSecurity() {
		this.servlet.withPropertyValues(POLICY)
			.withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class,
					ServletWebSecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class))
			.withUserConfiguration(ForwardedHeaderFilterConfiguration.class)
			.run(context -> {
				// the order in which the embedded server registers them
				List<String> filters = new ServletContextInitializerBeans(context.getBeanFactory()).stream()
					.filter(AbstractFilterRegistrationBean.class::isInstance)
					.map(registration -> ((AbstractFilterRegistrationBean<?>) registration).getFilterName())
					.toList();
				assertThat(filters).containsExactly("forwardedHeaderFilter", "corsPolicyFilter",
						"springSecurityFilterChain");
			});
	}

	@Test
	void reactiveFilterRunsBeforeSpringSecurity() {
		this.reactive.withPropertyValues(POLICY)
			.withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class,
					ReactiveWebSecurityAutoConfiguration.class, ReactiveUserDetailsServiceAutoConfiguration.class))
			.run(context -> {
				// the order in which WebFlux chains them
				List<WebFilter> filters = context.getBeanProvider(WebFilter.class).orderedStream().toList();
				assertThat(filters).hasSize(2);
				assertThat(filters.get(0)).isInstanceOf(OrderedCorsPolicyWebFilter.class);
				assertThat(filters.get(1)).isInstanceOf(WebFilterChainProxy.class);
			});
	}

	@Test
	void reactiveAutoConfigurationBacksOffForTheApplicationsOwnFilter() {
		this.reactive.withPropertyValues(POLICY)
			.withBean("myCorsFilter", CorsPolicyWebFilter.class,
					() -> new CorsPolicyWebFilter(CorsEngine.create(List.of()), (request, decision) -> {
					}))
			.run(context -> assertThat(context).hasSingleBean(CorsPolicyWebFilter.class)
				.hasBean("myCorsFilter")
				.doesNotHaveBean(OrderedCorsPolicyWebFilter.class));
	}

	@Test
	void reactiveApplicationWithPoliciesGetsTheWebFilter() {
		this.reactive.withPropertyValues(POLICY).run(context -> {
			assertThat(context).hasSingleBean(OrderedCorsPolicyWebFilter.class)
				.doesNotHaveBean(FilterRegistrationBean.class);
			assertThat(context.getBean(OrderedCorsPolicyWebFilter.class).getOrder()).isEqualTo(CorsFilterOrder.DEFAULT);
		});
	}

	@Test
	void filterOrderCanBeConfigured() {
		this.servlet.withPropertyValues(POLICY)
			.withPropertyValues("cors.filter-order=-50")
			.run(context -> assertThat(context.getBean(FilterRegistrationBean.class).getOrder()).isEqualTo(-50));
		this.reactive.withPropertyValues(POLICY)
			.withPropertyValues("cors.filter-order=-50")
			.run(context -> assertThat(context.getBean(OrderedCorsPolicyWebFilter.class).getOrder()).isEqualTo(-50));
	}

	@Test
	void nothingIsInstalledWhenDisabled() {
		this.servlet.withPropertyValues(POLICY)
			.withPropertyValues("cors.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean(CorsPolicyRegistry.class)
				.doesNotHaveBean(FilterRegistrationBean.class));
		this.reactive.withPropertyValues(POLICY)
			.withPropertyValues("cors.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean(CorsPolicyRegistry.class)
				.doesNotHaveBean(OrderedCorsPolicyWebFilter.class));
	}

	@Test
	void nothingIsInstalledWithoutPolicies() {
		this.servlet.run(context -> assertThat(context).doesNotHaveBean(CorsPolicyRegistry.class)
			.doesNotHaveBean(FilterRegistrationBean.class));
		this.reactive.withPropertyValues("cors.dev-origins=http://localhost:*")
			.run(context -> assertThat(context).doesNotHaveBean(CorsPolicyRegistry.class)
				.doesNotHaveBean(OrderedCorsPolicyWebFilter.class));
	}

	@Test
	void nothingIsInstalledOutsideAWebApplication() {
		new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.withPropertyValues(POLICY)
			.run(context -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CorsPolicyRegistry.class)
				.doesNotHaveBean(CorsProperties.class));
	}

	@Test
	void userEngineWinsAndPoliciesMayComeFromCode() {
		this.servlet.withUserConfiguration(UserEngineConfiguration.class).run(context -> {
			assertThat(context).hasSingleBean(CorsPolicyRegistry.class);
			assertThat(context.getBean(CorsPolicyRegistry.class).current()).isSameAs(context.getBean("userEngine"));
			assertThat(context.getBean(FilterRegistrationBean.class).getFilter()).isInstanceOf(CorsPolicyFilter.class);
		});
		this.servlet.withUserConfiguration(UserEngineConfiguration.class)
			.withPropertyValues(POLICY)
			.run(context -> assertThat(context.getBean(CorsPolicyRegistry.class).current().policies())
				.extracting(p -> p.name())
				.containsExactly("code"));
	}

	@Test
	void disabledMeansNoFilterEvenWithAUserEngine() {
		this.servlet.withUserConfiguration(UserEngineConfiguration.class)
			.withPropertyValues("cors.enabled=false")
			.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(FilterRegistrationBean.class));
		this.reactive.withUserConfiguration(UserEngineConfiguration.class)
			.withPropertyValues("cors.enabled=false")
			.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(OrderedCorsPolicyWebFilter.class));
	}

	@Test
	void userFilterRegistrationWins() {
		this.servlet.withPropertyValues(POLICY).withUserConfiguration(UserFilterConfiguration.class).run(context -> {
			assertThat(context).hasSingleBean(FilterRegistrationBean.class);
			assertThat(context.getBean(FilterRegistrationBean.class).getOrder()).isEqualTo(42);
		});
	}

	@Test
	void relaxedNamesBind() {
		this.servlet
			.withPropertyValues("cors.policies.api.pathPatterns=/api/**",
					"cors.policies.api.allowed_origins=https://a.example.com",
					"cors.policies.api.allowCredentials=true", "cors.policies.api.exposed-headers[0]=X-Request-Id")
			.run(context -> {
				CorsPolicy policy = context.getBean(CorsProperties.class).toCorsPolicies().get(0);
				assertThat(policy.pathPatterns()).containsExactly("/api/**");
				assertThat(policy.allowedOrigins()).containsExactly("https://a.example.com");
				assertThat(policy.allowCredentials()).isTrue();
				assertThat(policy.exposedHeaders()).containsExactly("X-Request-Id");
				assertThat(policy.allowedMethods()).containsExactly("GET", "HEAD", "POST");
				assertThat(policy.maxAge()).isEqualTo(Duration.ofMinutes(5));
			});
	}

	@ParameterizedTest(name = "max-age={0}")
	@CsvSource({ "10m, 600", "PT1H, 3600", "3600s, 3600", "90, 90", "0, 0" })
	void maxAgeBindsAsDuration(String value, long seconds) {
		this.servlet.withPropertyValues(POLICY)
			.withPropertyValues("cors.policies.api.max-age=" + value)
			.run(context -> assertThat(
					context.getBean(CorsProperties.class).getPolicies().get("api").getMaxAge().toSeconds())
				.isEqualTo(seconds));
	}

	@Test
	void unbindableValueFailsNamingTheProperty() {
		this.servlet.withPropertyValues(POLICY).withPropertyValues("cors.policies.api.max-age=banana").run(context -> {
			assertThat(context).hasFailed();
			InvalidCorsPropertiesException ex = findCause(context.getStartupFailure(),
					InvalidCorsPropertiesException.class);
			assertThat(ex.getViolations()).singleElement().satisfies(violation -> {
				assertThat(violation.property()).isEqualTo("cors.policies.api.max-age");
				assertThat(violation.value()).isEqualTo("banana");
				assertThat(violation.rule()).isEqualTo(ViolationRule.UNREADABLE_VALUE);
				assertThat(violation.action()).contains("cors.policies.api.max-age=10m");
			});
		});
	}

	@Test
	void foreignKeysStartWithOneWarningNamingWhereTheyWereSet(CapturedOutput output) {
		this.servlet.withPropertyValues(POLICY)
			.withPropertyValues("cors.proxy-url=http://proxy.internal:3128")
			.withSystemProperties("cors.something=1")
			.run(context -> assertThat(context).hasNotFailed().hasSingleBean(CorsPolicyRegistry.class));
		assertThat(output)
			.containsOnlyOnce("CORS property cors.proxy-url (property source 'test') ignored: "
					+ "cors-starter does not define it, so it is left to the application.")
			.containsOnlyOnce("CORS property cors.something (system property cors.something) ignored")
			.doesNotContain("http://proxy.internal:3128");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "cors.allowed-origins, Did you mean cors.policies.<name>.allowed-origins?",
			"cors.allowed-origin-patterns, Did you mean cors.policies.<name>.allowed-origins?",
			"cors.policy.x, Did you mean cors.policies?",
			"cors.policies.api.allowed-origin, Did you mean cors.policies.api.allowed-origins?",
			"cors.policies.api.allow-credential, Did you mean cors.policies.api.allow-credentials?" })
	void keysMeantForTheStarterStopStartupWithASuggestion(String key, String suggestion) {
		this.servlet.withPropertyValues(POLICY).withPropertyValues(key + "=x").run(context -> {
			assertThat(context).hasFailed();
			InvalidCorsPropertiesException ex = findCause(context.getStartupFailure(),
					InvalidCorsPropertiesException.class);
			assertThat(ex.getViolations()).singleElement().satisfies(violation -> {
				assertThat(violation.rule()).isEqualTo(ViolationRule.UNKNOWN_KEY);
				assertThat(violation.property()).isEqualTo(key);
				assertThat(violation.action()).startsWith(suggestion);
			});
		});
	}

	@Test
	void unknownKeysOverridesBothWays() {
		this.servlet.withPropertyValues(POLICY)
			.withPropertyValues("cors.allowed-origins=x", "cors.unknown-keys=warn")
			.run(context -> assertThat(context).hasNotFailed());
		this.servlet.withPropertyValues(POLICY)
			.withPropertyValues("cors.proxy-url=x", "cors.unknown-keys=fail")
			.run(context -> assertThat(
					findCause(context.getStartupFailure(), InvalidCorsPropertiesException.class).getViolations())
				.singleElement()
				.satisfies(v -> assertThat(v.property()).isEqualTo("cors.proxy-url")));
	}

	@Test
	void problemsAreReportedWhenNoPolicyIsCompiled() {
		this.servlet.withPropertyValues("cors.policy.api.path-patterns=/api/**")
			.run(context -> assertThat(
					findCause(context.getStartupFailure(), InvalidCorsPropertiesException.class).getViolations())
				.singleElement()
				.satisfies(v -> assertThat(v.property()).isEqualTo("cors.policy.api.path-patterns")));
		this.servlet.withUserConfiguration(UserEngineConfiguration.class)
			.withPropertyValues("cors.policies.api.max-age=soon")
			.run(context -> assertThat(
					findCause(context.getStartupFailure(), InvalidCorsPropertiesException.class).getViolations())
				.singleElement()
				.satisfies(v -> assertThat(v.property()).isEqualTo("cors.policies.api.max-age")));
	}

	@Test
	void invalidPoliciesStopTheContextBeforeAnyFilterExists() {
		this.servlet.withPropertyValues(POLICY)
			.withPropertyValues("cors.policies.api.allowed-origins=*", "cors.policies.api.allow-credentials=true")
			.run(context -> {
				assertThat(context).hasFailed();
				InvalidCorsConfigurationException ex = findCause(context.getStartupFailure(),
						InvalidCorsConfigurationException.class);
				assertThat(ex.getViolations())
					.anySatisfy(v -> assertThat(v.property()).isEqualTo("cors.policies.api.allowed-origins[0]"));
			});
	}

	@SuppressWarnings("unchecked")
	static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return (T) t;
			}
		}
		throw new AssertionError("No " + type.getSimpleName() + " in " + failure);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEngineConfiguration {

		@Bean
		CorsEngine userEngine() {
			return CorsEngine.create(List.of(CorsPolicy.builder("code")
				.pathPatterns("/code/**")
				.allowedOrigins("https://code.example.com")
				.build()));
		}

	}

	/**
	 * Registered as Spring Boot does with
	 * {@code server.forward-headers-strategy=framework}.
	 */
	@Configuration(proxyBeanMethods = false)
	static class ForwardedHeaderFilterConfiguration {

		@Bean
		FilterRegistrationBean<ForwardedHeaderFilter> forwardedHeaderFilter() {
			FilterRegistrationBean<ForwardedHeaderFilter> registration = new FilterRegistrationBean<>(
					new ForwardedHeaderFilter());
			registration.setName("forwardedHeaderFilter");
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserFilterConfiguration {

		@Bean
		FilterRegistrationBean<CorsPolicyFilter> myCorsFilter(CorsPolicyRegistry policies) {
			FilterRegistrationBean<CorsPolicyFilter> registration = new FilterRegistrationBean<>(
					new CorsPolicyFilter(policies, (request, decision) -> {
					}, ServletRouting.DEFAULT));
			registration.setOrder(42);
			return registration;
		}

	}

}
