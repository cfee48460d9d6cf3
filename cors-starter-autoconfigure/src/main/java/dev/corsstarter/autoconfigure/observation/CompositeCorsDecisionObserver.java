package dev.corsstarter.autoconfigure.observation;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;

import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.request.CorsRequest;

/** Calls every observer in order; an observer that throws never breaks the request. */
public final class CompositeCorsDecisionObserver implements CorsDecisionObserver {

	private static final Log logger = LogFactory.getLog(CompositeCorsDecisionObserver.class);

	private final CorsDecisionObserver[] observers;

	private CompositeCorsDecisionObserver(List<CorsDecisionObserver> observers) {
		this.observers = observers.toArray(new CorsDecisionObserver[0]);
	}

	/** The observer beans in order, behind one guard. */
	public static CorsDecisionObserver of(ObjectProvider<CorsDecisionObserver> observers) {
		return of(observers.orderedStream().toList());
	}

	/** The observers behind one guard, even a single one. */
	public static CorsDecisionObserver of(List<CorsDecisionObserver> observers) {
		return new CompositeCorsDecisionObserver(observers);
	}

	@Override
	public void observe(CorsRequest request, CorsDecision decision) {
		for (CorsDecisionObserver observer : this.observers) {
			try {
				observer.observe(request, decision);
			}
			catch (RuntimeException ex) {
				logger.warn("CORS decision observer failed: " + observer, ex);
			}
		}
	}

}
