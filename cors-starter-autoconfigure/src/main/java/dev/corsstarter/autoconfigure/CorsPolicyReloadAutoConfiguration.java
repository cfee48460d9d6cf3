package dev.corsstarter.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.annotation.Bean;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyReloadListener;

/**
 * Reloads the CORS policies when Spring Cloud reports a change of the environment
 * ({@code /actuator/refresh}, {@code busrefresh}, a ConfigMap reload). Without Spring
 * Cloud Context, policies change only through the {@link CorsPolicyRegistry}.
 */
@AutoConfiguration(after = CorsAutoConfiguration.class)
@ConditionalOnClass(EnvironmentChangeEvent.class)
@ConditionalOnBean(CorsPolicyRegistry.class)
@ConditionalOnBooleanProperty(name = "cors.enabled", matchIfMissing = true)
public final class CorsPolicyReloadAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CorsPolicyReloadListener corsPolicyReloadListener(CorsPolicyRegistry policies) {
		return new CorsPolicyReloadListener(policies);
	}

}
