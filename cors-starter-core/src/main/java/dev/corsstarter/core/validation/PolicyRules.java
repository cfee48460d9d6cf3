package dev.corsstarter.core.validation;

import java.util.List;

import dev.corsstarter.core.origin.OriginPattern;
import dev.corsstarter.core.policy.CorsPolicy;

/**
 * Production and warning rules over one policy whose grammar has been checked. Entries of
 * {@code origins} are null where the configured value was invalid.
 */
final class PolicyRules {

	private PolicyRules() {
	}

	static void apply(CorsPolicy policy, List<OriginPattern> origins, ValidationContext context, List<Violation> out) {
		// production and WARN rules: see DESIGN §5
	}

}
