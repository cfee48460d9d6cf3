package dev.corsstarter.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationFilter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.corsstarter.autoconfigure.interop.CorsObservationFilter;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.observation.CorsMetrics;

/**
 * Counts decisions and policy changes in Micrometer, and puts the decision on Spring's
 * server request observation. The metrics auto-configurations it follows are named, so
 * their module (moved in Spring Boot 4.0) stays optional.
 */
@AutoConfiguration(after = CorsAutoConfiguration.class, afterName = {
		// Spring Boot 4.x
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		// Spring Boot 3.5
		"org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnBean(CorsPolicyRegistry.class)
@ConditionalOnBooleanProperty(name = "cors.enabled", matchIfMissing = true)
@ConditionalOnWebApplication
public final class CorsObservationAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static final class Metrics {

		@Bean
		@ConditionalOnMissingBean
		CorsMetrics corsMetrics(MeterRegistry registry, CorsPolicyRegistry policies) {
			return new CorsMetrics(registry, policies);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ObservationFilter.class)
	static final class Observation {

		@Bean
		@ConditionalOnMissingBean
		CorsObservationFilter corsObservationFilter() {
			return new CorsObservationFilter();
		}

	}

}
