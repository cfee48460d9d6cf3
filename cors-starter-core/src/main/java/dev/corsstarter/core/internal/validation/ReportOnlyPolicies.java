package dev.corsstarter.core.internal.validation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;
import dev.corsstarter.core.validation.Severity;
import dev.corsstarter.core.validation.Violation;
import dev.corsstarter.core.validation.ViolationRule;

/**
 * The warning for each report-only policy, said on every start and every change so it is
 * not forgotten, naming what protects its paths meanwhile. A report-only policy never
 * decides against enforcement: on a path where it is the most specific policy, the most
 * specific enforced policy that also matches decides (as {@code CorsEngine} routes), so
 * the warning names that policy per path pattern, or says that none matches, in which
 * case requests the report-only policy would refuse reach the application.
 * <p>
 * Which enforced policy decides is found on a sample path of each pattern: the pattern
 * with {@code x} for every wildcard, capture and {@code **} (for a capture with a regular
 * expression, the first of a few candidates it accepts). A pattern no sample matches is
 * reported as "could not be determined" rather than guessed.
 */
final class ReportOnlyPolicies {

	private record Route(PathPattern pattern, CorsPolicy policy) {
	}

	/**
	 * The engine's order: most specific pattern first, then pattern text, then policy
	 * name.
	 */
	private static final Comparator<Route> ENGINE_ORDER = Comparator
		.comparing(Route::pattern, PathPattern.SPECIFICITY_COMPARATOR)
		.thenComparing(route -> route.pattern().getPatternString())
		.thenComparing(route -> route.policy().name());

	private static final List<String> SAMPLE_SEGMENTS = List.of("x", "1", "a", "0");

	private ReportOnlyPolicies() {
	}

	/** A warning per report-only policy, keyed by that policy (identity). */
	static Map<CorsPolicy, Violation> find(List<CorsPolicyValidator.ParsedPolicy> policies) {
		List<Route> enforced = new ArrayList<>();
		for (CorsPolicyValidator.ParsedPolicy parsed : policies) {
			if (parsed.policy().mode() == PolicyMode.ENFORCE) {
				for (PathPattern pattern : parsed.pathPatterns()) {
					if (pattern != null) {
						enforced.add(new Route(pattern, parsed.policy()));
					}
				}
			}
		}
		enforced.sort(ENGINE_ORDER);
		Map<CorsPolicy, Violation> result = new IdentityHashMap<>();
		for (CorsPolicyValidator.ParsedPolicy parsed : policies) {
			if (parsed.policy().mode() == PolicyMode.REPORT_ONLY) {
				result.put(parsed.policy(), warning(parsed, enforced));
			}
		}
		return result;
	}

	private static Violation warning(CorsPolicyValidator.ParsedPolicy parsed, List<Route> enforced) {
		CorsPolicy policy = parsed.policy();
		Map<String, String> deciding = new java.util.LinkedHashMap<>();
		Set<String> named = new LinkedHashSet<>();
		for (PathPattern pattern : parsed.pathPatterns()) {
			if (pattern == null) {
				continue;
			}
			String text = pattern.getPatternString();
			PathContainer sample = sample(pattern);
			if (sample == null) {
				deciding.put(text, "which enforced policy decides could not be determined");
				continue;
			}
			Route route = enforced.stream().filter(r -> r.pattern().matches(sample)).findFirst().orElse(null);
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
	 * A path the pattern matches, with {@code x} (or another plain candidate) for what
	 * varies.
	 */
	static @Nullable PathContainer sample(PathPattern pattern) {
		for (String segment : SAMPLE_SEGMENTS) {
			PathContainer path = PathContainer.parsePath(fill(pattern.getPatternString(), segment));
			if (pattern.matches(path)) {
				return path;
			}
		}
		return null;
	}

	/**
	 * The pattern text with every {@code **}, {@code *}, {@code ?} and capture replaced
	 * by {@code segment}.
	 */
	private static String fill(String pattern, String segment) {
		StringBuilder out = new StringBuilder(pattern.length());
		int i = 0;
		while (i < pattern.length()) {
			char c = pattern.charAt(i);
			if (c == '{') {
				int depth = 1;
				int j = i + 1;
				while (j < pattern.length() && depth > 0) {
					depth += (pattern.charAt(j) == '{') ? 1 : (pattern.charAt(j) == '}') ? -1 : 0;
					j++;
				}
				out.append(segment);
				i = j;
			}
			else if (c == '*') {
				while (i < pattern.length() && pattern.charAt(i) == '*') {
					i++;
				}
				out.append(segment);
			}
			else if (c == '?') {
				out.append(segment.charAt(0));
				i++;
			}
			else {
				out.append(c);
				i++;
			}
		}
		return out.toString();
	}

}
