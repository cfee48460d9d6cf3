package dev.corsstarter.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
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
import dev.corsstarter.autoconfigure.observation.CorsMetrics;

/**
 * Counts decisions and policy changes in Micrometer when a {@link MeterRegistry} exists,
 * and puts the decision on Spring's server request observation through an
 * {@link ObservationFilter} bean. After Spring Boot's metrics auto-configurations, named
 * for each Spring Boot line (they moved module in 4.0) so that module stays optional.
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
	@ConditionalOnClass(value = ObservationFilter.class, name = "jakarta.servlet.http.HttpServletRequest")
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static final class ServletObservation {

		@Bean
		@ConditionalOnMissingBean
		ServletCorsObservationFilter servletCorsObservationFilter() {
			return new ServletCorsObservationFilter();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ObservationFilter.class)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static final class ReactiveObservation {

		@Bean
		@ConditionalOnMissingBean
		ReactiveCorsObservationFilter reactiveCorsObservationFilter() {
			return new ReactiveCorsObservationFilter();
		}

	}

}
