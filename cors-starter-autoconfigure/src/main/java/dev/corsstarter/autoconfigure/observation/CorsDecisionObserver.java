package dev.corsstarter.autoconfigure.observation;

import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.request.CorsRequest;

/**
 * Told about every decision on a policy path, once per request, after deciding and before
 * enforcing. A decision may carry the {@linkplain CorsDecision#observed() observed}
 * decision of a report-only policy more specific than the enforced one deciding; the
 * starter's observers report it too. Runs on the request path: keep it cheap.
 */
@FunctionalInterface
public interface CorsDecisionObserver {

	void observe(CorsRequest request, CorsDecision decision);

}
