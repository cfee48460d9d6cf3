package dev.corsstarter.autoconfigure.interop;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;

import org.springframework.http.server.observation.ServerRequestObservationContext;

import dev.corsstarter.autoconfigure.servlet.CorsPolicyFilter;
import dev.corsstarter.core.decision.CorsDecision;

/**
 * Puts the CORS decision on Spring MVC's server request observation when it stops, read
 * from the request the CORS filter decided, so the key values are there on preflights and
 * refusals the filter answers itself as well as on requests the application served.
 *
 * @see CorsObservationKeyValues
 */
public final class ServletCorsObservationFilter implements ObservationFilter {

	@Override
	public Observation.Context map(Observation.Context context) {
		if (context instanceof ServerRequestObservationContext server) {
			Object decision = server.getCarrier().getAttribute(CorsPolicyFilter.POLICY_DECISION_ATTRIBUTE);
			CorsObservationKeyValues.addTo(context, (decision instanceof CorsDecision cors) ? cors : null);
		}
		return context;
	}

}
