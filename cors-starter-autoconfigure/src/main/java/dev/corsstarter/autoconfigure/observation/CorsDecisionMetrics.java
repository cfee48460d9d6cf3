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
 * Counts cross-origin decisions in {@value #METRIC_NAME}, tagged {@code policy},
 * {@code type}, {@code outcome}, {@code reason} and {@code mode}; an observed report-only
 * decision counts under its own mode. Requests that are not CORS requests are not
 * counted; the origin and path never become tags. Each counter is registered on first use
 * and kept: a request costs a map lookup, an array read and an increment.
 */
public class CorsDecisionMetrics implements CorsDecisionObserver {

	/** The counter's name. */
	public static final String METRIC_NAME = "cors.requests";

	private static final RequestType[] TYPES = RequestType.values();

	private static final int OUTCOMES = Outcome.values().length;

	private static final Reason[] REASONS = Reason.values();

	private static final PolicyMode[] MODES = PolicyMode.values();

	private final MeterRegistry registry;

	private final ConcurrentHashMap<String, AtomicReferenceArray<Counter>> policies = new ConcurrentHashMap<>();

	public CorsDecisionMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void observe(CorsRequest request, CorsDecision decision) {
		count(decision);
		CorsDecision observed = decision.observed();
		if (observed != null) {
			count(observed);
		}
	}

	private void count(CorsDecision decision) {
		RequestType type = decision.type();
		if (type == null) {
			return; // not a cross-origin request
		}
		String policy = decision.policyName();
		AtomicReferenceArray<Counter> counters = this.policies.get(policy);
		if (counters == null) {
			counters = this.policies.computeIfAbsent(policy,
					(name) -> new AtomicReferenceArray<>(TYPES.length * OUTCOMES * REASONS.length * MODES.length));
		}
		Outcome outcome = decision.outcome();
		int index = ((type.ordinal() * OUTCOMES + outcome.ordinal()) * REASONS.length + decision.reason().ordinal())
				* MODES.length + decision.mode().ordinal();
		Counter counter = counters.get(index);
		if (counter == null) {
			// the registry answers the same counter for the same id, so a race registers
			// it once
			counter = Counter.builder(METRIC_NAME)
				.description("CORS decisions on policy paths")
				.tag("policy", policy)
				.tag("type", type.tag())
				.tag("outcome", outcome.tag())
				.tag("reason", decision.reason().tag())
				.tag("mode", decision.mode().tag())
				.register(this.registry);
			counters.set(index, counter);
		}
		counter.increment();
	}

}
