package dev.corsstarter.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import dev.corsstarter.autoconfigure.CorsPropertiesBindHandlerAdvisor.CorsBinding;
import dev.corsstarter.autoconfigure.lifecycle.CorsPoliciesCustomizer;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.observation.CorsDecisionLogger;
import dev.corsstarter.autoconfigure.observation.LogSanitizer;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.validation.InvalidCorsConfigurationException;
import dev.corsstarter.core.validation.ValidationContext;
import dev.corsstarter.core.validation.Violation;

/**
 * Binds, validates and compiles the CORS policies into a {@link CorsPolicyRegistry}. The
 * stack-specific auto-configurations install a filter when a registry exists.
 */
@AutoConfiguration
@EnableConfigurationProperties(CorsProperties.class)
@ImportRuntimeHints(CorsRuntimeHints.class)
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "cors.enabled", matchIfMissing = true)
public final class CorsAutoConfiguration {

	private static final Log logger = LogFactory.getLog(CorsAutoConfiguration.class);

	/**
	 * Refuses Spring Boot lines older than the supported ones, see
	 * {@link SpringBootLines}.
	 */
	CorsAutoConfiguration() {
		SpringBootLines.check(SpringBootVersion.getVersion());
	}

	/**
	 * Checks every key under {@code cors.} and reports unreadable values when the
	 * properties bind.
	 */
	@Bean
	static CorsPropertiesBindHandlerAdvisor corsPropertiesBindHandlerAdvisor() {
		return new CorsPropertiesBindHandlerAdvisor();
	}

	/**
	 * Reports what binding found when no policy was compiled from the properties (a
	 * misspelt {@code cors.policies}, or an application's own engine), and warns when
	 * {@code cors.*} properties are set but no policy is, so no filter is installed.
	 */
	@Bean
	static SmartInitializingSingleton corsPropertiesCheck(ListableBeanFactory beanFactory, Environment environment,
			ObjectProvider<CorsProperties> properties, CorsPropertiesBindHandlerAdvisor advisor) {
		return () -> {
			properties.getIfAvailable();
			InvalidCorsPropertiesException failure = CorsPropertiesBindHandlerAdvisor.failure(advisor.startupBinding(),
					List.of(), environment);
			if (failure != null) {
				throw failure;
			}
			if (beanFactory.getBeanNamesForType(CorsPolicyRegistry.class, false, false).length > 0) {
				return;
			}
			List<ConfigurationProperty> seen = CorsPropertySources.all(ConfigurationPropertySources.get(environment));
			if (!seen.isEmpty()) {
				logger.warn("CORS properties are set but no policy is configured under cors.policies.<name>, so no "
						+ "CORS filter is installed. Properties seen: "
						+ String.join(", ", seen.stream().map(CorsPropertySources::keyAndOrigin).toList())
						+ ". Configure a policy, e.g. cors.policies.api.path-patterns=/api/** and "
						+ "cors.policies.api.allowed-origins=https://app.example.com");
			}
		};
	}

	/**
	 * Compile the bound policies under the active profiles' rules, with every
	 * {@link CorsPoliciesCustomizer}. A refusal names, for every violation, where its
	 * value was set and the value as written, together with what binding found; warnings
	 * are logged once. The registry reloads the policies from the environment as it is
	 * when asked, through the same checks.
	 */
	@Bean
	@ConditionalOnCorsPolicies
	@ConditionalOnMissingBean({ CorsPolicyRegistry.class, CorsEngine.class })
	CorsPolicyRegistry corsPolicyRegistry(CorsProperties properties, Environment environment,
			ObjectProvider<CorsPoliciesCustomizer> customizers, CorsPropertiesBindHandlerAdvisor advisor) {
		UnaryOperator<Violation> locator = (violation) -> CorsPropertySources.locate(violation, environment);
		CorsBinding binding = advisor.startupBinding().withProperties(properties);
		CorsEngine engine = compile(binding, customize(properties.toCorsPolicies(), customizers), environment);
		for (Violation warning : engine.warnings()) {
			logger.warn("CORS configuration: " + LogSanitizer.describe(locator.apply(warning)));
		}
		// from now on a rebinding of the properties bean (Spring Cloud's on a refresh)
		// must not fail:
		// the registry's reload reports a bad change and keeps the policies serving
		advisor.startupBindingDone();
		return new CorsPolicyRegistry(engine, () -> {
			CorsBinding now = CorsPropertiesBindHandlerAdvisor.bind(environment);
			List<CorsPolicy> policies = customize(now.properties().toCorsPolicies(), customizers);
			if (!now.errors().isEmpty()) {
				compile(now, policies, environment);
			}
			return policies;
		}, locator);
	}

	/**
	 * Compile policies under the rules the active profiles call for, as at startup. A
	 * refusal names every problem in one failure: what binding found and the policies'
	 * violations, each with where its value was set, in the order the properties are
	 * written.
	 */
	static CorsEngine compile(CorsBinding binding, List<CorsPolicy> policies, Environment environment) {
		CorsProperties properties = binding.properties();
		ValidationContext context = new ValidationContext(productionProfile(properties, environment) != null,
				properties.getDevOrigins());
		List<Violation> violations = List.of();
		CorsEngine engine = null;
		try {
			engine = CorsEngine.compile(policies, context);
		}
		catch (InvalidCorsConfigurationException ex) {
			violations = ex.getViolations().stream().map((v) -> CorsPropertySources.locate(v, environment)).toList();
		}
		InvalidCorsPropertiesException failure = CorsPropertiesBindHandlerAdvisor.failure(binding, violations,
				environment);
		if (failure != null) {
			throw failure;
		}
		if (engine == null) {
			throw new InvalidCorsPropertiesException(violations, binding.unknownKeys());
		}
		return engine;
	}

	/** An application's own engine: served as it is; only application code changes it. */
	@Bean
	@ConditionalOnBean(CorsEngine.class)
	@ConditionalOnMissingBean(CorsPolicyRegistry.class)
	CorsPolicyRegistry applicationCorsPolicyRegistry(CorsEngine engine) {
		return new CorsPolicyRegistry(engine);
	}

	private static List<CorsPolicy> customize(List<CorsPolicy> policies,
			ObjectProvider<CorsPoliciesCustomizer> customizers) {
		List<CorsPolicy> result = policies;
		for (CorsPoliciesCustomizer customizer : customizers.orderedStream().toList()) {
			result = List.copyOf(customizer.customize(result));
		}
		return result;
	}

	@Bean
	@ConditionalOnMissingBean
	CorsDecisionLogger corsDecisionLogger() {
		return new CorsDecisionLogger();
	}

	/** The first of {@code cors.production-profiles} that is active, or {@code null}. */
	static String productionProfile(CorsProperties properties, Environment environment) {
		for (String profile : productionProfiles(properties)) {
			if (environment.acceptsProfiles(Profiles.of(profile))) {
				return profile;
			}
		}
		return null;
	}

	static List<String> productionProfiles(CorsProperties properties) {
		List<String> profiles = new ArrayList<>();
		if (properties.getProductionProfiles() != null) {
			for (String profile : properties.getProductionProfiles()) {
				if (profile != null && !profile.isBlank()) {
					profiles.add(profile.strip());
				}
			}
		}
		return profiles;
	}

}
