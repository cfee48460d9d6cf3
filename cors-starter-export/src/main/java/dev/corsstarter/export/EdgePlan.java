package dev.corsstarter.export;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.internal.OriginPattern;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;
import dev.corsstarter.export.Refusal.Code;

import static dev.corsstarter.export.NginxSyntax.printable;

/**
 * What an edge must do to answer as an engine does, in no format: the routes in the
 * engine's order, each a literal path or a literal prefix under the context path, and
 * every {@link Refusal} that applies whatever the format. Read from
 * {@link CorsEngine#routes()}, the patterns and origins the engine parsed. Exported are
 * literal paths and literal prefixes ending in {@code /**} or {@code /{*rest}};
 * wildcards, {@code ?}, captures and regular expressions before the end are refused.
 *
 * @param fingerprint the fingerprint of the policies, as {@link CorsEngine#fingerprint()}
 * @param generation the policy generation exported
 * @param upstream what each route proxies to
 * @param policies the policies in declaration order, each with its parsed origins
 * @param routes the routes to export, in the engine's order
 * @param refusals why the policies cannot be exported in any format; empty if they can
 */
public record EdgePlan(String fingerprint, long generation, String upstream, List<Policy> policies, List<Route> routes,
		List<Refusal> refusals) {

	/** The upstream a route proxies to when none is given: an {@code upstream app {}}. */
	public static final String DEFAULT_UPSTREAM = "http://app";

	private static final Pattern UPSTREAM = Pattern
		.compile("https?://(?:[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?|https?://unix:/[A-Za-z0-9._/-]+:");

	/** Segments an edge's decoded, normalised match and PathPattern read alike. */
	private static final Pattern LITERAL = Pattern.compile("(/[A-Za-z0-9._~!&'()+,=:@-]+)*/?");

	private static final Pattern CAPTURE_THE_REST = Pattern.compile("(.*)/\\{\\*[A-Za-z0-9_]+\\}");

	public EdgePlan {
		policies = List.copyOf(policies);
		routes = List.copyOf(routes);
		refusals = List.copyOf(refusals);
	}

	/**
	 * Plan the export of an engine's policies.
	 * @param engine the engine whose policies to export
	 * @param generation the policy generation the engine is (1 until reloaded)
	 * @param pathPrefix the context path every route starts with: {@code ""} for none,
	 * else {@code /segment...} without a trailing slash
	 * @param upstream what each route proxies to, such as {@value #DEFAULT_UPSTREAM}
	 * @param refused what the application's routing already refuses (a method override)
	 * @return the plan, with every refusal found
	 */
	public static EdgePlan of(CorsEngine engine, long generation, String pathPrefix, @Nullable String upstream,
			List<Refusal> refused) {
		Set<Refusal> refusals = new LinkedHashSet<>(refused);
		if (!LITERAL.matcher(pathPrefix).matches() || pathPrefix.endsWith("/") || hasDotSegment(pathPrefix)) {
			refusals.add(new Refusal(Code.PATH_PREFIX, "path prefix '" + printable(pathPrefix)
					+ "' is not '' or literal segments starting with '/' without a trailing '/'"));
		}
		if (upstream == null || !UPSTREAM.matcher(upstream).matches()) {
			refusals.add(new Refusal(Code.UPSTREAM, "upstream '" + printable(String.valueOf(upstream))
					+ "' is not an http(s) URL of a host or upstream name and optional port, such as http://app or "
					+ "http://127.0.0.1:8080"));
		}
		engine.policies()
			.stream()
			.filter((policy) -> policy.mode() != PolicyMode.ENFORCE)
			.forEach((policy) -> refusals.add(new Refusal(Code.REPORT_ONLY_POLICY,
					"policy '" + printable(policy.name()) + "' is " + policy.mode().tag()
							+ ": the edge would enforce what the policy only reports; export it once it enforces")));
		List<Route> routes = new ArrayList<>();
		Map<CorsPolicy, List<OriginPattern>> origins = new IdentityHashMap<>();
		for (CorsEngine.Route route : engine.routes()) {
			origins.putIfAbsent(route.policy(), route.origins());
			route(engine.policies().indexOf(route.policy()), route, pathPrefix, routes, refusals);
		}
		List<Policy> policies = engine.policies().stream().map((p) -> new Policy(p, origins.get(p))).toList();
		return new EdgePlan(engine.fingerprint(), generation, String.valueOf(upstream), policies, routes,
				new ArrayList<>(refusals));
	}

	/** Adds the route, or the reason it cannot be exported. */
	private static void route(int policy, CorsEngine.Route route, String pathPrefix, List<Route> routes,
			Set<Refusal> refusals) {
		String text = route.pattern().getPatternString();
		String where = "path pattern '" + printable(text) + "' of policy '" + printable(route.policy().name()) + "'";
		Matcher captureTheRest = CAPTURE_THE_REST.matcher(text);
		boolean prefix = text.endsWith("/**") || captureTheRest.matches();
		String literal = text.endsWith("/**") ? text.substring(0, text.length() - 3)
				: prefix ? captureTheRest.group(1) : text;
		if (prefix && literal.isEmpty()) {
			refusals.add(new Refusal(Code.EVERY_PATH,
					where + " covers every path: nginx's 'location /', which the server block that includes the export "
							+ "already has for the application; give the policy the paths it needs, e.g. /api/**"));
		}
		else if (literal.chars().anyMatch((c) -> c == '*' || c == '?' || c == '{' || c == '}')) {
			refusals.add(new Refusal(Code.PATTERN_NOT_LITERAL, where
					+ " has a wildcard, '?' or '{...}' capture before its end: nginx could match it only with a regex "
					+ "location, which nginx tries in the order written rather than by the most specific pattern; use "
					+ "literal paths and literal prefixes ending in /** for policies exported to nginx"));
		}
		else if (!LITERAL.matcher(literal).matches() || (prefix && literal.endsWith("/")) || hasDotSegment(literal)) {
			refusals.add(new Refusal(Code.PATTERN_CHARACTERS, where
					+ " has an empty, '.' or '..' segment, or a character ('%', ';', '\\', '$', a space, non-ASCII) "
					+ "that nginx's decoded, normalised location match reads differently from the pattern"));
		}
		else {
			String path = pathPrefix + literal;
			routes.add(new Route(policy, text, path.isEmpty() ? "/" : path, prefix));
		}
	}

	private static boolean hasDotSegment(String path) {
		return (path + "/").contains("/./") || (path + "/").contains("/../");
	}

	/**
	 * A policy and its allowed origins, as parsed by the compile step.
	 *
	 * @param policy the validated policy
	 * @param origins its allowed origins, in configured order
	 */
	public record Policy(CorsPolicy policy, List<OriginPattern> origins) {

	}

	/**
	 * A route to export.
	 *
	 * @param policy the index of its policy in {@link EdgePlan#policies()}
	 * @param pattern the path pattern, as written
	 * @param path the literal path under the context path, or the prefix without its
	 * trailing {@code /}
	 * @param prefix whether every path under {@code path} is covered too
	 */
	public record Route(int policy, String pattern, String path, boolean prefix) {

	}

}
