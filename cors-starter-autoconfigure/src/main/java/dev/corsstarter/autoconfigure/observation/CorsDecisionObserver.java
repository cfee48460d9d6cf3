package dev.corsstarter.autoconfigure.observation;

import java.util.List;

import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;

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

	/** The observer beans, in order, as {@link #of(List)}. */
	static CorsDecisionObserver of(ObjectProvider<CorsDecisionObserver> observers) {
		return of(observers.orderedStream().toList());
	}

	/** The observers in order, each guarded: one that throws never breaks the request. */
	static CorsDecisionObserver of(List<CorsDecisionObserver> observers) {
		CorsDecisionObserver[] all = observers.toArray(new CorsDecisionObserver[0]);
		return (request, decision) -> {
			for (CorsDecisionObserver observer : all) {
				try {
					observer.observe(request, decision);
				}
				catch (RuntimeException ex) {
					LogFactory.getLog(CorsDecisionObserver.class)
						.warn("CORS decision observer failed: " + observer, ex);
				}
			}
		};
	}

}
