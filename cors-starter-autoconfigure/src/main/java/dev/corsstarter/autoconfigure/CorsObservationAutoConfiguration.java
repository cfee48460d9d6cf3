package dev.corsstarter.autoconfigure;

import io.micrometer.observation.ObservationFilter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

import dev.corsstarter.autoconfigure.interop.CorsObservationFilter;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;

/**
 * Puts the CORS decision (outcome, reason, policy, mode) on Spring's server request
 * observation, so {@code http.server.requests}, the request's span and its log
 * correlation say why a request was refused. Spring Boot applies every
 * {@link ObservationFilter} bean to its observation registry; without one, the filter
 * bean is simply unused.
 */
@AutoConfiguration(after = CorsAutoConfiguration.class)
@ConditionalOnClass(ObservationFilter.class)
@ConditionalOnBean(CorsPolicyRegistry.class)
@ConditionalOnBooleanProperty(name = "cors.enabled", matchIfMissing = true)
@ConditionalOnWebApplication
public final class CorsObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CorsObservationFilter corsObservationFilter() {
		return new CorsObservationFilter();
	}

}
