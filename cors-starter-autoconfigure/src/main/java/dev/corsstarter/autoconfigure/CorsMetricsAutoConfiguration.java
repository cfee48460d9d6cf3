package dev.corsstarter.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.observation.CorsDecisionMetrics;
import dev.corsstarter.autoconfigure.observation.CorsPolicyMetrics;

/**
 * Counts CORS decisions and policy changes in Micrometer when a {@link MeterRegistry}
 * exists: after Spring Boot's metrics auto-configurations, named for each Spring Boot
 * line (they moved module in 4.0) so that module stays optional.
 */
@AutoConfiguration(after = CorsAutoConfiguration.class, afterName = {
		// Spring Boot 4.x
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		// Spring Boot 3.5
		"org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ CorsPolicyRegistry.class, MeterRegistry.class })
@ConditionalOnBooleanProperty(name = "cors.enabled", matchIfMissing = true)
public final class CorsMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CorsDecisionMetrics corsDecisionMetrics(MeterRegistry registry) {
		return new CorsDecisionMetrics(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	CorsPolicyMetrics corsPolicyMetrics(CorsPolicyRegistry policies) {
		return new CorsPolicyMetrics(policies);
	}

}
