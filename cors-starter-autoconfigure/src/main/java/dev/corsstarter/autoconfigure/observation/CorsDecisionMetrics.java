package dev.corsstarter.autoconfigure.observation;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.decision.Outcome;
import dev.corsstarter.core.decision.Reason;
import dev.corsstarter.core.policy.PolicyMode;
import dev.corsstarter.core.request.CorsRequest;
import dev.corsstarter.core.request.RequestType;

/**
 * Counts cross-origin decisions in the Micrometer counter {@value #METRIC_NAME}, tagged
 * {@code policy}, {@code type} ({@code preflight}, {@code actual}, {@code websocket}),
 * {@code outcome} ({@code allowed}, {@code rejected}), {@code reason} and {@code mode}
 * ({@code enforce}, or {@code report-only} for decisions only reported, including the
 * {@linkplain CorsDecision#observed() observed} decision of a report-only policy beside
 * the enforced one that decides: one request then counts once per mode). Requests that
 * are not CORS requests (no {@code Origin}, same origin) are not counted. Every tag comes
 * from a small fixed set or from configuration; the origin and path never become tags.
 * <p>
 * Each counter is registered on first use and then kept, so a request costs a map lookup
 * by policy name, an array read and an increment; no tags are built per request.
 */
public class CorsDecisionMetrics implements CorsDecisionObserver {

	/** The counter's name. */
	public static final String METRIC_NAME = "cors.requests";

	private static final String DESCRIPTION = "CORS decisions on policy paths";

	private static final RequestType[] TYPES = RequestType.values();

	private static final Reason[] REASONS = Reason.values();

	private static final PolicyMode[] MODES = PolicyMode.values();

	private final MeterRegistry registry;

	private final ConcurrentHashMap<String, PolicyCounters> policies = new ConcurrentHashMap<>();

	public CorsDecisionMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void observe(CorsRequest request, CorsDecision decision) {
		count(decision);
		CorsDecision observed = decision.observed();
		if (observed != null) {
			count(observed); // a report-only decision beside the enforced one: tagged
								// mode=report-only
		}
	}

	private void count(CorsDecision decision) {
		RequestType type = decision.type();
		if (type == null) {
			return; // not cross-origin: allowed or rejected only cross-origin requests
					// are
		}
		Outcome outcome = decision.outcome();
		String policy = decision.policyName();
		PolicyCounters counters = this.policies.get(policy);
		if (counters == null) {
			counters = this.policies.computeIfAbsent(policy, PolicyCounters::new);
		}
		counters.get(type, outcome, decision.reason(), decision.mode()).increment();
	}

	/** The counters of one policy, indexed by type, outcome and reason. */
	private final class PolicyCounters {

		private final String policy;

		private final AtomicReferenceArray<Counter> counters = new AtomicReferenceArray<>(
				TYPES.length * 2 * REASONS.length * MODES.length);

		PolicyCounters(String policy) {
			this.policy = policy;
		}

		Counter get(RequestType type, Outcome outcome, Reason reason, PolicyMode mode) {
			int index = ((type.ordinal() * 2 + ((outcome == Outcome.ALLOWED) ? 0 : 1)) * REASONS.length
					+ reason.ordinal()) * MODES.length + mode.ordinal();
			Counter counter = this.counters.get(index);
			if (counter == null) {
				// the registry returns the same counter for the same id, so a race
				// registers it once
				counter = Counter.builder(METRIC_NAME)
					.description(DESCRIPTION)
					.tag("policy", this.policy)
					.tag("type", type.tag())
					.tag("outcome", outcome.tag())
					.tag("reason", reason.tag())
					.tag("mode", mode.tag())
					.register(CorsDecisionMetrics.this.registry);
				this.counters.set(index, counter);
			}
			return counter;
		}

	}

}
