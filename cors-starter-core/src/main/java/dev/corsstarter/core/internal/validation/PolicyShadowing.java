package dev.corsstarter.core.internal.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

import dev.corsstarter.core.internal.RouteOrder;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.validation.Severity;
import dev.corsstarter.core.validation.Violation;
import dev.corsstarter.core.validation.ViolationRule;

/**
 * Finds policies that never apply because every one of their path patterns is shadowed by
 * a pattern of another policy that comes first in {@link RouteOrder}. Only certain cases
 * are reported, never a false one: a literal pattern whose one path an earlier pattern
 * matches ({@code /api/abc} behind {@code /api/a?c}), or the same pattern up to capture
 * names ({@code /api/{name}} behind {@code /api/{id}}). {@code /api/**} beside
 * {@code /api/public/**} is not shadowing; identical patterns are the duplicate error's.
 */
final class PolicyShadowing {

	/** A valid path pattern and its policy. */
	record Route(PathPattern pattern, CorsPolicy policy) {
	}

	private PolicyShadowing() {
	}

	/** The valid routes of the policies, in the engine's order. */
	static List<Route> routes(List<CorsPolicyValidator.ParsedPolicy> policies) {
		return RouteOrder.sorted(policies.stream()
			.flatMap((parsed) -> parsed.pathPatterns().stream().map((pattern) -> new Route(pattern, parsed.policy())))
			.toList(), Route::pattern, (route) -> route.policy().name());
	}

	/** Adds a warning when every path pattern of the policy is shadowed. */
	static void check(CorsPolicyValidator.ParsedPolicy parsed, List<Route> routes, List<Violation> out) {
		CorsPolicy policy = parsed.policy();
		if (parsed.pathPatterns().isEmpty() || parsed.pathPatterns().size() != policy.pathPatterns().size()) {
			return;
		}
		List<String> explanations = new ArrayList<>();
		for (PathPattern pattern : parsed.pathPatterns()) {
			Route shadow = shadowOf(new Route(pattern, policy), routes);
			if (shadow == null) {
				return;
			}
			explanations.add(pattern.getPatternString() + " by " + shadow.pattern().getPatternString() + " of policy '"
					+ shadow.policy().name() + "'");
		}
		String prefix = policy.propertyPrefix();
		out.add(new Violation(ViolationRule.SHADOWED_POLICY, Severity.WARN, prefix + ".path-patterns",
				String.join(", ", policy.pathPatterns()),
				"Policy '" + policy.name()
						+ "' never applies: every path it matches goes to another policy whose pattern is tried first "
						+ "(the most specific pattern wins, ties go to the alphabetically first): "
						+ String.join("; ", explanations) + ".",
				"Remove policy '" + policy.name()
						+ "' or merge its settings into the policy that serves these paths, or change " + prefix
						+ ".path-patterns to paths no other policy's pattern takes first.",
				null, ""));
	}

	/** The first route before this one in the engine's order that takes all its paths. */
	private static @Nullable Route shadowOf(Route route, List<Route> routes) {
		String text = route.pattern().getPatternString();
		// a literal stands for the one path it spells only if it matches that path itself
		// (not so with encoded characters or ';' in the pattern)
		boolean literal = !route.pattern().hasPatternSyntax() && route.pattern().matches(PathContainer.parsePath(text));
		return routes.subList(0, routes.indexOf(route)).stream().filter((other) -> {
			String otherText = other.pattern().getPatternString();
			return other.policy() != route.policy() && !otherText.equals(text)
					&& (literal ? other.pattern().matches(PathContainer.parsePath(text))
							: withoutCaptureNames(otherText).equals(withoutCaptureNames(text)));
		}).findFirst().orElse(null);
	}

	/**
	 * The pattern with every capture's name removed: {@code {id}} becomes {@code {}},
	 * {@code {id:\d+}} becomes {@code {:\d+}}, {@code {*rest}} becomes {@code {*}}.
	 */
	static String withoutCaptureNames(String pattern) {
		return replaceCaptures(pattern, (capture) -> "{" + (capture.startsWith("{*") ? "*" : "")
				+ ((capture.indexOf(':') >= 0) ? capture.substring(capture.indexOf(':')) : "}"));
	}

	/** The pattern with each capture, braces of its regex balanced, replaced. */
	static String replaceCaptures(String pattern, UnaryOperator<String> replacement) {
		StringBuilder out = new StringBuilder(pattern.length());
		int i = 0;
		for (int start = pattern.indexOf('{'); start >= 0; start = pattern.indexOf('{', i)) {
			int end = start;
			int depth = 0;
			do {
				depth += (pattern.charAt(end) == '{') ? 1 : (pattern.charAt(end) == '}') ? -1 : 0;
				end++;
			}
			while (depth > 0 && end < pattern.length());
			out.append(pattern, i, start).append(replacement.apply(pattern.substring(start, end)));
			i = end;
		}
		return out.append(pattern.substring(i)).toString();
	}

}
