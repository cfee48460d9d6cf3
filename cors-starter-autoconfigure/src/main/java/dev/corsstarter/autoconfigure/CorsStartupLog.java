package dev.corsstarter.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.env.Environment;

import dev.corsstarter.autoconfigure.observation.LogSanitizer;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;

/**
 * The INFO line cors-starter logs when it installs its filter, or leaves it out because
 * {@code cors.enabled=false}, and the WARN for a production-looking profile it does not
 * treat as production.
 */
final class CorsStartupLog {

	private static final Log logger = LogFactory.getLog(CorsAutoConfiguration.class);

	private CorsStartupLog() {
	}

	/**
	 * Names that, as a part of a profile name ({@code prd}, {@code eu-prod},
	 * {@code live-1}), say production.
	 */
	private static final Set<String> PRODUCTION_WORDS = Set.of("prod", "prd", "production", "live");

	/**
	 * Log the stack, each policy with its path patterns, the filter order, the active
	 * profiles and whether production rules apply and why; warn about an active profile
	 * that looks like production but is not in {@code cors.production-profiles}.
	 */
	static void installed(String stack, CorsEngine engine, int order, CorsProperties properties,
			Environment environment) {
		if (logger.isInfoEnabled()) {
			logger.info(summary(stack, engine, order, environment.getActiveProfiles(),
					productionRules(engine, properties, environment)));
		}
		List<String> listed = CorsAutoConfiguration.productionProfiles(properties);
		for (String profile : productionLookalikes(environment.getActiveProfiles(), listed)) {
			logger.warn("CORS: active profile '" + LogSanitizer.text(profile) + "' looks like production but is not in "
					+ "cors.production-profiles " + listed + ", so production rules do not apply for it. Add it to "
					+ "cors.production-profiles if it is production.");
		}
	}

	/** One line when {@code cors.enabled=false} leaves the filter out. */
	static void disabled() {
		logger.info("CORS filter not installed: cors.enabled=false. cors-starter leaves every request untouched "
				+ "and reads no other cors.* key; remove cors.enabled or set it to true to install the filter.");
	}

	/**
	 * The active profiles that look like production ({@code prd}, {@code live},
	 * {@code eu-prod}, {@code production-2}, ...) but are not listed as production
	 * profiles.
	 */
	static List<String> productionLookalikes(String[] activeProfiles, List<String> productionProfiles) {
		List<String> result = new ArrayList<>();
		for (String profile : activeProfiles) {
			if (productionProfiles.contains(profile)) {
				continue;
			}
			for (String word : profile.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
				if (PRODUCTION_WORDS.contains(word)) {
					result.add(profile);
					break;
				}
			}
		}
		return result;
	}

	static String summary(String stack, CorsEngine engine, int order, String[] activeProfiles, String productionRules) {
		List<String> policies = new ArrayList<>();
		for (CorsPolicy policy : engine.policies()) {
			policies.add(LogSanitizer.text(policy.name()) + " " + LogSanitizer.text(policy.pathPatterns().toString())
					+ ((policy.mode() != PolicyMode.ENFORCE) ? " (" + policy.mode().tag() + ")" : ""));
		}
		return "CORS filter installed on the " + stack + " stack at order " + order + " with " + policies.size()
				+ ((policies.size() == 1) ? " policy: " : " policies: ") + String.join(", ", policies)
				+ "; active profiles " + ((activeProfiles.length == 0) ? "none" : Arrays.toString(activeProfiles))
				+ "; production rules " + productionRules;
	}

	/**
	 * Whether the engine was compiled under production rules, and why: the active
	 * profile, or, for an engine the application compiled itself, that its own context
	 * decided.
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
