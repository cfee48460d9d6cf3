package dev.corsstarter.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.server.WebFilter;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.observation.CorsDecisionObserver;
import dev.corsstarter.autoconfigure.properties.CorsProperties;
import dev.corsstarter.autoconfigure.properties.CorsStartupLog;
import dev.corsstarter.autoconfigure.reactive.CorsPolicyWebFilter;
import dev.corsstarter.autoconfigure.reactive.OrderedCorsPolicyWebFilter;
import dev.corsstarter.autoconfigure.web.CorsRouting;

/**
 * Installs the CORS web filter in reactive applications, ahead of Spring Security's
 * {@code WebFilterChainProxy}, and publishes how the application routes requests. The
 * filter carries its order through {@link Ordered}, which WebFlux honours on every
 * supported Spring Boot line (Boot's {@code OrderedWebFilter} moved package in 4.0).
 */
@AutoConfiguration(after = CorsAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass(WebFilter.class)
@ConditionalOnBean(CorsPolicyRegistry.class)
@ConditionalOnBooleanProperty(name = "cors.enabled", matchIfMissing = true)
@Import(CorsRoutingConfiguration.class)
public final class CorsReactiveAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(CorsPolicyWebFilter.class)
	OrderedCorsPolicyWebFilter corsPolicyWebFilter(CorsPolicyRegistry policies, CorsProperties properties,
			ObjectProvider<CorsDecisionObserver> observers, CorsRouting routing, Environment environment) {
		CorsStartupLog.installed("reactive", policies.current(), routing.filterOrder(), properties, environment);
		return new OrderedCorsPolicyWebFilter(policies, CorsDecisionObserver.of(observers), routing);
	}

}
