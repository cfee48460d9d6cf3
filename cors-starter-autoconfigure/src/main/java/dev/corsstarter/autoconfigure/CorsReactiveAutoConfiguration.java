package dev.corsstarter.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.webflux.filter.OrderedWebFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.WebFilter;

import dev.corsstarter.autoconfigure.observation.CompositeCorsDecisionObserver;
import dev.corsstarter.autoconfigure.observation.CorsDecisionObserver;
import dev.corsstarter.autoconfigure.reactive.CorsPolicyWebFilter;
import dev.corsstarter.core.decision.CorsEngine;

/**
 * Installs the CORS web filter in reactive applications, ahead of Spring Security's
 * {@code WebFilterChainProxy}.
 */
@AutoConfiguration(after = CorsAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass({ WebFilter.class, OrderedWebFilter.class })
@ConditionalOnBean(CorsEngine.class)
@ConditionalOnBooleanProperty(name = "cors.enabled", matchIfMissing = true)
public final class CorsReactiveAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	OrderedCorsPolicyWebFilter corsPolicyWebFilter(CorsEngine engine, CorsProperties properties,
			ObjectProvider<CorsDecisionObserver> observers, ObjectProvider<CorsConfigurationReport> report) {
		OrderedCorsPolicyWebFilter filter = new OrderedCorsPolicyWebFilter(engine,
				CompositeCorsDecisionObserver.of(observers), CorsFilterOrder.resolve(properties));
		CorsStartupLog.installed("reactive", engine, filter.getOrder(), report);
		return filter;
	}

	/** The reactive filter with its order. */
	public static class OrderedCorsPolicyWebFilter extends CorsPolicyWebFilter implements OrderedWebFilter {

		private final int order;

		public OrderedCorsPolicyWebFilter(CorsEngine engine, CorsDecisionObserver observer, int order) {
			super(engine, observer);
			this.order = order;
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

}
