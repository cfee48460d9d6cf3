package dev.corsstarter.core.export;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.internal.OriginPattern;
import dev.corsstarter.core.internal.OriginHeaderChecks;
import dev.corsstarter.core.internal.OriginMatcher;
import dev.corsstarter.core.internal.OriginPatternParser;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;

/**
 * The effective policies of a {@link CorsEngine} as nginx configuration that answers
 * preflights and refuses disallowed requests at the edge, as the starter's filters do.
 * Two files, from one export:
 * <ul>
 * <li>{@link #httpFragment()}, included in {@code http {}}: {@code map}s that classify
 * the request ({@code Origin} well-formed, same origin, preflight, WebSocket) and, per
 * policy, decide it and compute each response header;</li>
 * <li>{@link #serverFragment()}, included in the application's {@code server {}}: one
 * {@code location} per path pattern that answers preflights ({@code 204} or {@code 403}),
 * refuses disallowed requests ({@code 403}), proxies the others to the upstream and
 * writes the CORS headers with {@code always}, so error responses keep them.</li>
 * </ul>
 * Built from the compiled values only (parsed origins, validated methods, headers and
 * patterns), never from raw properties. What nginx cannot express exactly is refused
 * ({@link NginxExportException}) or exported stricter, never more permissive: a
 * cross-origin request whose raw path is not plain ({@code ;}, {@code //}, {@code .} or
 * {@code ..} segments, an encoded {@code .}, {@code /}, {@code \} or {@code ;}) is
 * refused at the edge, because nginx picks a location by the decoded, normalised path
 * while the application may route by another form of it. The generated configuration
 * never writes a request value it has not matched against a well-formed allowed value.
 * Immutable.
 */
public final class NginxExport {

	/**
	 * The upstream a location proxies to when none is given: an {@code upstream app {}}
	 * block.
	 */
	public static final String DEFAULT_UPSTREAM = "http://app";

	/** The file name {@link #httpFragment()} is documented and referred to under. */
	public static final String HTTP_FILE = "cors-http.conf";

	/** The file name {@link #serverFragment()} is documented and referred to under. */
	public static final String SERVER_FILE = "cors-server.conf";

	private static final Pattern UPSTREAM = Pattern
		.compile("https?://(?:[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?|https?://unix:/[A-Za-z0-9._/-]+:");

	private static final Pattern PATH_PREFIX = Pattern.compile("(/[A-Za-z0-9._~!&'()+,=:@-]+)*");

	/** Characters of an RFC 9110 token, as a regex character class body. */
	private static final String TCHAR = "!#$%&'*+.^_`|~0-9A-Za-z-";

	/**
	 * The {@code Origin} values a browser can send, as
	 * {@link OriginHeaderChecks#isWellFormed} accepts them.
	 */
	static final String WELL_FORMED_ORIGIN = "^(?=.{1,300}$)(?:null|[a-z][a-z0-9+.-]{0,38}://(?:\\[[0-9a-f:.]+\\]"
			+ "|(?=[a-z0-9_.-]{1,254}(?::|$))[a-z0-9_-]{1,63}(?:\\.[a-z0-9_-]{1,63})*\\.?)"
			+ "(?::(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?)$";

	/** A raw request path nginx and the application may read as different paths. */
	static final String UNPLAIN_PATH = "^[^?]*(?:;|//|\\\\|%2[eEfF]|%5[cC]|%3[bB]|/\\.\\.?(?:[/?]|$))";

	private static final String PREFLIGHT_VARY = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

	private static final int VARY_STEPS = 6;

	private final String httpFragment;

	private final String serverFragment;

	private final String fingerprint;

	private final long generation;

	private NginxExport(String httpFragment, String serverFragment, String fingerprint, long generation) {
		this.httpFragment = httpFragment;
		this.serverFragment = serverFragment;
		this.fingerprint = fingerprint;
		this.generation = generation;
	}

	/**
	 * Export an engine's policies.
	 * @param engine the engine whose policies to export
	 * @param generation the policy generation the engine is (1 until the policies are
	 * reloaded)
	 * @param pathPrefix the application's context path, prepended to every location:
	 * {@code ""} for none, else {@code /segment...} without a trailing slash
	 * @param upstream what each location proxies to, e.g. {@value #DEFAULT_UPSTREAM} or
	 * {@code http://127.0.0.1:8080}
	 * @return the two fragments
	 * @throws NginxExportException listing every reason when any policy cannot be
	 * exported exactly or more strictly
	 */
	public static NginxExport of(CorsEngine engine, long generation, String pathPrefix, String upstream) {
		Refusals refusals = new Refusals();
		String prefix = (pathPrefix != null) ? pathPrefix : "";
		if (!PATH_PREFIX.matcher(prefix).matches() || prefix.contains("/./") || prefix.contains("/../")
				|| prefix.endsWith("/.") || prefix.endsWith("/..")) {
			refusals.add("path prefix '" + NginxSyntax.printable(prefix)
					+ "' is not '' or literal segments starting with '/' without a trailing '/'");
		}
		if (upstream == null || !UPSTREAM.matcher(upstream).matches()) {
			refusals.add("upstream '" + NginxSyntax.printable(String.valueOf(upstream))
					+ "' is not an http(s) URL of a host or upstream name and optional port, such as http://app or "
					+ "http://127.0.0.1:8080");
		}
		List<CorsPolicy> policies = engine.policies();
		for (CorsPolicy policy : policies) {
			if (policy.mode() != PolicyMode.ENFORCE) {
				// an edge answering for it would enforce what the policy only reports
				refusals.add("policy '" + NginxSyntax.printable(policy.name()) + "' is " + policy.mode().tag()
						+ ": the edge would enforce what the policy only reports; export it once it enforces");
			}
		}
		List<EdgeLocations.Location> locations = EdgeLocations.of(policies, prefix, refusals);
		String suffix = engine.fingerprint().substring(0, 12);
		String header = header(engine.fingerprint(), generation);
		StringBuilder http = new StringBuilder(header);
		http.append("# http-level part (")
			.append(HTTP_FILE)
			.append("): include it inside http {}; the server that\n")
			.append("# answers for the application includes ")
			.append(SERVER_FILE)
			.append(" from the same export. Generated: export again when the policies change.\n")
			.append("# If nginx warns \"could not build optimal variables_hash\", set variables_hash_max_size 2048; in http {}.\n\n");
		sharedMaps(http, suffix);
		List<PolicyMaps> maps = new ArrayList<>();
		for (int i = 0; i < policies.size(); i++) {
			maps.add(new PolicyMaps(policies.get(i), i + 1, refusals));
		}
		refusals.throwIfAny();
		for (PolicyMaps policy : maps) {
			http.append(policy.text);
		}
		StringBuilder server = new StringBuilder(header);
		server.append("# server-level part (")
			.append(SERVER_FILE)
			.append("): include it inside the server {} that proxies\n")
			.append("# to the application, next to its own locations; ")
			.append(HTTP_FILE)
			.append(" from the same export goes in http {}.\n")
			.append("# The locations below own their paths: keep no location of your own that is more specific\n")
			.append("# than one of them. proxy_set_header and other proxy settings are inherited from the server.\n\n")
			.append("# A cross-origin request whose raw path is not plain (;, //, . or .. segments, encoded . / \\ ;)\n")
			.append("# is refused on every path: nginx matches locations by the decoded, normalised path, the\n")
			.append("# application may route by another form of it.\n")
			.append("if ($cors_path_guard_")
			.append(suffix)
			.append(" = 403) {\n")
			.append("    return 403 \"Invalid CORS request\";\n")
			.append("}\n");
		for (EdgeLocations.Location location : locations) {
			maps.get(location.policy()).location(server, location, upstream);
		}
		return new NginxExport(http.toString(), server.toString(), engine.fingerprint(), generation);
	}

	/** The part to include inside {@code http {}}. */
	public String httpFragment() {
		return this.httpFragment;
	}

	/** The part to include inside the application's {@code server {}}. */
	public String serverFragment() {
		return this.serverFragment;
	}

	/** The fingerprint of the exported policies, as {@link CorsEngine#fingerprint()}. */
	public String fingerprint() {
		return this.fingerprint;
	}

	/** The policy generation exported. */
	public long generation() {
		return this.generation;
	}

	private static String header(String fingerprint, long generation) {
		return "# cors-starter policies exported for nginx\n" + "# generation " + generation + ", fingerprint "
				+ fingerprint + "\n"
				+ "# Compare with \"fingerprint\" at /actuator/cors: equal means edge and application run the same policies.\n";
	}

	private static void sharedMaps(StringBuilder out, String suffix) {
		out.append("# Origin: 0 absent or empty, 1 well-formed (as browsers serialise it), 2 malformed\n")
			.append("map $http_origin $cors_origin_form {\n")
			.append("    default 2;\n")
			.append("    \"\" 0;\n")
			.append("    ")
			.append(NginxSyntax.regex("~", WELL_FORMED_ORIGIN))
			.append(" 1;\n")
			.append("}\n\n");
		out.append("# 1 when Origin is this server's own origin (as received) or Sec-Fetch-Site says same-origin\n")
			.append("map \"$http_origin $scheme://$http_host\" $cors_own_origin {\n")
			.append("    default 0;\n")
			.append("    ")
			.append(NginxSyntax.regex("~*", "^(\\S+) \\1$"))
			.append(" 1;\n")
			.append("    ")
			.append(NginxSyntax.regex("~*", "^(http://\\S+) \\1:80$"))
			.append(" 1;\n")
			.append("    ")
			.append(NginxSyntax.regex("~*", "^(https://\\S+) \\1:443$"))
			.append(" 1;\n")
			.append("    ")
			.append(NginxSyntax.regex("~*", "^(http://\\S+):80 \\1$"))
			.append(" 1;\n")
			.append("    ")
			.append(NginxSyntax.regex("~*", "^(https://\\S+):443 \\1$"))
			.append(" 1;\n")
			.append("}\n")
			.append("map $http_sec_fetch_site $cors_fetch_same_origin {\n")
			.append("    default 0;\n")
			.append("    ")
			.append(NginxSyntax.regex("~", "^same-origin$"))
			.append(" 1;\n")
			.append("}\n")
			.append("map \"$cors_own_origin$cors_fetch_same_origin\" $cors_same {\n")
			.append("    default 1;\n")
			.append("    \"00\" 0;\n")
			.append("}\n\n");
		out.append(
				"# request type: p preflight (OPTIONS with Access-Control-Request-Method), w WebSocket handshake, a actual\n")
			.append("map \"$request_method:$http_access_control_request_method\" $cors_preflight_asked {\n")
			.append("    default 0;\n")
			.append("    ")
			.append(NginxSyntax.regex("~", "^OPTIONS:."))
			.append(" 1;\n")
			.append("}\n")
			.append("map $http_upgrade $cors_websocket_asked {\n")
			.append("    default 0;\n")
			.append("    ")
			.append(NginxSyntax.regex("~*", "^websocket$"))
			.append(" 1;\n")
			.append("}\n")
			.append("map \"$request_method:$cors_preflight_asked$cors_websocket_asked\" $cors_type {\n")
			.append("    default a;\n")
			.append("    ")
			.append(NginxSyntax.regex("~", "^OPTIONS:1"))
			.append(" p;\n")
			.append("    ")
			.append(NginxSyntax.regex("~", "^GET:01$"))
			.append(" w;\n")
			.append("}\n")
			.append("map $http_access_control_request_private_network $cors_private_network_asked {\n")
			.append("    default 0;\n")
			.append("    ")
			.append(NginxSyntax.regex("~", "^true$"))
			.append(" 1;\n")
			.append("}\n")
			.append("map $http_access_control_request_headers $cors_headers_asked {\n")
			.append("    default 1;\n")
			.append("    \"\" 0;\n")
			.append("}\n\n");
		out.append("# the stricter rule for paths nginx and the application may read differently (see ")
			.append(SERVER_FILE)
			.append(")\n")
			.append("map $request_uri $cors_unplain_path {\n")
			.append("    default 0;\n")
			.append("    ")
			.append(NginxSyntax.regex("~", UNPLAIN_PATH))
			.append(" 1;\n")
			.append("}\n")
			.append("map \"$cors_origin_form$cors_same:$cors_unplain_path\" $cors_path_guard_")
			.append(suffix)
			.append(" {\n")
			.append("    default \"\";\n")
			.append("    ")
			.append(NginxSyntax.regex("~", "^(?:10|2[01]):1$"))
			.append(" 403;\n")
			.append("}\n\n");
		out.append("# the application's own Vary tokens, without the CORS request headers the edge lists itself\n");
		String previous = "$upstream_http_vary";
		for (int step = 1; step <= VARY_STEPS; step++) {
			String next = "$cors_vary_app_" + step;
			out.append("map ")
				.append(previous)
				.append(' ')
				.append(next)
				.append(" {\n")
				.append("    default ")
				.append(previous)
				.append(";\n")
				.append("    ")
				.append(NginxSyntax.regex("~*",
						"^(.*?)(?:^|,)[\\t ]*(?:origin|access-control-request-(?:method|headers"
								+ "|private-network))[\\t ]*(?=,|$)(.*)$"))
				.append(" \"$1$2\";\n")
				.append("}\n");
			previous = next;
		}
		out.append("map ")
			.append(previous)
			.append(" $cors_vary_app {\n")
			.append("    default \"\";\n")
			.append("    ")
			.append(NginxSyntax.regex("~", "^[\\t ,]*(.*?)[\\t ,]*$"))
			.append(" $1;\n")
			.append("}\n\n");
	}

	/** The maps of one policy and the body of its locations. */
	private static final class PolicyMaps {

		private final CorsPolicy policy;

		/** The origins as the engine matches them, parsed from the validated policy. */
		private final OriginMatcher origins;

		private final String id;

		private final String text;

		PolicyMaps(CorsPolicy policy, int index, Refusals refusals) {
			this.policy = policy;
			this.origins = OriginMatcher.of(policy.allowedOrigins().stream().map(OriginPatternParser::parse).toList());
			this.id = "$cors_p" + index;
			this.text = maps(refusals);
		}

		private String var(String name) {
			return this.id + (name.isEmpty() ? "" : "_" + name);
		}

		private String maps(Refusals refusals) {
			CorsPolicy values = this.policy;
			String name = this.policy.name();
			String what = "policy '" + NginxSyntax.printable(name) + "'";
			StringBuilder out = new StringBuilder();
			out.append("# ---- policy \"")
				.append(NginxSyntax.comment(name))
				.append("\": ")
				.append(NginxSyntax.comment(String.join(", ", values.pathPatterns())))
				.append('\n');

			// the origin: the value to answer with, set only by a listed origin or a
			// pattern's capture
			boolean any = this.origins.allowsAny();
			out.append("map $http_origin ").append(var("origin")).append(" {\n");
			out.append("    default ").append(any ? "\"*\"" : "\"\"").append(";\n");
			if (!any) {
				for (OriginPattern origin : this.origins.patterns()) {
					switch (origin.kind()) {
						case NULL, EXACT -> {
							if (OriginHeaderChecks.isWellFormed(origin.value())) {
								out.append("    ")
									.append(NginxSyntax.regex("~", "^" + NginxSyntax.regexQuote(origin.value()) + "$"))
									.append(' ')
									.append(NginxSyntax.literal(origin.value(), what + " origin", refusals))
									.append(";\n");
							}
						}
						case WILDCARD ->
							out.append("    ").append(NginxSyntax.regex("~", wildcard(origin))).append(" $1;\n");
						default -> {
						}
					}
				}
			}
			out.append("}\n");
			out.append("map ")
				.append(var("origin"))
				.append(' ')
				.append(var("origin_ok"))
				.append(" {\n")
				.append("    default 1;\n")
				.append("    \"\" 0;\n")
				.append("}\n");

			// methods, compared case-sensitively
			boolean anyMethod = values.allowedMethods().contains("*");
			String methods = anyMethod
					? "^[" + TCHAR + "]+$" : "^(?:"
							+ String.join("|",
									values.allowedMethods().stream().distinct().map(NginxSyntax::regexQuote).toList())
							+ ")$";
			out.append("map $http_access_control_request_method ")
				.append(var("method"))
				.append(" {\n")
				.append("    default 0;\n")
				.append("    ")
				.append(NginxSyntax.regex("~", methods))
				.append(" 1;\n")
				.append("}\n");
			out.append("map $request_method ")
				.append(var("actual_method"))
				.append(" {\n")
				.append("    default 0;\n")
				.append("    ")
				.append(NginxSyntax.regex("~", methods))
				.append(" 1;\n")
				.append("}\n");

			// requested headers: a comma list with optional whitespace, names compared
			// case-insensitively
			boolean anyHeader = values.allowedHeaders().contains("*");
			String headerName = anyHeader ? "[" + TCHAR + "]+" : values.allowedHeaders().isEmpty() ? "(?!)" : "(?:"
					+ String.join("|", values.allowedHeaders().stream().map(NginxSyntax::regexQuote).toList()) + ")";
			String list = "^(?=.{0,4096}$)[\\t ]*(?:" + headerName + "[\\t ]*)?(?:,[\\t ]*(?:" + headerName
					+ "[\\t ]*)?)*$";
			// nginx tries no regex on an empty value: none requested is listed as such
			out.append("map $http_access_control_request_headers ")
				.append(var("headers"))
				.append(" {\n")
				.append("    default 0;\n")
				.append("    \"\" 1;\n")
				.append("    ")
				.append(NginxSyntax.regex("~*", list))
				.append(" 1;\n")
				.append("}\n");

			// the decision
			String key = "$cors_origin_form:$cors_same:$cors_type:" + var("origin_ok") + ":" + var("method") + ":"
					+ var("headers") + ":$cors_private_network_asked:" + var("actual_method");
			out.append(
					"# pass: not a CORS request; preflight*: answer 204; *reject: answer 403; actual, websocket: proxy\n")
				.append("map \"")
				.append(key)
				.append("\" ")
				.append(var(""))
				.append(" {\n")
				.append("    default reject;\n")
				.append("    ")
				.append(NginxSyntax.regex("~", "^0:"))
				.append(" pass;\n")
				.append("    ")
				.append(NginxSyntax.regex("~", "^2:.:p:"))
				.append(" preflight-reject;\n")
				.append("    ")
				.append(NginxSyntax.regex("~", "^2:"))
				.append(" reject;\n")
				.append("    ")
				.append(NginxSyntax.regex("~", "^1:1:"))
				.append(" pass;\n")
				.append("    ")
				.append(NginxSyntax.regex("~", "^1:0:p:(?:0|1:0|1:1:0)"))
				.append(" preflight-reject;\n")
				.append("    ")
				.append(NginxSyntax.regex("~", "^1:0:p:1:1:1:1:"))
				.append(values.allowPrivateNetwork() ? " preflight-private-network;\n" : " preflight-reject;\n")
				.append("    ")
				.append(NginxSyntax.regex("~", "^1:0:p:1:1:1:0:"))
				.append(" preflight;\n")
				.append("    ")
				.append(NginxSyntax.regex("~", "^1:0:w:1:"))
				.append(" websocket;\n")
				.append("    ")
				.append(NginxSyntax.regex("~", "^1:0:a:1:.:.:.:1$"))
				.append(" actual;\n")
				.append("}\n");
			out.append("map ")
				.append(var(""))
				.append(' ')
				.append(var("status"))
				.append(" {\n")
				.append("    default \"\";\n")
				.append("    preflight 204;\n")
				.append("    preflight-private-network 204;\n")
				.append("    preflight-reject 403;\n")
				.append("    reject 403;\n")
				.append("}\n");

			// the response headers, each empty (so not written) unless the decision
			// writes it
			String preflightVary = PREFLIGHT_VARY
					+ (values.allowPrivateNetwork() ? ", Access-Control-Request-Private-Network" : "");
			out.append("map ")
				.append(var(""))
				.append(' ')
				.append(var("vary_cors"))
				.append(" {\n")
				.append("    default \"Origin\";\n")
				.append("    preflight \"")
				.append(preflightVary)
				.append("\";\n")
				.append("    preflight-private-network \"")
				.append(preflightVary)
				.append("\";\n")
				.append("    preflight-reject \"")
				.append(preflightVary)
				.append("\";\n")
				.append("}\n");
			out.append("map \"$cors_vary_app|")
				.append(var("vary_cors"))
				.append("\" ")
				.append(var("vary"))
				.append(" {\n")
				.append("    ")
				.append(NginxSyntax.regex("~", "^\\|(.*)$"))
				.append(" $1;\n")
				.append("    ")
				.append(NginxSyntax.regex("~", "^(.*)\\|(.*)$"))
				.append(" \"$1, $2\";\n")
				.append("}\n");
			answer(out, "allow_origin", var("origin"), true, true);
			if (values.allowCredentials()) {
				answer(out, "allow_credentials", "\"true\"", true, true);
			}
			if (anyMethod) {
				out.append("map $http_access_control_request_method ")
					.append(var("method_requested"))
					.append(" {\n")
					.append("    default \"\";\n")
					.append("    ")
					.append(NginxSyntax.regex("~", "^([" + TCHAR + "]+)$"))
					.append(" $1;\n")
					.append("}\n");
			}
			answer(out, "allow_methods",
					anyMethod ? var("method_requested")
							: NginxSyntax.literal(
									String.join(", ", values.allowedMethods().stream().distinct().toList()),
									what + " allowed-methods", refusals),
					true, false);
			if (anyHeader || !values.allowedHeaders().isEmpty()) {
				String allowHeaders;
				if (anyHeader) {
					out.append("map $http_access_control_request_headers ")
						.append(var("headers_requested"))
						.append(" {\n")
						.append("    default \"\";\n")
						.append("    ")
						.append(NginxSyntax.regex("~", "^([\\t ,]*[" + TCHAR + "][\\t ," + TCHAR + "]*)$"))
						.append(" $1;\n")
						.append("}\n");
					allowHeaders = var("headers_requested");
				}
				else {
					allowHeaders = NginxSyntax.literal(String.join(", ", values.allowedHeaders()),
							what + " allowed-headers", refusals);
				}
				out.append("map \"")
					.append(var(""))
					.append(":$cors_headers_asked\" ")
					.append(var("allow_headers"))
					.append(" {\n")
					.append("    default \"\";\n")
					.append("    ")
					.append(NginxSyntax.regex("~", "^preflight(?:-private-network)?:1$"))
					.append(' ')
					.append(allowHeaders)
					.append(";\n")
					.append("}\n");
			}
			answer(out, "max_age", "\"" + values.maxAge().toSeconds() + "\"", true, false);
			if (values.allowPrivateNetwork()) {
				out.append("map ")
					.append(var(""))
					.append(' ')
					.append(var("allow_private_network"))
					.append(" {\n")
					.append("    default \"\";\n")
					.append("    preflight-private-network \"true\";\n")
					.append("}\n");
			}
			if (!values.exposedHeaders().isEmpty()) {
				answer(out, "expose_headers", NginxSyntax.literal(String.join(", ", values.exposedHeaders()),
						what + " exposed-headers", refusals), false, true);
			}
			out.append('\n');
			return out.toString();
		}

		/**
		 * A header value map: {@code value} on an allowed preflight and/or an allowed
		 * actual request.
		 */
		private void answer(StringBuilder out, String name, String value, boolean preflight, boolean actual) {
			out.append("map ")
				.append(var(""))
				.append(' ')
				.append(var(name))
				.append(" {\n")
				.append("    default \"\";\n");
			if (preflight) {
				out.append("    preflight ")
					.append(value)
					.append(";\n")
					.append("    preflight-private-network ")
					.append(value)
					.append(";\n");
			}
			if (actual) {
				out.append("    actual ").append(value).append(";\n");
			}
			out.append("}\n");
		}

		void location(StringBuilder out, EdgeLocations.Location location, String upstream) {
			CorsPolicy values = this.policy;
			out.append("\nlocation ")
				.append(location.modifier())
				.append(' ')
				.append(NginxSyntax.literal(location.path(), "location", new Refusals()))
				.append(" {\n")
				.append("    # policy \"")
				.append(NginxSyntax.comment(this.policy.name()))
				.append("\", path pattern ")
				.append(NginxSyntax.comment(location.pattern()))
				.append('\n')
				.append("    default_type text/plain;\n")
				.append("    if (")
				.append(var("status"))
				.append(" = 204) {\n")
				.append("        return 204;\n")
				.append("    }\n")
				.append("    if (")
				.append(var("status"))
				.append(" = 403) {\n")
				.append("        return 403 \"Invalid CORS request\";\n")
				.append("    }\n");
			for (String header : List.of("Access-Control-Allow-Origin", "Access-Control-Allow-Credentials",
					"Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "Access-Control-Max-Age",
					"Access-Control-Allow-Private-Network", "Access-Control-Expose-Headers", "Vary")) {
				out.append("    proxy_hide_header ").append(header).append(";\n");
			}
			out.append("    add_header Vary ")
				.append(var("vary"))
				.append(" always;\n")
				.append("    add_header Access-Control-Allow-Origin ")
				.append(var("allow_origin"))
				.append(" always;\n");
			if (values.allowCredentials()) {
				out.append("    add_header Access-Control-Allow-Credentials ")
					.append(var("allow_credentials"))
					.append(" always;\n");
			}
			out.append("    add_header Access-Control-Allow-Methods ")
				.append(var("allow_methods"))
				.append(" always;\n");
			if (values.allowedHeaders().contains("*") || !values.allowedHeaders().isEmpty()) {
				out.append("    add_header Access-Control-Allow-Headers ")
					.append(var("allow_headers"))
					.append(" always;\n");
			}
			out.append("    add_header Access-Control-Max-Age ").append(var("max_age")).append(" always;\n");
			if (values.allowPrivateNetwork()) {
				out.append("    add_header Access-Control-Allow-Private-Network ")
					.append(var("allow_private_network"))
					.append(" always;\n");
			}
			if (!values.exposedHeaders().isEmpty()) {
				out.append("    add_header Access-Control-Expose-Headers ")
					.append(var("expose_headers"))
					.append(" always;\n");
			}
			out.append("    proxy_pass ").append(upstream).append(";\n").append("}\n");
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

	}

}
