package dev.corsstarter.core.internal.validation;

import dev.corsstarter.core.validation.InvalidCorsConfigurationException;
import dev.corsstarter.core.validation.Severity;
import dev.corsstarter.core.validation.ValidationContext;
import dev.corsstarter.core.validation.Violation;
import dev.corsstarter.core.validation.ViolationRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

import dev.corsstarter.core.policy.CorsPolicy;

/**
 * Finds policies that never apply because every one of their path patterns is shadowed by
 * a pattern of another policy that the engine tries first.
 * <p>
 * The engine routes a path to the first matching pattern in the order
 * {@link PathPattern#SPECIFICITY_COMPARATOR}, then pattern text, then policy name (see
 * {@code CorsEngine}); this class uses the same order. Deciding in general whether one
 * pattern matches every path another matches is not attempted. A pattern P is reported as
 * shadowed by a pattern Q of another policy that ranks before it only when that is
 * certain:
 * <ul>
 * <li>P is literal (no pattern syntax, so it matches exactly one path) and Q matches that
 * path, e.g. {@code /api/abc} behind {@code /api/a?c}; or</li>
 * <li>P and Q are the same pattern up to the names of their captures, e.g.
 * {@code /api/{name}} behind {@code /api/{id}}.</li>
 * </ul>
 * A policy is reported when every pattern it has is shadowed. Other real shadowing (say
 * {@code /api/x*} behind {@code /api/{id}}) goes unreported; a false report is never
 * made, and in particular {@code /api/**} beside {@code /api/public/**} is not shadowing:
 * each serves paths the other does not. Identical patterns are left to the
 * duplicate-pattern error.
 */
final class PolicyShadowing {

	private record Route(PathPattern pattern, CorsPolicy policy) {
	}

	private static final Comparator<Route> ENGINE_ORDER = Comparator
		.comparing(Route::pattern, PathPattern.SPECIFICITY_COMPARATOR)
		.thenComparing(route -> route.pattern().getPatternString())
		.thenComparing(route -> route.policy().name());

	private PolicyShadowing() {
	}

	/** A warning per entirely shadowed policy, keyed by that policy (identity). */
	static Map<CorsPolicy, Violation> find(List<CorsPolicyValidator.ParsedPolicy> policies) {
		List<Route> routes = new ArrayList<>();
		Map<CorsPolicy, List<Route>> own = new IdentityHashMap<>();
		for (CorsPolicyValidator.ParsedPolicy parsed : policies) {
			CorsPolicy policy = parsed.policy();
			List<Route> policyRoutes = new ArrayList<>();
			boolean allValid = !parsed.pathPatterns().isEmpty()
					&& parsed.pathPatterns().size() == policy.pathPatterns().size();
			for (PathPattern pattern : parsed.pathPatterns()) {
				if (pattern == null) {
					allValid = false;
					continue;
				}
				policyRoutes.add(new Route(pattern, policy));
			}
			routes.addAll(policyRoutes);
			if (allValid) {
				own.put(policy, policyRoutes);
			}
		}
		Map<CorsPolicy, Violation> result = new IdentityHashMap<>();
		for (CorsPolicyValidator.ParsedPolicy parsed : policies) {
			CorsPolicy policy = parsed.policy();
			List<Route> policyRoutes = own.get(policy);
			if (policyRoutes == null) {
				continue;
			}
			List<String> explanations = new ArrayList<>();
			for (Route route : policyRoutes) {
				Route shadow = shadowOf(route, routes);
				if (shadow == null) {
					break;
				}
				explanations.add(route.pattern().getPatternString() + " by " + shadow.pattern().getPatternString()
						+ " of policy '" + shadow.policy().name() + "'");
			}
			if (explanations.size() == policyRoutes.size()) {
				result.put(policy, warning(policy, explanations));
			}
		}
		return result;
	}

	private static Route shadowOf(Route route, List<Route> routes) {
		PathPattern pattern = route.pattern();
		String text = pattern.getPatternString();
		// a literal stands for the one path it spells only if it matches that path itself
		// (not so with encoded characters or ';' in the pattern)
		boolean literal = !pattern.hasPatternSyntax() && pattern.matches(PathContainer.parsePath(text));
		for (Route other : routes) {
			String otherText = other.pattern().getPatternString();
			if (other.policy() == route.policy() || otherText.equals(text) || ENGINE_ORDER.compare(other, route) >= 0) {
				continue;
			}
			boolean covers = literal ? other.pattern().matches(PathContainer.parsePath(text))
					: withoutCaptureNames(otherText).equals(withoutCaptureNames(text));
			if (covers) {
				return other;
			}
		}
		return null;
	}

	private static Violation warning(CorsPolicy policy, List<String> explanations) {
		String prefix = policy.propertyPrefix();
		return Violation.warn(ViolationRule.SHADOWED_POLICY, prefix + ".path-patterns", String.join(", ", policy
			.pathPatterns()), "Policy '" + policy.name()
					+ "' never applies: every path it matches goes to another policy whose pattern is tried first (the most specific pattern wins, ties go to the alphabetically first): "
					+ String.join("; ", explanations) + ".",
				"Remove policy '" + policy.name()
						+ "' or merge its settings into the policy that serves these paths, or change " + prefix
						+ ".path-patterns to paths no other policy's pattern takes first.");
	}

	/**
	 * The pattern with every capture's name removed: {@code {id}} becomes {@code {}},
	 * {@code {id:\d+}} becomes {@code {:\d+}}, {@code {*rest}} becomes {@code {*}}.
	 * Braces inside a capture's regular expression are balanced, as PathPattern requires.
	 */
	static String withoutCaptureNames(String pattern) {
		StringBuilder out = new StringBuilder(pattern.length());
		int i = 0;
		while (i < pattern.length()) {
			char c = pattern.charAt(i);
			if (c != '{') {
				out.append(c);
				i++;
				continue;
			}
			int depth = 1;
			int j = i + 1;
			boolean inName = true;
			out.append('{');
			if (j < pattern.length() && pattern.charAt(j) == '*') {
				out.append('*');
				j++;
			}
			while (j < pattern.length() && depth > 0) {
				char d = pattern.charAt(j);
				if (inName && d == ':') {
					inName = false;
				}
				if (!inName) {
					if (d == '{') {
						depth++;
					}
					else if (d == '}') {
						depth--;
					}
				}
				else if (d == '}') {
					depth = 0;
				}
				if (!inName || depth == 0) {
					out.append(d);
				}
				j++;
			}
			i = j;
		}
		return out.toString();
	}

}
