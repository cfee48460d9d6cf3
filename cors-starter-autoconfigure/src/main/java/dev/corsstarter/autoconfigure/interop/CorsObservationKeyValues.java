package dev.corsstarter.autoconfigure.interop;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import dev.corsstarter.core.decision.CorsDecision;

/**
 * The CORS decision as low-cardinality key values of a server request observation
 * ({@code http.server.requests}): {@value #OUTCOME} ({@code allowed}, {@code rejected},
 * {@code not-cors}), {@value #REASON}, {@value #POLICY} (the policy's name) and
 * {@value #MODE} ({@code enforce}, {@code report-only}). A request no policy covers
 * carries {@value #NONE} in each, so every server request has the same keys, as metrics
 * registries such as Prometheus require. Every value comes from a fixed set or from
 * configuration: never the origin.
 */
public final class CorsObservationKeyValues {

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

	private static final KeyValue[] NO_POLICY = { KeyValue.of(OUTCOME, NONE), KeyValue.of(REASON, NONE),
			KeyValue.of(POLICY, NONE), KeyValue.of(MODE, NONE) };

	private CorsObservationKeyValues() {
	}

	/**
	 * Add the keys of a decision, or of no policy when {@code decision} is {@code null}.
	 */
	static void addTo(Observation.Context context, @Nullable CorsDecision decision) {
		if (decision == null || !decision.hasPolicy()) {
			for (KeyValue keyValue : NO_POLICY) {
				context.addLowCardinalityKeyValue(keyValue);
			}
			return;
		}
		String policy = decision.policyName();
		context.addLowCardinalityKeyValue(KeyValue.of(OUTCOME, decision.outcome().tag()));
		context.addLowCardinalityKeyValue(KeyValue.of(REASON, decision.reason().tag()));
		context.addLowCardinalityKeyValue(KeyValue.of(POLICY, (policy != null) ? policy : NONE));
		context.addLowCardinalityKeyValue(KeyValue.of(MODE, decision.mode().tag()));
	}

}
