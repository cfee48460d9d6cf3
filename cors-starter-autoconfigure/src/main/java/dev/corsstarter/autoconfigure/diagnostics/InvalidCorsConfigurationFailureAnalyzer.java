package dev.corsstarter.autoconfigure.diagnostics;

import java.util.List;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.corsstarter.core.validation.InvalidCorsConfigurationException;
import dev.corsstarter.core.validation.Violation;

/**
 * Turns invalid CORS configuration into a failure report listing every error with its
 * property, value, reason and fix.
 */
class InvalidCorsConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCorsConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidCorsConfigurationException cause) {
		List<Violation> errors = cause.getViolations().stream().filter(Violation::isError).toList();
		StringBuilder description = new StringBuilder();
		description.append("The CORS configuration is invalid or dangerous (")
			.append(errors.size())
			.append(errors.size() == 1 ? " problem" : " problems")
			.append("):\n");
		StringBuilder action = new StringBuilder("Update your application's configuration:\n");
		for (Violation violation : errors) {
			description.append("\n    Property: ").append(violation.property())
				.append("\n    Value: \"").append(violation.value()).append('"')
				.append("\n    Reason: ").append(violation.reason())
				.append('\n');
			action.append("\n    ").append(violation.property()).append(": ").append(violation.fix());
		}
		return new FailureAnalysis(description.toString(), action.toString(), cause);
	}

}
