package dev.corsstarter.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.cloud.autoconfigure.ConfigurationPropertiesRebinderAutoConfiguration;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

import dev.corsstarter.autoconfigure.lifecycle.CorsPoliciesCustomizer;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyReloadListener;
import dev.corsstarter.autoconfigure.lifecycle.PolicyChange;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.validation.ViolationRule;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the policies reload on Spring Cloud's {@code EnvironmentChangeEvent}, and what a
 * reload keeps: customizers, the validation context, the previous policies when it is
 * refused.
 */
class CorsPolicyReloadAutoConfigurationTests {

	private static final String[] POLICY = { "cors.policies.api.path-patterns=/api/**",
			"cors.policies.api.allowed-origins=https://app.example.com" };

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CorsAutoConfiguration.class, CorsPolicyReloadAutoConfiguration.class))
		.withPropertyValues(POLICY);

	@Test
	void listensForEnvironmentChangesWhenSpringCloudContextIsPresent() {
		this.runner.run(context -> assertThat(context).hasSingleBean(CorsPolicyReloadListener.class));
	}

	@Test
	void withoutSpringCloudContextNothingListensAndTheRegistryStillWorks() {
		this.runner.withClassLoader(new FilteredClassLoader(EnvironmentChangeEvent.class))
			.run(context -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CorsPolicyReloadListener.class)
				.hasSingleBean(CorsPolicyRegistry.class));
	}

	@Test
	void withoutPoliciesNothingListens() {
		new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(CorsAutoConfiguration.class, CorsPolicyReloadAutoConfiguration.class))
			.run(context -> assertThat(context).doesNotHaveBean(CorsPolicyReloadListener.class));
	}

	@Test
	void disabledStarterDoesNotListen() {
		this.runner.withPropertyValues("cors.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean(CorsPolicyReloadListener.class));
	}

	@Test
	void aReloadKeepsTheProductionRulesOfStartup() {
		this.runner.withPropertyValues("spring.profiles.active=prod").run(context -> {
			change(context, "cors.policies.api.allowed-origins", "https://app.example.com,http://localhost:3000");

			CorsPolicyRegistry policies = context.getBean(CorsPolicyRegistry.class);
			assertThat(policies.lastChange().outcome()).isEqualTo(PolicyChange.Outcome.REFUSED);
			assertThat(policies.lastChange().violations()).extracting(v -> v.rule())
				.contains(ViolationRule.DEV_ORIGIN_IN_PRODUCTION);
			assertThat(policies.generation()).isEqualTo(1);
		});
	}

	@Test
	void customizersApplyAtStartupAndOnEveryReload() {
		this.runner.withUserConfiguration(TenantCustomizer.class).run(context -> {
			CorsPolicyRegistry policies = context.getBean(CorsPolicyRegistry.class);
			assertThat(policies.current().policies().get(0).allowedOrigins()).containsExactly("https://app.example.com",
					"https://tenant.example.net");

			change(context, "cors.policies.api.allowed-origins", "https://new.example.com");

			assertThat(policies.generation()).isEqualTo(2);
			assertThat(policies.current().policies().get(0).allowedOrigins()).containsExactly("https://new.example.com",
					"https://tenant.example.net");
		});
	}

	@Test
	void takingARefusedChangeBackShowsAsUnchanged() {
		this.runner.run(context -> {
			CorsPolicyRegistry policies = context.getBean(CorsPolicyRegistry.class);
			change(context, "cors.policies.api.allowed-origins", "https://*.com");
			assertThat(policies.lastChange().outcome()).isEqualTo(PolicyChange.Outcome.REFUSED);

			change(context, "cors.policies.api.allowed-origins", "https://app.example.com");

			assertThat(policies.lastChange().outcome()).isEqualTo(PolicyChange.Outcome.UNCHANGED);
			assertThat(policies.generation()).isEqualTo(1);
			assertThat(policies.refusedChanges()).isEqualTo(1);
			assertThat(policies.appliedChanges()).isZero();
		});
	}

	@Test
	void anUnrelatedChangeChangesNothing() {
		this.runner.run(context -> {
			change(context, "server.shutdown", "graceful");

			CorsPolicyRegistry policies = context.getBean(CorsPolicyRegistry.class);
			assertThat(policies.generation()).isEqualTo(1);
			assertThat(policies.lastChange()).isNull();
			assertThat(policies.appliedChanges() + policies.refusedChanges()).isZero();
		});
	}

	@Test
	void springCloudsRebindingOfABadChangeDoesNotFailTheRefresh() {
		this.runner.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesRebinderAutoConfiguration.class))
			.run(context -> {
				change(context, "cors.policies.api.allow-credential", "true");

				CorsPolicyRegistry policies = context.getBean(CorsPolicyRegistry.class);
				assertThat(policies.lastChange().outcome()).isEqualTo(PolicyChange.Outcome.REFUSED);
				assertThat(policies.lastChange().violations()).extracting(v -> v.rule())
					.contains(ViolationRule.UNKNOWN_KEY);
			});
	}

	@Test
	void anApplicationsOwnEngineIsServedAsItIsAndNotReloadedFromProperties() {
		this.runner.withUserConfiguration(OwnEngine.class).run(context -> {
			CorsPolicyRegistry policies = context.getBean(CorsPolicyRegistry.class);
			change(context, "cors.policies.api.allowed-origins", "https://new.example.com");

			assertThat(policies.current()).isSameAs(context.getBean(CorsEngine.class));
			assertThat(policies.generation()).isEqualTo(1);
			assertThat(policies.reload().outcome()).isEqualTo(PolicyChange.Outcome.UNCHANGED);
		});
	}

	private static void change(org.springframework.context.ConfigurableApplicationContext context, String key,
			String value) {
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("change", Map.of(key, value)));
		// the source is the context itself, as Spring Cloud's refresh sends it, not the
		// test's wrapper
		ApplicationContext source = (context instanceof ApplicationContextAssertProvider<?> provider)
				? provider.getSourceApplicationContext() : context;
		context.publishEvent(new EnvironmentChangeEvent(source, Set.of(key)));
	}

	@Configuration(proxyBeanMethods = false)
	static class TenantCustomizer {

		@Bean
		CorsPoliciesCustomizer tenantOrigins() {
			return (policies) -> policies.stream().map(policy -> {
				List<String> origins = new java.util.ArrayList<>(policy.allowedOrigins());
				origins.add("https://tenant.example.net");
				return CorsPolicy.builder(policy.name())
					.pathPatterns(policy.pathPatterns())
					.allowedOrigins(origins)
					.build();
			}).toList();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnEngine {

		@Bean
		CorsEngine ownEngine() {
			return CorsEngine.create(List.of(CorsPolicy.builder("own")
				.pathPatterns("/own/**")
				.allowedOrigins("https://own.example.com")
				.build()));
		}

	}

}
