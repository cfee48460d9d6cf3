package dev.corsstarter.autoconfigure.web;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.observation.CorsDecisionObserver;
import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.request.CorsRequest;

/**
 * What the CORS filters of both stacks share.
 *
 * @param <R> the request (or exchange) a decision is kept on
 */
public abstract class CorsPolicyFilterSupport<R> {

	protected final CorsPolicyRegistry policies;

	protected final CorsRouting routing;

	private final CorsDecisionObserver observer;

	/**
	 * @param policies the policies in force, read once per request, so a change applies
	 * to the requests that start after it
	 * @param observer told of every decision on a policy path
	 * @param routing how the application routes requests
	 */
	protected CorsPolicyFilterSupport(CorsPolicyRegistry policies, CorsDecisionObserver observer, CorsRouting routing) {
		this.policies = policies;
		this.observer = observer;
		this.routing = routing;
	}

	/**
	 * Whether to enforce a decision, once observed and kept if on a policy path: a
	 * report-only one lets the request go on as if no policy covered it.
	 */
	protected final boolean enforces(CorsRequest request, CorsDecision decision, R carrier) {
		if (!decision.hasPolicy()) {
			return false;
		}
		this.observer.observe(request, decision);
		keep(carrier, decision);
		return decision.isEnforced();
	}

	/** Keeps a decision where the observation and Spring's view read it. */
	protected abstract void keep(R carrier, CorsDecision decision);

}
