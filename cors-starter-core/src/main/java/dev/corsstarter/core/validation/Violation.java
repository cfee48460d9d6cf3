package dev.corsstarter.core.validation;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One problem found in the CORS configuration, precise enough to fix without reading
 * code. Every field is data: the rendered messages are built from them.
 *
 * @param rule the rule broken
 * @param severity whether startup must fail
 * @param property the property path, e.g. {@code cors.policies.api.allowed-origins[1]}
 * @param value the offending value as configured (may be empty, never null)
 * @param reason why the value is dangerous or can never match
 * @param action what resolves it, as a sentence; it names the suggested value if any
 * @param suggestedValue the value to write instead when one correction is certain (e.g.
 * {@code https://app.example.com} for {@code https://app.example.com/}), else null
 * @param origin where the value was set, e.g. a file and line; empty when unknown
 */
public record Violation(ViolationRule rule, Severity severity, String property, String value, String reason,
		String action, @Nullable String suggestedValue, String origin) {

	public Violation {
		Objects.requireNonNull(rule, "rule");
		Objects.requireNonNull(severity, "severity");
		Objects.requireNonNull(property, "property");
		value = (value != null) ? value : "";
		Objects.requireNonNull(reason, "reason");
		Objects.requireNonNull(action, "action");
		origin = (origin != null) ? origin : "";
	}

	/** An error without a suggested value, not yet located. */
	public static Violation error(ViolationRule rule, String property, String value, String reason, String action) {
		return new Violation(rule, Severity.ERROR, property, value, reason, action, null, "");
	}

	public boolean isError() {
		return this.severity == Severity.ERROR;
	}

	/**
	 * This violation located: where it was set, and the value as written there (e.g.
	 * {@code 3h} rather than the bound {@code PT3H}), or null to keep this one.
	 */
	public Violation located(@Nullable String origin, @Nullable String valueAsWritten) {
		return new Violation(this.rule, this.severity, this.property,
				(valueAsWritten != null) ? valueAsWritten : this.value, this.reason, this.action, this.suggestedValue,
				origin);
	}

	/** One line, no severity: {@code property='value' (origin): reason Fix: action}. */
	public String describe() {
		return this.property + "='" + this.value + "'" + (this.origin.isEmpty() ? "" : " (" + this.origin + ")") + ": "
				+ this.reason + " Fix: " + this.action;
	}

	/** One line for exception messages: the severity, then {@link #describe()}. */
	@Override
	public String toString() {
		return this.severity + " " + describe();
	}

}
