package dev.corsstarter.autoconfigure;

import java.util.List;

import dev.corsstarter.core.validation.Violation;

/**
 * The outcome of validating the CORS properties at startup: whether production rules applied
 * and the warnings that did not stop the application.
 *
 * @param productionProfileActive whether a profile listed in {@code cors.production-profiles} is active
 * @param warnings the WARN violations, logged once at startup
 * @param productionRules why production rules apply or not, for the startup line, e.g.
 * {@code on: active profile 'prod' is in cors.production-profiles [prod, production]}
 */
public record CorsConfigurationReport(boolean productionProfileActive, List<Violation> warnings,
		String productionRules) {

	/** For an engine supplied by the application rather than bound from properties. */
	public static final CorsConfigurationReport NONE = new CorsConfigurationReport(false, List.of(),
			"not evaluated: the policies come from the application's own CorsEngine bean");

	public CorsConfigurationReport {
		warnings = List.copyOf(warnings);
		if (productionRules == null || productionRules.isBlank()) {
			productionRules = productionProfileActive ? "on" : "off";
		}
	}

	public CorsConfigurationReport(boolean productionProfileActive, List<Violation> warnings) {
		this(productionProfileActive, warnings, null);
	}

}
