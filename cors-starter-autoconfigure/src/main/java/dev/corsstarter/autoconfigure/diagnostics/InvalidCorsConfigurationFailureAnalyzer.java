package dev.corsstarter.autoconfigure.diagnostics;

import java.util.List;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

import dev.corsstarter.core.validation.InvalidCorsConfigurationException;
import dev.corsstarter.core.validation.Violation;

/**
 * Reports invalid CORS configuration: every error with its property, where it was set,
 * its value as written, the reason and the fix, every value escaped. Runs before Spring
 * Boot's analysis of binding failures, which would name only the first problem.
 */
public final class InvalidCorsConfigurationFailureAnalyzer
		extends AbstractFailureAnalyzer<InvalidCorsConfigurationException> implements Ordered {

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidCorsConfigurationException cause) {
		return analysis(cause);
	}

	/** The description and action a startup failure shows, as Spring Boot prints them. */
	public static String report(InvalidCorsConfigurationException cause) {
		FailureAnalysis analysis = analysis(cause);
		return "Description:\n\n" + analysis.getDescription() + "\nAction:\n\n" + analysis.getAction();
	}

	private static FailureAnalysis analysis(InvalidCorsConfigurationException cause) {
		List<Violation> errors = cause.getViolations().stream().filter(Violation::isError).toList();
		List<Violation> unknownKeys = (cause instanceof InvalidCorsPropertiesException properties)
				? properties.getUnknownKeys() : List.of();
		StringBuilder description = new StringBuilder("The CORS configuration is invalid or dangerous (" + errors.size()
				+ ((errors.size() == 1) ? " problem" : " problems") + "):\n");
		StringBuilder action = new StringBuilder("Update your application's configuration:\n");
		for (Violation violation : errors) {
			description.append("\n    Property: " + LogSanitizer.text(violation.property())
					+ (violation.value().isEmpty() ? ""
							: "\n    Value: " + LogSanitizer.quote(violation.value(), LogSanitizer.MAX_TEXT_LENGTH))
					+ "\n    Origin: "
					+ (violation.origin().isEmpty() ? "not set" : LogSanitizer.text(violation.origin()))
					+ "\n    Reason: " + LogSanitizer.text(violation.reason()) + "\n");
			action.append(
					"\n    " + LogSanitizer.text(violation.property()) + ": " + LogSanitizer.text(violation.action()));
		}
		List<Violation> ignoredKeys = unknownKeys.stream().filter((violation) -> !violation.isError()).toList();
		if (!ignoredKeys.isEmpty()) {
			description.append("\nKeys cors-starter does not define were ignored; a misspelling may explain the "
					+ "problems above:\n");
			for (Violation violation : ignoredKeys) {
				description.append("\n    " + LogSanitizer.text(violation.property())
						+ (violation.origin().isEmpty() ? "" : " (" + LogSanitizer.text(violation.origin()) + ")")
						+ ": " + LogSanitizer.text(violation.action()));
			}
			description.append("\n");
		}
		if (unknownKeys.stream().anyMatch(Violation::isError)) {
			action.append("\n\nA key under 'cors.policies.', or close to a key cors-starter defines, stops startup. "
					+ "If it is the application's own, set cors.unknown-keys=warn to log such keys at WARN instead.");
		}
		return new FailureAnalysis(description.toString(), action.toString(), cause);
	}

}
