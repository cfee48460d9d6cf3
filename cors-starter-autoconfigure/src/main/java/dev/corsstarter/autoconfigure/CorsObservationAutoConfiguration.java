package dev.corsstarter.autoconfigure;

import io.micrometer.observation.ObservationFilter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.corsstarter.autoconfigure.interop.ReactiveCorsObservationFilter;
import dev.corsstarter.autoconfigure.interop.ServletCorsObservationFilter;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;

/**
 * Puts the CORS decision (outcome, reason, policy, mode) on Spring's server request
 * observation, as an {@link ObservationFilter} bean that Spring Boot applies.
 */
@AutoConfiguration(after = CorsAutoConfiguration.class)
@ConditionalOnClass(ObservationFilter.class)
@ConditionalOnBean(CorsPolicyRegistry.class)
@ConditionalOnBooleanProperty(name = "cors.enabled", matchIfMissing = true)
public final class CorsObservationAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(name = "jakarta.servlet.http.HttpServletRequest")
	static final class ServletObservation {

		@Bean
		@ConditionalOnMissingBean
		ServletCorsObservationFilter servletCorsObservationFilter() {
			return new ServletCorsObservationFilter();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static final class ReactiveObservation {

		@Bean
		@ConditionalOnMissingBean
		ReactiveCorsObservationFilter reactiveCorsObservationFilter() {
			return new ReactiveCorsObservationFilter();
		}

	}

}
