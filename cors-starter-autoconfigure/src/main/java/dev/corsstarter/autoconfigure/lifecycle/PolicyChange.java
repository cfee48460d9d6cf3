package dev.corsstarter.autoconfigure.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.corsstarter.core.validation.Violation;

/**
 * The result of one attempt to change the policies, by a reload of the configuration or
 * by application code.
 *
 * @param outcome whether the change was applied, refused or changed nothing
 * @param generation the generation serving after the attempt: one more than before when
 * applied, the previous one otherwise
 * @param fingerprint the fingerprint of the policies serving after the attempt
 * @param time when the attempt was made
 * @param violations for a refused change, every violation found, errors first; for an
 * applied one, its warnings
 * @param trigger who asked for the change: the configuration or application code
 * @param changes what the change adds to and removes from the policies serving before it,
 * each difference saying whether it loosens protection; for a refused change, what it
 * would have changed (empty when its policies did not compile)
 */
public record PolicyChange(Outcome outcome, long generation, String fingerprint, Instant time,
		List<Violation> violations, Trigger trigger, List<Difference> changes) {

	public PolicyChange {
		violations = List.copyOf(violations);
		changes = List.copyOf(changes);
	}

	/** A change requested by application code, with no differences recorded. */
	public PolicyChange(Outcome outcome, long generation, String fingerprint, Instant time,
			List<Violation> violations) {
		this(outcome, generation, fingerprint, time, violations, Trigger.APPLICATION, List.of());
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

	/**
	 * What became of a change.
	 */
	public enum Outcome {

		/** Compiled without errors and now serving. */
		APPLIED,

		/** Had at least one error: the previous policies keep serving. */
		REFUSED,

		/**
		 * Compiled to the policies already serving (same fingerprint): nothing changed.
		 */
		UNCHANGED;

		/**
		 * {@code applied}, {@code refused} or {@code unchanged}, as the endpoint and
		 * metrics show it.
		 */
		public String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * Who asked for a change: it decides how a refusal is reported.
	 */
	public enum Trigger {

		/**
		 * The configuration changed (a refresh, a bus event, a changed file or
		 * ConfigMap): nobody waits for the result, so a refusal is logged at ERROR.
		 */
		CONFIGURATION,

		/**
		 * Application code called the registry ({@code reload()} or {@code replace(...)},
		 * from a customizer's data or an admin flow) and receives the result: a refusal
		 * is logged at WARN.
		 */
		APPLICATION;

		/** {@code configuration} or {@code application}, as the endpoint shows it. */
		public String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * One difference between the policies serving before a change and after it: a policy
	 * added or removed, or the values one property of a policy gained or lost.
	 *
	 * @param policy the policy's name
	 * @param property the property, e.g. {@code cors.policies.api.allowed-origins}; for a
	 * policy added or removed as a whole, the policy's prefix, e.g.
	 * {@code cors.policies.api}
	 * @param added the values added: origins, methods, headers or path patterns; the new
	 * value of {@code allow-credentials}, {@code allow-private-network}, {@code max-age}
	 * (in seconds, e.g. {@code 600s}) and {@code mode}; for a policy added, its path
	 * patterns
	 * @param removed the values removed, in the same form; for a policy removed, its path
	 * patterns
	 * @param loosens whether the difference lets through what was refused before: a
	 * policy or a path pattern removed; an origin, method, header or exposed header
	 * added; credentials or private network access turned on; report-only turned on;
	 * {@code max-age} raised
	 */
	public record Difference(String policy, String property, List<String> added, List<String> removed,
			boolean loosens) {

		public Difference {
			added = List.copyOf(added);
			removed = List.copyOf(removed);
		}

	}

}
