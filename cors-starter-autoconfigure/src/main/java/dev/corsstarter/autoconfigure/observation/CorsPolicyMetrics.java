package dev.corsstarter.autoconfigure.observation;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;

/**
 * The policy lifecycle in Micrometer: the counter {@value #RELOADS} tagged
 * {@code outcome} ({@code applied}, {@code refused}) and {@code loosened} ({@code true}
 * for an applied change that loosened protection; a refused change loosened nothing), and
 * the gauge {@value #GENERATION}, so an operator sees a fleet converge on a change,
 * refuse a bad one everywhere, or loosen its protection.
 */
public class CorsPolicyMetrics implements MeterBinder {

	/** Changes of the policies tried while running, by outcome. */
	public static final String RELOADS = "cors.policy.reloads";

	/**
	 * The generation of the policies serving: 1 at startup, one more per applied change.
	 */
	public static final String GENERATION = "cors.policy.generation";

	private final CorsPolicyRegistry policies;

	public CorsPolicyMetrics(CorsPolicyRegistry policies) {
		this.policies = policies;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (boolean loosened : new boolean[] { true, false }) {
			FunctionCounter.builder(RELOADS, this.policies, (policies) -> policies.appliedChanges(loosened))
				.description("Changes of the CORS policies tried while running")
				.tag("outcome", "applied")
				.tag("loosened", String.valueOf(loosened))
				.register(registry);
		}
		FunctionCounter.builder(RELOADS, this.policies, CorsPolicyRegistry::refusedChanges)
			.description("Changes of the CORS policies tried while running")
			.tag("outcome", "refused")
			.tag("loosened", "false")
			.register(registry);
		Gauge.builder(GENERATION, this.policies, CorsPolicyRegistry::generation)
			.description("Generation of the CORS policies serving: 1 at startup, one more per applied change")
			.register(registry);
	}

}
