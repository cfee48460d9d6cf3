package dev.corsstarter.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.env.Environment;

import dev.corsstarter.autoconfigure.observation.LogSanitizer;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;

/** The one INFO line cors-starter logs when it installs its filter. */
final class CorsStartupLog {

	private static final Log logger = LogFactory.getLog(CorsAutoConfiguration.class);

	private CorsStartupLog() {
	}

	/**
	 * Log the stack, each policy with its path patterns, the filter order and whether production
	 * rules apply and why.
	 */
	static void installed(String stack, CorsEngine engine, int order, CorsProperties properties,
			Environment environment) {
		if (logger.isInfoEnabled()) {
			logger.info(summary(stack, engine, order, productionRules(engine, properties, environment)));
		}
	}

	static String summary(String stack, CorsEngine engine, int order, String productionRules) {
		List<String> policies = new ArrayList<>();
		for (CorsPolicy policy : engine.policies()) {
			policies.add(LogSanitizer.text(policy.name()) + " " + LogSanitizer.text(policy.pathPatterns().toString())
					+ ((policy.mode() != PolicyMode.ENFORCE) ? " (" + policy.mode().tag() + ")" : ""));
		}
		return "CORS filter installed on the " + stack + " stack at order " + order + " with "
				+ policies.size() + ((policies.size() == 1) ? " policy: " : " policies: ") + String.join(", ", policies)
				+ "; production rules " + productionRules;
	}

	/**
	 * Whether the engine was compiled under production rules, and why: the active profile, or,
	 * for an engine the application compiled itself, that its own context decided.
	 */
	static String productionRules(CorsEngine engine, CorsProperties properties, Environment environment) {
		boolean production = engine.validationContext().production();
		String profile = CorsAutoConfiguration.productionProfile(properties, environment);
		String listed = "cors.production-profiles " + CorsAutoConfiguration.productionProfiles(properties);
		if (production && profile != null) {
			return "on: active profile '" + profile + "' is in " + listed;
		}
		if (!production && profile == null) {
			return "off: no active profile in " + listed;
		}
		return (production ? "on" : "off") + ": the application's own CorsEngine bean was compiled "
				+ (production ? "with" : "without") + " them, whatever the active profiles";
	}

}
