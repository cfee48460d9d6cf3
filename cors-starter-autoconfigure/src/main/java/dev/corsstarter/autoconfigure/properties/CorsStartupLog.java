package dev.corsstarter.autoconfigure.properties;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.env.Environment;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.diagnostics.LogSanitizer;
import dev.corsstarter.core.decision.CorsEngine;

/** Logs the filter installed or disabled, and profiles that look like production. */
public final class CorsStartupLog {

	private static final Log logger = LogFactory.getLog(CorsStartupLog.class);

	/** Words that, in a profile name ({@code eu-prod}, {@code live}), say production. */
	private static final Set<String> PRODUCTION_WORDS = Set.of("prod", "prd", "production", "live");

	private CorsStartupLog() {
	}

	/** Logs stack, policies, filter order, active profiles and production rules. */
	public static void installed(String stack, CorsEngine engine, int order, CorsProperties properties,
			Environment environment) {
		String[] active = environment.getActiveProfiles();
		if (logger.isInfoEnabled()) {
			List<String> policies = CorsPolicyRegistry.describe(engine.policies());
			logger
				.info("CORS filter installed on the " + stack + " stack at order " + order + " with " + policies.size()
						+ ((policies.size() == 1) ? " policy: " : " policies: ") + String.join(", ", policies)
						+ "; active profiles " + ((active.length == 0) ? "none" : Arrays.toString(active))
						+ "; production rules " + productionRules(engine, properties, environment));
		}
		List<String> listed = CorsPolicyLoader.productionProfiles(properties);
		for (String profile : productionLookalikes(active, listed)) {
			logger.warn("CORS: active profile '" + LogSanitizer.text(profile) + "' looks like production but is not in "
					+ "cors.production-profiles " + listed + ", so production rules do not apply for it. Add it to "
					+ "cors.production-profiles if it is production.");
		}
	}

	/** One line when {@code cors.enabled=false} leaves the filter out. */
	public static void disabled() {
		logger.info("CORS filter not installed: cors.enabled=false. cors-starter leaves every request untouched "
				+ "and reads no other cors.* key; remove cors.enabled or set it to true to install the filter.");
	}

	/** The active profiles that look like production but are not listed as such. */
	static List<String> productionLookalikes(String[] activeProfiles, List<String> productionProfiles) {
		return Arrays.stream(activeProfiles)
			.filter((profile) -> !productionProfiles.contains(profile))
			.filter((profile) -> Arrays.stream(profile.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
				.anyMatch(PRODUCTION_WORDS::contains))
			.toList();
	}

	/** Whether the engine was compiled under production rules, and why. */
	private static String productionRules(CorsEngine engine, CorsProperties properties, Environment environment) {
		boolean production = engine.validationContext().production();
		String profile = CorsPolicyLoader.productionProfile(properties, environment);
		String listed = "cors.production-profiles " + CorsPolicyLoader.productionProfiles(properties);
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
