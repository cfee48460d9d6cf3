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
 */
public record Violation(Severity severity, String property, String value, String reason, String fix) {

	public Violation {
		Objects.requireNonNull(severity, "severity");
		Objects.requireNonNull(property, "property");
		value = (value != null) ? value : "";
		Objects.requireNonNull(reason, "reason");
		Objects.requireNonNull(fix, "fix");
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

	/** A one-line rendering for logs and exception messages. */
	@Override
	public String toString() {
		return this.severity + " " + this.property + "='" + this.value + "': " + this.reason + " Fix: " + this.fix;
	}

}
