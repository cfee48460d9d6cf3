package dev.corsstarter.core.validation;

import java.util.Objects;

/**
 * One problem found in the CORS configuration, precise enough to fix without reading code.
 *
 * @param severity whether startup must fail
 * @param property the property path, e.g. {@code cors.policies.api.allowed-origins[1]}
 * @param value the offending value as configured (may be empty, never null)
 * @param reason why the value is dangerous or can never match
 * @param fix the concrete action that resolves it
 * @param origin where the value was set, e.g. a file and line or an environment variable;
 * empty when unknown or not set at all (never null)
 */
public record Violation(Severity severity, String property, String value, String reason, String fix, String origin) {

	public Violation {
		Objects.requireNonNull(severity, "severity");
		Objects.requireNonNull(property, "property");
		value = (value != null) ? value : "";
		Objects.requireNonNull(reason, "reason");
		Objects.requireNonNull(fix, "fix");
		origin = (origin != null) ? origin : "";
	}

	/** A violation whose origin is not known (yet). */
	public Violation(Severity severity, String property, String value, String reason, String fix) {
		this(severity, property, value, reason, fix, "");
	}

	public static Violation error(String property, String value, String reason, String fix) {
		return new Violation(Severity.ERROR, property, value, reason, fix);
	}

	public static Violation warn(String property, String value, String reason, String fix) {
		return new Violation(Severity.WARN, property, value, reason, fix);
	}

	public boolean isError() {
		return this.severity == Severity.ERROR;
	}

	/**
	 * This violation located: where it was set and the value as written there (e.g. {@code 3h}
	 * rather than the bound {@code PT3H}).
	 * @param origin where the value was set; empty or null when unknown
	 * @param valueAsWritten the value as written, or null to keep this one
	 */
	public Violation located(String origin, String valueAsWritten) {
		return new Violation(this.severity, this.property, (valueAsWritten != null) ? valueAsWritten : this.value,
				this.reason, this.fix, origin);
	}

	/**
	 * A one-line rendering without the severity, for log lines that carry their own level:
	 * {@code property='value' (origin): reason Fix: fix}.
	 */
	public String describe() {
		return this.property + "='" + this.value + "'" + (this.origin.isEmpty() ? "" : " (" + this.origin + ")") + ": "
				+ this.reason + " Fix: " + this.fix;
	}

	/** A one-line rendering for exception messages: the severity, then {@link #describe()}. */
	@Override
	public String toString() {
		return this.severity + " " + describe();
	}

}
