package dev.corsstarter.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import dev.corsstarter.autoconfigure.observation.CorsDecisionLogger;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.validation.CorsPolicyValidator;
import dev.corsstarter.core.validation.InvalidCorsConfigurationException;
import dev.corsstarter.core.validation.ValidationContext;
import dev.corsstarter.core.validation.Violation;

/**
 * Binds, validates and compiles the CORS policies. The stack-specific auto-configurations
 * install a filter when a {@link CorsEngine} exists.
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

	@Bean
	@ConditionalOnCorsPolicies
	@ConditionalOnMissingBean
	CorsConfigurationReport corsConfigurationReport(CorsProperties properties, Environment environment) {
		boolean production = isProduction(properties, environment);
		List<CorsPolicy> policies = properties.toCorsPolicies();
		List<Violation> violations = CorsPolicyValidator.validate(policies,
				new ValidationContext(production, properties.getDevOrigins()));
		if (violations.stream().anyMatch(Violation::isError)) {
			throw new InvalidCorsConfigurationException(violations);
		}
		for (Violation warning : violations) {
			logger.warn("CORS configuration: " + warning);
		}
		return new CorsConfigurationReport(production, violations);
	}

	@Bean
	@ConditionalOnCorsPolicies
	@ConditionalOnMissingBean
	CorsEngine corsEngine(CorsProperties properties, CorsConfigurationReport report) {
		return CorsEngine.create(properties.toCorsPolicies());
	}

	@Bean
	@ConditionalOnMissingBean
	CorsDecisionLogger corsDecisionLogger() {
		return new CorsDecisionLogger();
	}

	private static boolean isProduction(CorsProperties properties, Environment environment) {
		List<String> profiles = new ArrayList<>();
		for (String profile : properties.getProductionProfiles()) {
			if (profile != null && !profile.isBlank()) {
				profiles.add(profile.strip());
			}
		}
		return !profiles.isEmpty() && environment.acceptsProfiles(Profiles.of(profiles.toArray(String[]::new)));
	}

}
