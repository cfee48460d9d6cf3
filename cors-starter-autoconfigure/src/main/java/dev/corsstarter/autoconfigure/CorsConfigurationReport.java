package dev.corsstarter.autoconfigure;

import java.util.List;

import dev.corsstarter.core.validation.Violation;

/**
 * The outcome of validating the CORS properties at startup: whether production rules applied
 * and the warnings that did not stop the application.
 *
 * @param productionProfileActive whether a profile listed in {@code cors.production-profiles} is active
 * @param warnings the WARN violations, logged once at startup
 */
public record CorsConfigurationReport(boolean productionProfileActive, List<Violation> warnings) {

	/** For an engine supplied by the application rather than bound from properties. */
	public static final CorsConfigurationReport NONE = new CorsConfigurationReport(false, List.of());

	public CorsConfigurationReport {
		warnings = List.copyOf(warnings);
	}

}
