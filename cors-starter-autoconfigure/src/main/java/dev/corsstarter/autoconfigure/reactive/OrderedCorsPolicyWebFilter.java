package dev.corsstarter.autoconfigure.reactive;

import java.util.function.Supplier;

import org.springframework.core.Ordered;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.observation.CorsDecisionObserver;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.request.PathMatching;

/**
 * The reactive filter with its order, as the auto-configuration installs it. WebFlux
 * sorts web filter beans by {@link Ordered}.
 */
public class OrderedCorsPolicyWebFilter extends CorsPolicyWebFilter implements Ordered {

	private final int order;

	public OrderedCorsPolicyWebFilter(CorsEngine engine, CorsDecisionObserver observer, int order) {
		this(engine, observer, order, null);
	}

	/**
	 * @param methodOverrideParameter the form parameter a {@code HiddenHttpMethodFilter}
	 * in the application reads, or {@code null} when no such filter runs
	 */
	public OrderedCorsPolicyWebFilter(CorsEngine engine, CorsDecisionObserver observer, int order,
			String methodOverrideParameter) {
		super(engine, observer, methodOverrideParameter);
		this.order = order;
	}

	/**
	 * @param policies the policies in force, read once per request
	 * @param methodOverrideParameter the form parameter a {@code HiddenHttpMethodFilter}
	 * in the application reads, or {@code null} when no such filter runs
	 */
	public OrderedCorsPolicyWebFilter(CorsPolicyRegistry policies, CorsDecisionObserver observer, int order,
			String methodOverrideParameter) {
		super(policies, observer, methodOverrideParameter);
		this.order = order;
	}

	/**
	 * @param policies the policies in force, read once per request
	 * @param methodOverrideParameter the form parameter a {@code HiddenHttpMethodFilter}
	 * in the application reads, or {@code null} when no such filter runs
	 * @param pathMatching how the application's handler mappings match paths, asked per
	 * request
	 */
	public OrderedCorsPolicyWebFilter(CorsPolicyRegistry policies, CorsDecisionObserver observer, int order,
			String methodOverrideParameter, Supplier<PathMatching> pathMatching) {
		super(policies, observer, methodOverrideParameter, pathMatching);
		this.order = order;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

}
