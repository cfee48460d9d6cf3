package dev.corsstarter.core.validation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when CORS configuration contains {@link Severity#ERROR} violations. Carries all
 * of them, so a failure report can list every problem at once instead of one per restart.
 */
public class InvalidCorsConfigurationException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final transient List<Violation> violations;

	public InvalidCorsConfigurationException(List<Violation> violations) {
		super(message(violations));
		this.violations = List.copyOf(violations);
	}

	/** Every violation found, errors first. */
	public List<Violation> getViolations() {
		return this.violations;
	}

	private static String message(List<Violation> violations) {
		return "Invalid CORS configuration (" + violations.stream().filter(Violation::isError).count() + " error(s)):"
				+ violations.stream().map(v -> "\n  - " + v).collect(Collectors.joining());
	}

}
