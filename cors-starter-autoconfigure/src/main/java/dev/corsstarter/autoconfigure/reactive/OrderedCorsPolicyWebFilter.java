package dev.corsstarter.autoconfigure.reactive;

import org.springframework.core.Ordered;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.observation.CorsDecisionObserver;
import dev.corsstarter.autoconfigure.web.CorsRouting;

/**
 * The reactive filter at the routing's filter order, as the auto-configuration installs
 * it: WebFlux sorts web filter beans by {@link Ordered}.
 */
public class OrderedCorsPolicyWebFilter extends CorsPolicyWebFilter implements Ordered {

	public OrderedCorsPolicyWebFilter(CorsPolicyRegistry policies, CorsDecisionObserver observer, CorsRouting routing) {
		super(policies, observer, routing);
	}

	@Override
	public int getOrder() {
		return this.routing.filterOrder();
	}

}
