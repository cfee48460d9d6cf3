package dev.corsstarter.core.decision;

import org.jspecify.annotations.Nullable;

import java.util.List;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

import dev.corsstarter.core.internal.RouteOrder;
import dev.corsstarter.core.policy.PolicyMode;
import dev.corsstarter.core.request.CorsRequest;

/**
 * Path patterns in {@link RouteOrder}, each with its policy. Literal patterns
 * ({@code /api/orders}, {@code /api/**}) also match a <em>plain</em> request path as a
 * string, so the common request is never parsed; the rest go through {@link PathPattern}
 * in the same order. Scans for an enforced route skip report-only ones by a table.
 */
final class PolicyRoutes {

	/** No route matches. */
	static final int NONE = -1;

	private final Route[] routes;

	/** By index (and {@code routes.length}): the first enforced index from there on. */
	private final int[] nextEnforced;

	private final List<CorsEngine.Route> view;

	PolicyRoutes(List<Route> routes) {
		List<Route> sorted = RouteOrder.sorted(routes, Route::pattern, (route) -> route.policy().name());
		this.routes = sorted.toArray(new Route[0]);
		this.view = sorted.stream()
			.map(route -> new CorsEngine.Route(route.pattern(), route.policy().policy(),
					route.policy().origins().patterns()))
			.toList();
		this.nextEnforced = new int[this.routes.length + 1];
		this.nextEnforced[this.routes.length] = this.routes.length;
		for (int i = this.routes.length - 1; i >= 0; i--) {
			this.nextEnforced[i] = (this.routes[i].policy().mode() == PolicyMode.ENFORCE) ? i
					: this.nextEnforced[i + 1];
		}
	}

	/** The routes in the order they are tried, as the engine's public view. */
	List<CorsEngine.Route> view() {
		return this.view;
	}

	/** The policy of the route at {@code index}, as returned by {@link #firstMatch}. */
	CompiledPolicy policy(int index) {
		return this.routes[index].policy();
	}

	/**
	 * The first route from {@code from} on that matches {@code path}, or {@link #NONE}.
	 */
	int firstMatch(PathContainer path, int from, boolean enforcedOnly) {
		for (int i = start(from, enforcedOnly); i < this.routes.length; i = next(i, enforcedOnly)) {
			if (this.routes[i].pattern().matches(path)) {
				return i;
			}
		}
		return NONE;
	}

	/** {@link #firstMatch} on a {@link #isPlain plain} path, parsed only when needed. */
	int firstMatchPlain(String rawPath, CorsRequest request, int from, boolean enforcedOnly) {
		for (int i = start(from, enforcedOnly); i < this.routes.length; i = next(i, enforcedOnly)) {
			Route route = this.routes[i];
			if ((route.literal() != null) ? route.matchesPlain(rawPath) : route.pattern().matches(request.path())) {
				return i;
			}
		}
		return NONE;
	}

	private int start(int from, boolean enforcedOnly) {
		return (!enforcedOnly || from >= this.routes.length) ? from : this.nextEnforced[from];
	}

	private int next(int index, boolean enforcedOnly) {
		return enforcedOnly ? this.nextEnforced[index + 1] : index + 1;
	}

	/** The first enforced match from the first match on, or {@link #NONE}. */
	int enforcedFrom(PathContainer path, int first) {
		return (first == NONE || policy(first).mode() == PolicyMode.ENFORCE) ? first
				: firstMatch(path, first + 1, true);
	}

	/** The policy of the first pattern matching a parsed path, or {@code null}. */
	@Nullable CompiledPolicy policyFor(PathContainer path) {
		int index = firstMatch(path, 0, false);
		return (index != NONE) ? policy(index) : null;
	}

	/**
	 * Whether a raw path is plain: {@code /} followed by non-empty segments none of which
	 * is {@code .} or {@code ..}, with no {@code %} (nothing to decode), no {@code ;} (no
	 * path parameters) and no trailing {@code /}. Parsed, each such segment's value to
	 * match is its text, and the path is already normalised.
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
	 * A pattern and its policy. {@code literal} is the pattern text when it is {@code /}
	 * and literal segments, optionally ending in {@code /**} (then {@code prefix} is set
	 * and {@code literal} excludes it); {@code null} otherwise.
	 */
	record Route(PathPattern pattern, CompiledPolicy policy, @Nullable String literal, boolean prefix) {

		static Route of(PathPattern pattern, CompiledPolicy policy) {
			String text = pattern.getPatternString();
			boolean prefix = text.endsWith("/**");
			String literal = prefix ? text.substring(0, text.length() - 3) : text;
			return isLiteral(literal, prefix) ? new Route(pattern, policy, literal, prefix)
					: new Route(pattern, policy, null, false);
		}

		/** Text a plain path would spell the same: no wildcard, variable, escape, dot. */
		private static boolean isLiteral(String text, boolean prefix) {
			return text.isEmpty() ? prefix : (isPlain(text)
					&& text.chars().noneMatch(c -> c == '*' || c == '?' || c == '{' || c == '}' || c == '\\'));
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
