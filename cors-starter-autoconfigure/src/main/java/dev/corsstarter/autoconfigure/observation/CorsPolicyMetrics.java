package dev.corsstarter.autoconfigure.observation;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;

/**
 * The policy lifecycle: the counter {@value #RELOADS} tagged {@code outcome}
 * ({@code applied}, {@code refused}) and {@code loosened} (a refused change loosened
 * nothing), and the gauge {@value #GENERATION}, so a fleet is seen to converge.
 */
public class CorsPolicyMetrics implements MeterBinder {

	/** Changes of the policies tried while running, by outcome. */
	public static final String RELOADS = "cors.policy.reloads";

	/** The generation serving: 1 at startup, one more per applied change. */
	public static final String GENERATION = "cors.policy.generation";

	private final CorsPolicyRegistry policies;

	public CorsPolicyMetrics(CorsPolicyRegistry policies) {
		this.policies = policies;
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
