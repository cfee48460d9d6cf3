package dev.corsstarter.core.internal.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

import dev.corsstarter.core.internal.validation.PolicyShadowing.Route;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;
import dev.corsstarter.core.validation.Severity;
import dev.corsstarter.core.validation.Violation;
import dev.corsstarter.core.validation.ViolationRule;

/**
 * The warning for each report-only policy, said on every start and change so it is not
 * forgotten, naming what protects its paths meanwhile: per path pattern, the first
 * enforced route in {@link dev.corsstarter.core.internal.RouteOrder} that matches a
 * sample path of the pattern ({@code x} for each wildcard and capture, or another plain
 * candidate), as the engine falls back, or "could not be determined" when no sample
 * matches.
 */
final class ReportOnlyPolicies {

	private static final List<String> SAMPLE_SEGMENTS = List.of("x", "1", "a", "0");

	private ReportOnlyPolicies() {
	}

	/** The warning for a report-only policy, given the routes in the engine's order. */
	static Violation warning(CorsPolicyValidator.ParsedPolicy parsed, List<Route> routes) {
		CorsPolicy policy = parsed.policy();
		Map<String, String> deciding = new LinkedHashMap<>();
		Set<String> named = new LinkedHashSet<>();
		for (PathPattern pattern : parsed.pathPatterns()) {
			String text = pattern.getPatternString();
			PathContainer sample = sample(pattern);
			if (sample == null) {
				deciding.put(text, "which enforced policy decides could not be determined");
				continue;
			}
			Route route = routes.stream()
				.filter(r -> r.policy().mode() == PolicyMode.ENFORCE && r.pattern().matches(sample))
				.findFirst()
				.orElse(null);
			if (route != null) {
				String name = "the enforced policy '" + route.policy().name() + "' ("
						+ route.pattern().getPatternString() + ")";
				named.add(name);
				deciding.put(text, name + " keeps deciding");
			}
			else {
				deciding.put(text, "no enforced policy");
			}
		}
		String who;
		if (!deciding.isEmpty() && deciding.values().stream().allMatch(d -> d.equals("no enforced policy"))) {
			who = "no enforced policy matches its paths, so requests it would refuse reach the application.";
		}
		else if (named.size() == 1 && deciding.values().stream().allMatch(d -> d.endsWith("keeps deciding"))) {
			who = named.iterator().next() + " keeps deciding on its paths; this policy's decisions are only observed.";
		}
		else {
			List<String> parts = new ArrayList<>();
			deciding.forEach((pattern, d) -> parts.add(pattern + ": " + d));
			who = "per path pattern, " + String.join("; ", parts)
					+ " (where no enforced policy matches, requests it would refuse reach the application).";
		}
		String prefix = policy.propertyPrefix();
		return new Violation(ViolationRule.REPORT_ONLY_POLICY, Severity.WARN, prefix + ".mode", policy.mode().tag(),
				"Policy '" + policy.name() + "' is report-only: its decisions are logged and counted but not enforced; "
						+ who,
				"Once cors_requests_total{mode=\"report-only\",outcome=\"rejected\"} shows only traffic you mean to "
						+ "refuse, enforce it: " + prefix + ".mode=enforce",
				"enforce");
	}

	/**
	 * A path the pattern matches, with {@code x} (or another candidate) for what varies.
	 */
	static @Nullable PathContainer sample(PathPattern pattern) {
		for (String segment : SAMPLE_SEGMENTS) {
			PathContainer path = PathContainer
				.parsePath(PolicyShadowing.replaceCaptures(pattern.getPatternString(), (capture) -> segment)
					.replaceAll("\\*+", segment)
					.replace("?", segment.substring(0, 1)));
			if (pattern.matches(path)) {
				return path;
			}
		}
		return null;
	}

}
