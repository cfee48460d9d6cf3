package dev.corsstarter.autoconfigure.observation;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.decision.Outcome;
import dev.corsstarter.core.decision.Reason;
import dev.corsstarter.core.policy.PolicyMode;
import dev.corsstarter.core.request.CorsRequest;
import dev.corsstarter.core.request.RequestType;

/**
 * The starter's meters. {@code cors.requests} counts cross-origin decisions by
 * {@code policy}, {@code type}, {@code outcome}, {@code reason} and {@code mode} (an
 * observed report-only decision under its own), never by origin or path; each counter is
 * registered on first use and kept, so a request costs a map lookup, an array read and an
 * increment. Bound as a {@link MeterBinder}, the policy lifecycle:
 * {@code cors.policy.reloads} by {@code outcome} and {@code loosened}, and the gauge
 * {@code cors.policy.generation}.
 */
public class CorsMetrics implements CorsDecisionObserver, MeterBinder {

	private static final String REQUESTS = "cors.requests";

	private static final String RELOADS = "cors.policy.reloads";

	private static final String GENERATION = "cors.policy.generation";

	private static final RequestType[] TYPES = RequestType.values();

	private static final int OUTCOMES = Outcome.values().length;

	private static final Reason[] REASONS = Reason.values();

	private static final PolicyMode[] MODES = PolicyMode.values();

	private final MeterRegistry registry;

	private final CorsPolicyRegistry policies;

	private final ConcurrentHashMap<String, AtomicReferenceArray<Counter>> counters = new ConcurrentHashMap<>();

	public CorsMetrics(MeterRegistry registry, CorsPolicyRegistry policies) {
		this.registry = registry;
		this.policies = policies;
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
		AtomicReferenceArray<Counter> counters = this.counters.get(policy);
		if (counters == null) {
			counters = this.counters.computeIfAbsent(policy,
					(name) -> new AtomicReferenceArray<>(TYPES.length * OUTCOMES * REASONS.length * MODES.length));
		}
		Outcome outcome = decision.outcome();
		int index = ((type.ordinal() * OUTCOMES + outcome.ordinal()) * REASONS.length + decision.reason().ordinal())
				* MODES.length + decision.mode().ordinal();
		Counter counter = counters.get(index);
		if (counter == null) {
			// the registry returns one counter per id: a race registers it once
			counter = Counter.builder(REQUESTS)
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

	@Override
	public void bindTo(MeterRegistry registry) {
		reloads(registry, "applied", true, (policies) -> policies.appliedChanges(true));
		reloads(registry, "applied", false, (policies) -> policies.appliedChanges(false));
		reloads(registry, "refused", false, CorsPolicyRegistry::refusedChanges);
		Gauge.builder(GENERATION, this.policies, CorsPolicyRegistry::generation)
			.description("Generation of the CORS policies serving: 1 at startup, one more per applied change")
			.register(registry);
	}

	private void reloads(MeterRegistry registry, String outcome, boolean loosened,
			ToDoubleFunction<CorsPolicyRegistry> count) {
		FunctionCounter.builder(RELOADS, this.policies, count)
			.description("Changes of the CORS policies tried while running")
			.tag("outcome", outcome)
			.tag("loosened", String.valueOf(loosened))
			.register(registry);
	}

}
