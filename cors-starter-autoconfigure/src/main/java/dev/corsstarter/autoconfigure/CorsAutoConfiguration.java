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
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import dev.corsstarter.autoconfigure.CorsPropertySources.WrittenProperty;
import dev.corsstarter.autoconfigure.lifecycle.CorsPoliciesCustomizer;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.observation.CorsDecisionLogger;
import dev.corsstarter.autoconfigure.observation.LogSanitizer;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.validation.InvalidCorsConfigurationException;
import dev.corsstarter.core.validation.Severity;
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

	/** Refuses Spring Boot lines older than the supported ones, see {@link SpringBootLines}. */
	CorsAutoConfiguration() {
		SpringBootLines.check(SpringBootVersion.getVersion());
	}

	/** Checks every key under {@code cors.} and reports unreadable values when the properties bind. */
	@Bean
	static CorsPropertiesBindHandlerAdvisor corsPropertiesBindHandlerAdvisor() {
		return new CorsPropertiesBindHandlerAdvisor();
	}

	/** Warns when {@code cors.*} properties are set but no policy is, so no filter is installed. */
	@Bean
	static SmartInitializingSingleton corsInactiveWarning(ListableBeanFactory beanFactory, Environment environment) {
		return () -> {
			if (beanFactory.getBeanNamesForType(CorsPolicyRegistry.class, false, false).length > 0) {
				return;
			}
			List<WrittenProperty> seen = CorsPropertySources.all(ConfigurationPropertySources.get(environment));
			if (!seen.isEmpty()) {
				logger.warn("CORS properties are set but no policy is configured under cors.policies.<name>, so no "
						+ "CORS filter is installed. Properties seen: "
						+ String.join(", ", seen.stream().map(CorsAutoConfiguration::keyAndOrigin).toList())
						+ ". Configure a policy, e.g. cors.policies.api.path-patterns=/api/** and "
						+ "cors.policies.api.allowed-origins=https://app.example.com");
			}
		};
	}

	/**
	 * Compile the bound policies under the active profiles' rules, with every
	 * {@link CorsPoliciesCustomizer}. A refusal names, for every violation, where its value was
	 * set and the value as written; warnings are logged once. The registry reloads the policies
	 * from the environment as it is when asked, through the same checks.
	 */
	@Bean
	@ConditionalOnCorsPolicies
	@ConditionalOnMissingBean({ CorsPolicyRegistry.class, CorsEngine.class })
	CorsPolicyRegistry corsPolicyRegistry(CorsProperties properties, Environment environment,
			ObjectProvider<CorsPoliciesCustomizer> customizers, CorsPropertiesBindHandlerAdvisor advisor) {
		Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.get(environment);
		UnaryOperator<Violation> locator = (violation) -> CorsPropertySources.locate(violation, sources);
		CorsEngine engine = compile(properties, customize(properties.toCorsPolicies(), customizers), environment);
		for (Violation warning : engine.warnings()) {
			logger.warn("CORS configuration: " + LogSanitizer.describe(locator.apply(warning)));
		}
		// from now on a rebinding of the properties bean (Spring Cloud's on a refresh) must not fail:
		// the registry's reload reports a bad change and keeps the policies serving
		advisor.startupBindingDone();
		return new CorsPolicyRegistry(engine,
				() -> customize(CorsPropertiesBindHandlerAdvisor.bind(environment).toCorsPolicies(), customizers),
				locator);
	}

	/**
	 * Compile policies under the rules the active profiles call for, as at startup. A refusal
	 * names, for every violation, where its value was set; with {@code cors.unknown-keys=warn}
	 * it also names the unknown keys, since a misspelt key may be why a value is missing.
	 */
	static CorsEngine compile(CorsProperties properties, List<CorsPolicy> policies, Environment environment) {
		ValidationContext context = new ValidationContext(productionProfile(properties, environment) != null,
				properties.getDevOrigins());
		try {
			return CorsEngine.compile(policies, context);
		}
		catch (InvalidCorsConfigurationException ex) {
			Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.get(environment);
			throw new InvalidCorsPropertiesException(
					ex.getViolations().stream().map(violation -> CorsPropertySources.locate(violation, sources)).toList(),
					CorsPropertySources.unknownKeys(sources, Severity.WARN));
		}
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

	private static String keyAndOrigin(WrittenProperty property) {
		return property.written() + (property.origin().isEmpty() ? "" : " (" + property.origin() + ")");
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
