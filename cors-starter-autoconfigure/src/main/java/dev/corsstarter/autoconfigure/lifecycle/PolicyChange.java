package dev.corsstarter.autoconfigure.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.corsstarter.core.validation.Violation;

/**
 * The result of one attempt to change the policies.
 *
 * @param outcome whether the change was applied, refused or changed nothing
 * @param generation the generation serving after the attempt
 * @param fingerprint the fingerprint of the policies serving after the attempt
 * @param time when the attempt was made
 * @param violations a refused change's every violation; an applied one's warnings
 * @param trigger who asked for the change
 * @param changes what the change adds to and removes from the policies serving before it;
 * for a refused change, what it would have changed (empty when it did not compile)
 */
public record PolicyChange(Outcome outcome, long generation, String fingerprint, Instant time,
		List<Violation> violations, Trigger trigger, List<Difference> changes) {

	public PolicyChange {
		violations = List.copyOf(violations);
		changes = List.copyOf(changes);
	}

	public boolean isApplied() {
		return this.outcome == Outcome.APPLIED;
	}

	public boolean isRefused() {
		return this.outcome == Outcome.REFUSED;
	}

	/** Whether any of the {@link #changes()} loosens protection. */
	public boolean loosens() {
		return this.changes.stream().anyMatch(Difference::loosens);
	}

	/** What became of a change. */
	public enum Outcome {

		/** Compiled without errors and now serving. */
		APPLIED,

		/** Had at least one error: the previous policies keep serving. */
		REFUSED,

		/** Compiled to the policies already serving: nothing changed. */
		UNCHANGED;

		/** The name in lower case, as the endpoint and metrics show it. */
		public String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/** Who asked for a change: it decides how a refusal is logged. */
	public enum Trigger {

		/** The configuration changed and nobody waits: a refusal is logged at ERROR. */
		CONFIGURATION,

		/** Application code asked and receives the result: refusals log at WARN. */
		APPLICATION;

		/** The name in lower case, as the endpoint shows it. */
		public String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * One difference: a policy added or removed, or the values one property of a policy
	 * gained or lost.
	 *
	 * @param policy the policy's name
	 * @param property e.g. {@code cors.policies.api.allowed-origins}; for a whole policy,
	 * its prefix, e.g. {@code cors.policies.api}
	 * @param added the values added, a flag's or max-age's (e.g. {@code 600s}) new value,
	 * a policy added's path patterns
	 * @param removed the values removed, in the same form
	 * @param loosens whether it lets through what was refused before
	 */
	public record Difference(String policy, String property, List<String> added, List<String> removed,
			boolean loosens) {

		public Difference {
			added = List.copyOf(added);
			removed = List.copyOf(removed);
		}

	}

}
