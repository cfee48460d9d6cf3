package dev.corsstarter.autoconfigure.interop;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;

import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

import dev.corsstarter.autoconfigure.reactive.CorsPolicyWebFilter;
import dev.corsstarter.autoconfigure.servlet.CorsPolicyFilter;
import dev.corsstarter.core.decision.CorsDecision;

/**
 * Puts the CORS decision on the server request observation ({@code http.server.requests})
 * of Spring MVC or WebFlux when it stops, read from the request the CORS filter decided,
 * so the keys are there on preflights and refusals the filter answers itself as well as
 * on requests the application served: {@value #OUTCOME} ({@code allowed},
 * {@code rejected}, {@code not-cors}), {@value #REASON}, {@value #POLICY} (the policy's
 * name) and {@value #MODE} ({@code enforce}, {@code report-only}), all low-cardinality. A
 * request no policy covers carries {@value #NONE} in each, so every server request has
 * the same keys, as metrics registries such as Prometheus require. Every value comes from
 * a fixed set or from configuration: never the origin.
 */
public final class CorsObservationFilter implements ObservationFilter {

	/** The decision's outcome. */
	public static final String OUTCOME = "cors.outcome";

	/** Why the decision came out as it did. */
	public static final String REASON = "cors.reason";

	/** The name of the policy that decided. */
	public static final String POLICY = "cors.policy";

	/** Whether the policy enforces its decisions or only reports them. */
	public static final String MODE = "cors.mode";

	/** The value of every key on a request no policy covers. */
	public static final String NONE = "none";

	@Override
	public Observation.Context map(Observation.Context context) {
		// each branch loads its stack's types only when that stack observes
		Object decision;
		if (context instanceof ServerRequestObservationContext webflux) {
			decision = webflux.getAttributes().get(CorsPolicyWebFilter.DECISION_ATTRIBUTE);
		}
		else if (context instanceof org.springframework.http.server.observation.ServerRequestObservationContext mvc) {
			decision = mvc.getCarrier().getAttribute(CorsPolicyFilter.POLICY_DECISION_ATTRIBUTE);
		}
		else {
			return context;
		}
		if (decision instanceof CorsDecision cors && cors.hasPolicy()) {
			String policy = cors.policyName();
			return add(context, cors.outcome().tag(), cors.reason().tag(), (policy != null) ? policy : NONE,
					cors.mode().tag());
		}
		return add(context, NONE, NONE, NONE, NONE);
	}

	private static Observation.Context add(Observation.Context context, String outcome, String reason, String policy,
			String mode) {
		return context
			.addLowCardinalityKeyValues(KeyValues.of(OUTCOME, outcome, REASON, reason, POLICY, policy, MODE, mode));
	}

}
