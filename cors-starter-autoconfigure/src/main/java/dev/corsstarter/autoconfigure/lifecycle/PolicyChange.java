package dev.corsstarter.autoconfigure.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.corsstarter.core.validation.Violation;

/**
 * The result of one attempt to change the policies, by a reload of the configuration or by
 * application code.
 *
 * @param outcome whether the change was applied, refused or changed nothing
 * @param generation the generation serving after the attempt: one more than before when applied,
 * the previous one otherwise
 * @param fingerprint the fingerprint of the policies serving after the attempt
 * @param time when the attempt was made
 * @param violations for a refused change, every violation found, errors first; for an applied
 * one, its warnings
 */
public record PolicyChange(Outcome outcome, long generation, String fingerprint, Instant time,
		List<Violation> violations) {

	public PolicyChange {
		violations = List.copyOf(violations);
	}

	public boolean isApplied() {
		return this.outcome == Outcome.APPLIED;
	}

	public boolean isRefused() {
		return this.outcome == Outcome.REFUSED;
	}

	/**
	 * What became of a change.
	 */
	public enum Outcome {

		/** Compiled without errors and now serving. */
		APPLIED,

		/** Had at least one error: the previous policies keep serving. */
		REFUSED,

		/** Compiled to the policies already serving (same fingerprint): nothing changed. */
		UNCHANGED;

		/** {@code applied}, {@code refused} or {@code unchanged}, as the endpoint and metrics show it. */
		public String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
