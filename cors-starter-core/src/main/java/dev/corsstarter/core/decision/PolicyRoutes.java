package dev.corsstarter.core.decision;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

import dev.corsstarter.core.request.CorsRequest;

/**
 * Path patterns in specificity order, each with its policy. Most patterns in CORS policies are
 * literal ({@code /api/orders}) or a literal prefix ({@code /api/**}); those also match a
 * <em>plain</em> request path as a string, so the common request never has its path parsed.
 * Every other pattern, and every other path, goes through {@link PathPattern} as usual, in the
 * same order, so the first match is the same either way.
 */
final class PolicyRoutes {

	private final Route[] routes;

	PolicyRoutes(List<Route> routes) {
		List<Route> sorted = new ArrayList<>(routes);
		// The most specific pattern wins; ties are broken by pattern text and policy name, so the
		// result never depends on declaration or property-source order.
		sorted.sort(Comparator.comparing(Route::pattern, PathPattern.SPECIFICITY_COMPARATOR)
			.thenComparing(route -> route.pattern().getPatternString())
			.thenComparing(route -> route.policy().name()));
		this.routes = sorted.toArray(new Route[0]);
	}

	/** The policy of the first pattern matching a parsed path, or {@code null}. */
	@Nullable CompiledPolicy policyFor(PathContainer path) {
		for (Route route : this.routes) {
			if (route.pattern().matches(path)) {
				return route.policy();
			}
		}
		return null;
	}

	/**
	 * The policy of the first pattern matching a plain path (see {@link #isPlain}), parsing the
	 * path only when a pattern that is not literal has to look at it.
	 */
	@Nullable CompiledPolicy policyForPlain(String rawPath, CorsRequest request) {
		@Nullable PathContainer parsed = null;
		for (Route route : this.routes) {
			boolean matches;
			if (route.literal() != null) {
				matches = route.matchesPlain(rawPath);
			}
			else {
				parsed = (parsed != null) ? parsed : request.path();
				matches = route.pattern().matches(parsed);
			}
			if (matches) {
				return route.policy();
			}
		}
		return null;
	}

	/**
	 * Whether a raw path is plain: {@code /} followed by non-empty segments none of which is
	 * {@code .} or {@code ..}, with no {@code %} (nothing to decode), no {@code ;} (no path
	 * parameters) and no trailing {@code /}. Parsed, each such segment's value to match is its
	 * text, and the path is already normalised.
	 */
	static boolean isPlain(String rawPath) {
		int length = rawPath.length();
		if (length < 2 || rawPath.charAt(0) != '/' || rawPath.charAt(length - 1) == '/') {
			return false;
		}
		int segmentStart = 1;
		for (int i = 1; i <= length; i++) {
			char c = (i < length) ? rawPath.charAt(i) : '/';
			if (c == '/') {
				int segmentLength = i - segmentStart;
				if (segmentLength == 0 || (rawPath.charAt(segmentStart) == '.'
						&& (segmentLength == 1 || (segmentLength == 2 && rawPath.charAt(segmentStart + 1) == '.')))) {
					return false;
				}
				segmentStart = i + 1;
			}
			else if (c == '%' || c == ';' || c < 0x21 || c > 0x7e) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A pattern and its policy. {@code literal} is the pattern text when it is {@code /} and
	 * literal segments, optionally ending in {@code /**} (then {@code prefix} is set and
	 * {@code literal} excludes it); {@code null} otherwise.
	 */
	record Route(PathPattern pattern, CompiledPolicy policy, @Nullable String literal, boolean prefix) {

		static Route of(PathPattern pattern, CompiledPolicy policy) {
			String text = pattern.getPatternString();
			boolean prefix = text.endsWith("/**");
			String literal = prefix ? text.substring(0, text.length() - 3) : text;
			return isLiteral(literal, prefix) ? new Route(pattern, policy, literal, prefix)
					: new Route(pattern, policy, null, false);
		}

		/** Literal segments that a plain path would spell identically: no wildcard, variable, escape or dot segment. */
		private static boolean isLiteral(String text, boolean prefix) {
			if (text.isEmpty()) {
				return prefix;
			}
			return isPlain(text) && text.chars().noneMatch(c -> c == '*' || c == '?' || c == '{' || c == '}' || c == '\\');
		}

		boolean matchesPlain(String rawPath) {
			String literal = this.literal;
			if (!this.prefix) {
				return rawPath.equals(literal);
			}
			int length = literal.length();
			return rawPath.startsWith(literal) && (rawPath.length() == length || rawPath.charAt(length) == '/');
		}

	}

}
