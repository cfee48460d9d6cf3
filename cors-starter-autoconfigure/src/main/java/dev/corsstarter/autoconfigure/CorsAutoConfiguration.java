package dev.corsstarter.autoconfigure;

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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.ConfigurableEnvironment;

import dev.corsstarter.autoconfigure.diagnostics.SpringBootLines;
import dev.corsstarter.autoconfigure.lifecycle.CorsPoliciesCustomizer;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.observation.CorsDecisionLogger;
import dev.corsstarter.autoconfigure.diagnostics.LogSanitizer;
import dev.corsstarter.autoconfigure.properties.CorsPolicyLoader;
import dev.corsstarter.autoconfigure.properties.CorsProperties;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.validation.Violation;

/**
 * Loads the CORS policies into a {@link CorsPolicyRegistry} with the
 * {@link CorsPolicyLoader}; the stack-specific auto-configurations install a filter when
 * a registry exists.
 */
@AutoConfiguration
@EnableConfigurationProperties(CorsProperties.class)
@ImportRuntimeHints(CorsRuntimeHints.class)
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "cors.enabled", matchIfMissing = true)
public final class CorsAutoConfiguration {

	private static final Log logger = LogFactory.getLog(CorsAutoConfiguration.class);

	CorsAutoConfiguration() {
		SpringBootLines.check(SpringBootVersion.getVersion());
	}

	@Bean
	static CorsPolicyLoader corsPolicyLoader(ConfigurableEnvironment environment,
			ObjectProvider<CorsPoliciesCustomizer> customizers) {
		return new CorsPolicyLoader(environment, customizers::orderedStream);
	}

	/** Without policies loaded, reports what binding found, or warns of no filter. */
	@Bean
	static SmartInitializingSingleton corsPropertiesCheck(ListableBeanFactory beans, CorsPolicyLoader loader) {
		return () -> loader.check(beans.getBeanNamesForType(CorsPolicyRegistry.class, false, false).length > 0);
	}

	/** The policies loaded at startup, warnings logged; reloads keep startup's rules. */
	@Bean
	@ConditionalOnCorsPolicies
	@ConditionalOnMissingBean({ CorsPolicyRegistry.class, CorsEngine.class })
	CorsPolicyRegistry corsPolicyRegistry(CorsPolicyLoader loader, ConfigurableEnvironment environment) {
		CorsEngine engine = loader.load();
		for (Violation warning : engine.warnings()) {
			logger.warn("CORS configuration: " + LogSanitizer.describe(CorsPolicyLoader.locate(warning, environment)));
		}
		return CorsPolicyRegistry.loading(engine, loader::load,
				(violation) -> CorsPolicyLoader.locate(violation, environment));
	}

	/** An application's own engine: served as it is; only application code changes it. */
	@Bean
	@ConditionalOnBean(CorsEngine.class)
	@ConditionalOnMissingBean(CorsPolicyRegistry.class)
	CorsPolicyRegistry applicationCorsPolicyRegistry(CorsEngine engine) {
		return new CorsPolicyRegistry(engine);
	}

	@Bean
	@ConditionalOnMissingBean
	CorsDecisionLogger corsDecisionLogger() {
		return new CorsDecisionLogger();
	}

}
