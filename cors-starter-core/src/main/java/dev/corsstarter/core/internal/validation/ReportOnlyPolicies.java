package dev.corsstarter.core.internal.validation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

import dev.corsstarter.core.internal.validation.PolicyShadowing.Route;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;
import dev.corsstarter.core.validation.Severity;
import dev.corsstarter.core.validation.Violation;
import dev.corsstarter.core.validation.ViolationRule;

import static java.util.stream.Collectors.joining;

/**
 * The warning for each report-only policy, said on every start and change so it is not
 * forgotten, naming what protects its paths meanwhile.
 */
final class ReportOnlyPolicies {

	private static final String NONE = "no enforced policy";

	private static final List<String> SAMPLE_SEGMENTS = List.of("x", "1", "a", "0");

	private ReportOnlyPolicies() {
	}

	/** The warning for a report-only policy, given the routes in the engine's order. */
	static Violation warning(CorsPolicyValidator.ParsedPolicy parsed, List<Route> routes) {
		CorsPolicy policy = parsed.policy();
		Map<String, String> deciding = new LinkedHashMap<>();
		parsed.pathPatterns().forEach((pattern) -> deciding.put(pattern.getPatternString(), decider(pattern, routes)));
		List<String> decided = deciding.values().stream().distinct().toList();
		String only = (decided.size() == 1) ? decided.get(0) : "";
		String who;
		if (only.equals(NONE)) {
			who = "no enforced policy matches its paths, so requests it would refuse reach the application.";
		}
		else if (only.endsWith(" keeps deciding")) {
			who = only + " on its paths; this policy's decisions are only observed.";
		}
		else {
			who = "per path pattern, "
					+ deciding.entrySet().stream().map((e) -> e.getKey() + ": " + e.getValue()).collect(joining("; "))
					+ " (where no enforced policy matches, requests it would refuse reach the application).";
		}
		String prefix = policy.propertyPrefix();
		return new Violation(ViolationRule.REPORT_ONLY_POLICY, Severity.WARN, prefix + ".mode", policy.mode().tag(),
				"Policy '" + policy.name() + "' is report-only: its decisions are logged and counted but not enforced; "
						+ who,
				"Once cors_requests_total{mode=\"report-only\",outcome=\"rejected\"} shows only traffic you mean to "
						+ "refuse, enforce it: " + prefix + ".mode=enforce",
				"enforce", "");
	}

	/** The first enforced route matching a sample path, as the engine falls back. */
	private static String decider(PathPattern pattern, List<Route> routes) {
		PathContainer sample = sample(pattern);
		if (sample == null) {
			return "which enforced policy decides could not be determined";
		}
		return routes.stream()
			.filter((route) -> route.policy().mode() == PolicyMode.ENFORCE && route.pattern().matches(sample))
			.findFirst()
			.map((route) -> "the enforced policy '" + route.policy().name() + "' (" + route.pattern().getPatternString()
					+ ") keeps deciding")
			.orElse(NONE);
	}

	/**
	 * A path the pattern matches, with {@code x} or another candidate for what varies.
	 */
	private static @Nullable PathContainer sample(PathPattern pattern) {
		return SAMPLE_SEGMENTS.stream()
			.map((segment) -> PathContainer
				.parsePath(PolicyShadowing.replaceCaptures(pattern.getPatternString(), (capture) -> segment)
					.replaceAll("\\*+", segment)
					.replace("?", segment.substring(0, 1))))
			.filter(pattern::matches)
			.findFirst()
			.orElse(null);
	}

}
