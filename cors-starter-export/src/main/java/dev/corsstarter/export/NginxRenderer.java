package dev.corsstarter.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.corsstarter.core.internal.OriginHeaderChecks;
import dev.corsstarter.core.internal.OriginPattern;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.export.Refusal.Code;

/**
 * An {@link EdgePlan} as nginx configuration that answers preflights and refuses
 * disallowed requests at the edge, as the starter's filters do. Two parts:
 * <ul>
 * <li>{@code http} ({@value #HTTP_FILE}, in {@code http {}}): {@code map}s that classify
 * the request and, per policy, decide it and compute each response header;</li>
 * <li>{@code server} ({@value #SERVER_FILE}, in the application's {@code server {}}): one
 * {@code location} per path that answers preflights, refuses disallowed requests and
 * proxies the others, writing the CORS headers with {@code always}.</li>
 * </ul>
 * An exact location beats every prefix and the longest prefix beats shorter ones; each
 * overlap of two policies' patterns is refused where that picks another policy than the
 * engine's order. A cross-origin request whose raw path is not plain is refused on every
 * path, since nginx picks a location by the decoded, normalised path. The configuration
 * never writes a request value it has not matched against a well-formed allowed value.
 */
final class NginxRenderer implements EdgeRenderer {

	static final String HTTP_FILE = "cors-http.conf";

	static final String SERVER_FILE = "cors-server.conf";

	/** Characters of an RFC 9110 token, as a regex character class body. */
	private static final String TCHAR = "!#$%&'*+.^_`|~0-9A-Za-z-";

	/** The {@code Origin} values {@link OriginHeaderChecks#isWellFormed} accepts. */
	static final String WELL_FORMED_ORIGIN = "^(?=.{1,300}$)(?:null|[a-z][a-z0-9+.-]{0,38}://(?:\\[[0-9a-f:.]+\\]"
			+ "|(?=[a-z0-9_.-]{1,254}(?::|$))[a-z0-9_-]{1,63}(?:\\.[a-z0-9_-]{1,63})*\\.?)"
			+ "(?::(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?)$";

	/** A raw request path nginx and the application may read as different paths. */
	static final String UNPLAIN_PATH = "^[^?]*(?:;|//|\\\\|%2[eEfF]|%5[cC]|%3[bB]|/\\.\\.?(?:[/?]|$))";

	private static final String VARY_TOKEN = "^(.*?)(?:^|,)[\\t ]*(?:origin|access-control-request-(?:method|headers"
			+ "|private-network))[\\t ]*(?=,|$)(.*)$";

	private static final String PREFLIGHT_VARY = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

	private static final List<String> HEADERS = List.of("Access-Control-Allow-Origin",
			"Access-Control-Allow-Credentials", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers",
			"Access-Control-Max-Age", "Access-Control-Allow-Private-Network", "Access-Control-Expose-Headers", "Vary");

	@Override
	public String format() {
		return "nginx";
	}

	@Override
	public List<Part> parts() {
		return List.of(new Part("http", HTTP_FILE, "for http {}"), new Part("server", SERVER_FILE, "for server {}"));
	}

	@Override
	public Map<String, String> render(EdgePlan plan) {
		Set<Refusal> refusals = new LinkedHashSet<>(plan.refusals());
		checkOverlaps(plan, refusals);
		String suffix = plan.fingerprint().substring(0, 12);
		String header = """
				# cors-starter policies exported for nginx
				# generation %d, fingerprint %s
				# Compare with "fingerprint" at /actuator/cors: equal means edge and application run the same policies.
				""".formatted(plan.generation(), plan.fingerprint());
		StringBuilder http = new StringBuilder(header)
			.append("""
					# http-level part (%s): include it inside http {}; the server that
					# answers for the application includes %s from the same export. Generated: export again when the policies change.
					# If nginx warns "could not build optimal variables_hash", set variables_hash_max_size 2048; in http {}.

					"""
				.formatted(HTTP_FILE, SERVER_FILE));
		sharedMaps(http, suffix);
		for (int i = 0; i < plan.policies().size(); i++) {
			policyMaps(http, plan.policies().get(i), "$cors_p" + (i + 1), refusals);
		}
		if (!refusals.isEmpty()) {
			throw new EdgeExportException(format(), refusals);
		}
		StringBuilder server = new StringBuilder(header).append("""
				# server-level part (%s): include it inside the server {} that proxies
				# to the application, next to its own locations; %s from the same export goes in http {}.
				# The locations below own their paths: keep no location of your own that is more specific
				# than one of them. proxy_set_header and other proxy settings are inherited from the server.

				# A cross-origin request whose raw path is not plain (;, //, . or .. segments, encoded . / \\ ;)
				# is refused on every path: nginx matches locations by the decoded, normalised path, the
				# application may route by another form of it.
				if ($cors_path_guard_%s = 403) {
				    return 403 "Invalid CORS request";
				}
				""".formatted(SERVER_FILE, HTTP_FILE, suffix));
		for (EdgePlan.Route route : locations(plan)) {
			location(server, plan.policies().get(route.policy()).policy(), route, plan.upstream());
		}
		return Map.of("http", http.toString(), "server", server.toString());
	}

	/**
	 * Refuse two policies' overlapping patterns where nginx's exact-then-longest-prefix
	 * match picks another policy than the engine's order (the plan's).
	 */
	private static void checkOverlaps(EdgePlan plan, Set<Refusal> refusals) {
		List<EdgePlan.Route> routes = plan.routes();
		for (int a = 0; a < routes.size(); a++) {
			for (int b = a + 1; b < routes.size(); b++) {
				EdgePlan.Route engine = routes.get(a);
				EdgePlan.Route other = routes.get(b);
				if (engine.policy() == other.policy() || !overlap(engine, other)
						|| (engine.prefix() == other.prefix() && engine.path().equals(other.path()))) {
					continue; // the same prefix written twice is one location: the
								// engine's pick
				}
				boolean nginxPicksOther = other.prefix()
						? engine.prefix() && other.path().length() > engine.path().length() : engine.prefix();
				if (nginxPicksOther) {
					refusals.add(new Refusal(Code.OVERLAPPING_PATTERNS,
							"path patterns '" + name(engine.pattern()) + "' (policy '" + name(plan, engine) + "') and '"
									+ name(other.pattern()) + "' (policy '" + name(plan, other)
									+ "') overlap: the starter decides by the more specific '" + name(engine.pattern())
									+ "', nginx's location match would pick '" + name(other.pattern()) + "'"));
				}
			}
		}
	}

	private static boolean overlap(EdgePlan.Route one, EdgePlan.Route two) {
		return (one.prefix() && isUnder(two.path(), one.path())) || (two.prefix() && isUnder(one.path(), two.path()));
	}

	private static boolean isUnder(String path, String prefix) {
		return path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
	}

	private static String name(String text) {
		return NginxSyntax.printable(text);
	}

	private static String name(EdgePlan plan, EdgePlan.Route route) {
		return name(plan.policies().get(route.policy()).policy().name());
	}

	/**
	 * Exact locations, then prefix ones, each by path and each path once: the engine's
	 * pick, a literal path before the same path of a prefix.
	 */
	private static List<EdgePlan.Route> locations(EdgePlan plan) {
		List<EdgePlan.Route> routes = new ArrayList<>(plan.routes());
		routes.sort(Comparator.comparing(EdgePlan.Route::prefix));
		Map<String, EdgePlan.Route> exact = new LinkedHashMap<>();
		Map<String, EdgePlan.Route> prefixes = new LinkedHashMap<>();
		for (EdgePlan.Route route : routes) {
			exact.putIfAbsent(route.path(), new EdgePlan.Route(route.policy(), route.pattern(), route.path(), false));
			String prefix = route.path().endsWith("/") ? route.path() : route.path() + "/";
			if (route.prefix()) {
				prefixes.putIfAbsent(prefix, new EdgePlan.Route(route.policy(), route.pattern(), prefix, true));
			}
		}
		List<EdgePlan.Route> locations = new ArrayList<>(exact.values());
		locations.sort(Comparator.comparing(EdgePlan.Route::path));
		prefixes.values().stream().sorted(Comparator.comparing(EdgePlan.Route::path)).forEach(locations::add);
		return locations;
	}

	private static void sharedMaps(StringBuilder out, String suffix) {
		out.append("# Origin: 0 absent or empty, 1 well-formed (as browsers serialise it), 2 malformed\n");
		map(out, "$http_origin", "$cors_origin_form", "default 2", "\"\" 0", regex("~", WELL_FORMED_ORIGIN) + " 1");
		out.append("\n# 1 when Origin is this server's own origin (as received) or Sec-Fetch-Site says same-origin\n");
		map(out, "\"$http_origin $scheme://$http_host\"", "$cors_own_origin", "default 0",
				regex("~*", "^(\\S+) \\1$") + " 1", regex("~*", "^(http://\\S+) \\1:80$") + " 1",
				regex("~*", "^(https://\\S+) \\1:443$") + " 1", regex("~*", "^(http://\\S+):80 \\1$") + " 1",
				regex("~*", "^(https://\\S+):443 \\1$") + " 1");
		map(out, "$http_sec_fetch_site", "$cors_fetch_same_origin", "default 0", regex("~", "^same-origin$") + " 1");
		map(out, "\"$cors_own_origin$cors_fetch_same_origin\"", "$cors_same", "default 1", "\"00\" 0");
		out.append("\n# request type: p preflight (OPTIONS with Access-Control-Request-Method), w WebSocket "
				+ "handshake, a actual\n");
		map(out, "\"$request_method:$http_access_control_request_method\"", "$cors_preflight_asked", "default 0",
				regex("~", "^OPTIONS:.") + " 1");
		map(out, "$http_upgrade", "$cors_websocket_asked", "default 0", regex("~*", "^websocket$") + " 1");
		map(out, "\"$request_method:$cors_preflight_asked$cors_websocket_asked\"", "$cors_type", "default a",
				regex("~", "^OPTIONS:1") + " p", regex("~", "^GET:01$") + " w");
		map(out, "$http_access_control_request_private_network", "$cors_private_network_asked", "default 0",
				regex("~", "^true$") + " 1");
		map(out, "$http_access_control_request_headers", "$cors_headers_asked", "default 1", "\"\" 0");
		out.append("\n# the stricter rule for paths nginx and the application may read differently (see ")
			.append(SERVER_FILE)
			.append(")\n");
		map(out, "$request_uri", "$cors_unplain_path", "default 0", regex("~", UNPLAIN_PATH) + " 1");
		map(out, "\"$cors_origin_form$cors_same:$cors_unplain_path\"", "$cors_path_guard_" + suffix, "default \"\"",
				regex("~", "^(?:10|2[01]):1$") + " 403");
		out.append("\n# the application's own Vary tokens, without the CORS request headers the edge lists itself\n");
		String previous = "$upstream_http_vary";
		for (int step = 1; step <= 6; step++) {
			map(out, previous, "$cors_vary_app_" + step, "default " + previous, regex("~*", VARY_TOKEN) + " \"$1$2\"");
			previous = "$cors_vary_app_" + step;
		}
		map(out, previous, "$cors_vary_app", "default \"\"", regex("~", "^[\\t ,]*(.*?)[\\t ,]*$") + " $1");
		out.append('\n');
	}

	/** The maps of one policy: its decision and each response header's value. */
	private static void policyMaps(StringBuilder out, EdgePlan.Policy planned, String id, Set<Refusal> refusals) {
		CorsPolicy policy = planned.policy();
		String what = "policy '" + NginxSyntax.printable(policy.name()) + "'";
		out.append("# ---- policy \"")
			.append(NginxSyntax.printable(policy.name()))
			.append("\": ")
			.append(NginxSyntax.printable(String.join(", ", policy.pathPatterns())))
			.append('\n');
		// the value to answer with, set only by a listed origin or a pattern's capture
		boolean any = planned.origins().stream().anyMatch((origin) -> origin.kind() == OriginPattern.Kind.ANY);
		List<String> origins = new ArrayList<>(List.of(any ? "default \"*\"" : "default \"\""));
		for (OriginPattern origin : any ? List.<OriginPattern>of() : planned.origins()) {
			if (origin.kind() == OriginPattern.Kind.WILDCARD) {
				origins.add(regex("~", wildcard(origin)) + " $1");
			}
			else if (origin.kind() != OriginPattern.Kind.ANY && OriginHeaderChecks.isWellFormed(origin.value())) {
				origins.add(regex("~", "^" + NginxSyntax.regexQuote(origin.value()) + "$") + " "
						+ NginxSyntax.literal(origin.value(), what + " origin", refusals));
			}
		}
		map(out, "$http_origin", id + "_origin", origins.toArray(String[]::new));
		map(out, id + "_origin", id + "_origin_ok", "default 1", "\"\" 0");
		// methods compare case-sensitively
		boolean anyMethod = policy.allowedMethods().contains("*");
		List<String> methods = policy.allowedMethods().stream().distinct().toList();
		String method = anyMethod ? "^[" + TCHAR + "]+$"
				: "^(?:" + String.join("|", methods.stream().map(NginxSyntax::regexQuote).toList()) + ")$";
		map(out, "$http_access_control_request_method", id + "_method", "default 0", regex("~", method) + " 1");
		map(out, "$request_method", id + "_actual_method", "default 0", regex("~", method) + " 1");
		// requested headers: a comma list with optional whitespace, names
		// case-insensitive;
		// nginx tries no regex on an empty value, so none requested is listed as such
		boolean anyHeader = policy.allowedHeaders().contains("*");
		boolean allowHeaders = anyHeader || !policy.allowedHeaders().isEmpty();
		String name = anyHeader ? "[" + TCHAR + "]+"
				: allowHeaders ? "(?:"
						+ String.join("|", policy.allowedHeaders().stream().map(NginxSyntax::regexQuote).toList()) + ")"
						: "(?!)";
		String list = "^(?=.{0,4096}$)[\\t ]*(?:" + name + "[\\t ]*)?(?:,[\\t ]*(?:" + name + "[\\t ]*)?)*$";
		map(out, "$http_access_control_request_headers", id + "_headers", "default 0", "\"\" 1",
				regex("~*", list) + " 1");
		out.append(
				"# pass: not a CORS request; preflight*: answer 204; *reject: answer 403; actual, websocket: proxy\n");
		map(out, "\"$cors_origin_form:$cors_same:$cors_type:" + id + "_origin_ok:" + id + "_method:" + id
				+ "_headers:$cors_private_network_asked:" + id + "_actual_method\"", id, "default reject",
				regex("~", "^0:") + " pass", regex("~", "^2:.:p:") + " preflight-reject", regex("~", "^2:") + " reject",
				regex("~", "^1:1:") + " pass", regex("~", "^1:0:p:(?:0|1:0|1:1:0)") + " preflight-reject",
				regex("~", "^1:0:p:1:1:1:1:")
						+ (policy.allowPrivateNetwork() ? " preflight-private-network" : " preflight-reject"),
				regex("~", "^1:0:p:1:1:1:0:") + " preflight", regex("~", "^1:0:w:1:") + " websocket",
				regex("~", "^1:0:a:1:.:.:.:1$") + " actual");
		map(out, id, id + "_status", "default \"\"", "preflight 204", "preflight-private-network 204",
				"preflight-reject 403", "reject 403");
		String vary = "\"" + PREFLIGHT_VARY
				+ (policy.allowPrivateNetwork() ? ", Access-Control-Request-Private-Network" : "") + "\"";
		map(out, id, id + "_vary_cors", "default \"Origin\"", "preflight " + vary, "preflight-private-network " + vary,
				"preflight-reject " + vary);
		map(out, "\"$cors_vary_app|" + id + "_vary_cors\"", id + "_vary", regex("~", "^\\|(.*)$") + " $1",
				regex("~", "^(.*)\\|(.*)$") + " \"$1, $2\"");
		answer(out, id, "allow_origin", id + "_origin", true, true);
		if (policy.allowCredentials()) {
			answer(out, id, "allow_credentials", "\"true\"", true, true);
		}
		if (anyMethod) {
			map(out, "$http_access_control_request_method", id + "_method_requested", "default \"\"",
					regex("~", "^([" + TCHAR + "]+)$") + " $1");
		}
		answer(out, id, "allow_methods",
				anyMethod ? id + "_method_requested"
						: NginxSyntax.literal(String.join(", ", methods), what + " allowed-methods", refusals),
				true, false);
		if (anyHeader) {
			map(out, "$http_access_control_request_headers", id + "_headers_requested", "default \"\"",
					regex("~", "^([\\t ,]*[" + TCHAR + "][\\t ," + TCHAR + "]*)$") + " $1");
		}
		if (allowHeaders) {
			String value = anyHeader ? id + "_headers_requested" : NginxSyntax
				.literal(String.join(", ", policy.allowedHeaders()), what + " allowed-headers", refusals);
			map(out, "\"" + id + ":$cors_headers_asked\"", id + "_allow_headers", "default \"\"",
					regex("~", "^preflight(?:-private-network)?:1$") + " " + value);
		}
		answer(out, id, "max_age", "\"" + policy.maxAge().toSeconds() + "\"", true, false);
		if (policy.allowPrivateNetwork()) {
			map(out, id, id + "_allow_private_network", "default \"\"", "preflight-private-network \"true\"");
		}
		if (!policy.exposedHeaders().isEmpty()) {
			answer(out, id, "expose_headers", NginxSyntax.literal(String.join(", ", policy.exposedHeaders()),
					what + " exposed-headers", refusals), false, true);
		}
		out.append('\n');
	}

	/**
	 * A header value map: {@code value} on an allowed preflight and/or actual request.
	 */
	private static void answer(StringBuilder out, String id, String name, String value, boolean preflight,
			boolean actual) {
		List<String> entries = new ArrayList<>(List.of("default \"\""));
		if (preflight) {
			entries.addAll(List.of("preflight " + value, "preflight-private-network " + value));
		}
		if (actual) {
			entries.add("actual " + value);
		}
		map(out, id, id + "_" + name, entries.toArray(String[]::new));
	}

	private static void location(StringBuilder out, CorsPolicy policy, EdgePlan.Route route, String upstream) {
		String id = "$cors_p" + (route.policy() + 1);
		out.append("""

				location %s "%s" {
				    # policy "%s", path pattern %s
				    default_type text/plain;
				    if (%s_status = 204) {
				        return 204;
				    }
				    if (%s_status = 403) {
				        return 403 "Invalid CORS request";
				    }
				""".formatted(route.prefix() ? "^~" : "=", route.path(), NginxSyntax.printable(policy.name()),
				NginxSyntax.printable(route.pattern()), id, id));
		HEADERS.forEach((header) -> out.append("    proxy_hide_header ").append(header).append(";\n"));
		addHeader(out, "Vary", id + "_vary", true);
		addHeader(out, "Access-Control-Allow-Origin", id + "_allow_origin", true);
		addHeader(out, "Access-Control-Allow-Credentials", id + "_allow_credentials", policy.allowCredentials());
		addHeader(out, "Access-Control-Allow-Methods", id + "_allow_methods", true);
		addHeader(out, "Access-Control-Allow-Headers", id + "_allow_headers", !policy.allowedHeaders().isEmpty());
		addHeader(out, "Access-Control-Max-Age", id + "_max_age", true);
		addHeader(out, "Access-Control-Allow-Private-Network", id + "_allow_private_network",
				policy.allowPrivateNetwork());
		addHeader(out, "Access-Control-Expose-Headers", id + "_expose_headers", !policy.exposedHeaders().isEmpty());
		out.append("    proxy_pass ").append(upstream).append(";\n}\n");
	}

	private static void addHeader(StringBuilder out, String header, String variable, boolean written) {
		if (written) {
			out.append("    add_header ").append(header).append(' ').append(variable).append(" always;\n");
		}
	}

	/** A subdomain and/or port pattern, capturing the whole origin. */
	private static String wildcard(OriginPattern origin) {
		StringBuilder regex = new StringBuilder("^(").append(NginxSyntax.regexQuote(origin.scheme())).append("://");
		if (origin.anySubdomain()) {
			regex.append("(?:[a-z0-9_-]+\\.)+");
		}
		regex.append(NginxSyntax.regexQuote(origin.host()));
		if (origin.anyPort()) {
			regex.append("(?::[0-9]{1,5})?");
		}
		else if (origin.port() != null) {
			regex.append(':').append(NginxSyntax.regexQuote(origin.port()));
		}
		return regex.append(")$").toString();
	}

	private static String regex(String caseFlag, String pattern) {
		return NginxSyntax.regex(caseFlag, pattern);
	}

	/** A {@code map} block: each entry on its own line. */
	private static void map(StringBuilder out, String source, String variable, String... entries) {
		out.append("map ").append(source).append(' ').append(variable).append(" {\n");
		for (String entry : entries) {
			out.append("    ").append(entry).append(";\n");
		}
		out.append("}\n");
	}

}
