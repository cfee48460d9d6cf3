package dev.corsstarter.export;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.internal.MapCorsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link NginxRenderer}: an engine's plan in, nginx {@code map} and {@code location} text
 * out, or every reason it cannot be exported. The real nginx runs the output in the
 * autoconfigure module's {@code NginxEdgeIntegrationTests}.
 */
class NginxRendererTest {

	private static final CorsPolicy API = CorsPolicy.builder("api")
		.pathPatterns("/api/**")
		.allowedOrigins("https://app.example.com", "https://*.preview.example.com", "http://localhost:*")
		.allowedMethods("GET", "POST", "PUT")
		.allowedHeaders("Content-Type", "Authorization", "X-Trace")
		.exposedHeaders("X-Request-Id")
		.allowCredentials(true)
		.maxAge(Duration.ofMinutes(10))
		.build();

	private static final CorsPolicy PUBLIC = CorsPolicy.builder("public")
		.pathPatterns("/api/public/**", "/status")
		.allowedOrigins("*")
		.build();

	private static final CorsPolicy DEVICE = CorsPolicy.builder("device")
		.pathPatterns("/device/{*rest}")
		.allowedOrigins("https://app.example.com", "null")
		.allowedMethods("*")
		.allowedHeaders("*")
		.allowPrivateNetwork(true)
		.build();

	static Stream<Arguments> exports() {
		return Stream.of(
				Arguments.of("exact origins answer with the listed value, never the request's", List.of(API), "",
						List.of("map $http_origin $cors_p1_origin {", "default \"\";",
								"\"~^https://app\\\\.example\\\\.com$\" \"https://app.example.com\";"),
						List.of("location = \"/api\" {", "location ^~ \"/api/\" {")),
				Arguments.of("a subdomain wildcard answers with what its own pattern captured", List.of(API), "",
						List.of("\"~^(https://(?:[a-z0-9_-]+\\\\.)+preview\\\\.example\\\\.com)$\" $1;"), List.of()),
				Arguments.of("any port", List.of(API), "", List.of("\"~^(http://localhost(?::[0-9]{1,5})?)$\" $1;"),
						List.of()),
				Arguments.of("methods compare case-sensitively, preflight and actual", List.of(API), "",
						List.of("map $http_access_control_request_method $cors_p1_method {",
								"map $request_method $cors_p1_actual_method {", "\"~^(?:GET|POST|PUT)$\" 1;"),
						List.of()),
				Arguments.of("requested headers: a comma list, names case-insensitive, at most 4096 characters",
						List.of(API), "",
						List.of("\"~*^(?=.{0,4096}$)[\\\\t ]*(?:(?:Content-Type|Authorization|X-Trace)[\\\\t ]*)?"
								+ "(?:,[\\\\t ]*(?:(?:Content-Type|Authorization|X-Trace)[\\\\t ]*)?)*$\" 1;"),
						List.of()),
				Arguments.of("the answer's header values are the filter's", List.of(API), "",
						List.of("preflight \"GET, POST, PUT\";",
								"\"~^preflight(?:-private-network)?:1$\" \"Content-Type, Authorization, X-Trace\";",
								"preflight \"600\";", "actual \"X-Request-Id\";", "actual \"true\";",
								"preflight \"Origin, Access-Control-Request-Method, Access-Control-Request-Headers\";"),
						List.of("add_header Access-Control-Allow-Origin $cors_p1_allow_origin always;",
								"add_header Access-Control-Allow-Credentials $cors_p1_allow_credentials always;",
								"add_header Access-Control-Expose-Headers $cors_p1_expose_headers always;",
								"add_header Vary $cors_p1_vary always;", "proxy_hide_header Vary;",
								"proxy_hide_header Access-Control-Allow-Origin;", "return 204;",
								"return 403 \"Invalid CORS request\";", "proxy_pass http://app;")),
				Arguments.of("'*' answers '*' for a well-formed Origin only; no credentials header", List.of(PUBLIC),
						"", List.of("map $http_origin $cors_p1_origin {\n    default \"*\";\n}"),
						List.of("location = \"/status\" {", "location ^~ \"/api/public/\" {")),
				Arguments.of("'*' methods and headers echo the request's, matched as tokens", List.of(DEVICE), "",
						List.of("\"~^([!#$%&'*+.^_`|~0-9A-Za-z-]+)$\" $1;", "preflight $cors_p1_method_requested;",
								"preflight-private-network \"true\";", "\"~^null$\" \"null\";",
								"Access-Control-Request-Headers, Access-Control-Request-Private-Network\";"),
						List.of("location ^~ \"/device/\" {",
								"add_header Access-Control-Allow-Private-Network $cors_p1_allow_private_network always;")),
				Arguments.of("the most specific pattern first: exact, then the longest prefix", List.of(API, PUBLIC),
						"/ctx", List.of("map $http_origin $cors_p2_origin {"),
						List.of("location = \"/ctx/api\" {\n    # policy \"api\"",
								"location ^~ \"/ctx/api/public/\" {\n    # policy \"public\"",
								"location ^~ \"/ctx/api/\" {\n    # policy \"api\"")),
				Arguments.of(
						"stricter: a cross-origin request on a path nginx and the application may read "
								+ "differently is refused whatever the policy",
						List.of(PUBLIC), "",
						List.of("map $request_uri $cors_unplain_path {",
								"\"~^[^?]*(?:;|//|\\\\\\\\|%2[eEfF]|%5[cC]|%3[bB]|/\\\\.\\\\.?(?:[/?]|$))\" 1;"),
						List.of("if ($cors_path_guard_")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("exports")
	void exports(String name, List<CorsPolicy> policies, String prefix, List<String> http, List<String> server) {
		CorsEngine engine = CorsEngine.create(policies);
		Map<String, String> export = export(engine, 1, prefix, EdgePlan.DEFAULT_UPSTREAM);
		for (String fragment : http) {
			assertThat(export.get("http")).contains(fragment);
		}
		for (String fragment : server) {
			assertThat(export.get("server")).contains(fragment);
		}
	}

	@Test
	void locationsComeInTheOrderNginxMatchesThemAndPrefixesAreLongestFirstByPathText() {
		Map<String, String> export = export(CorsEngine.create(List.of(API, PUBLIC)), 1, "", "http://127.0.0.1:8080");
		assertThat(locations(export.get("server"))).containsExactly("= \"/api\"", "= \"/api/public\"", "= \"/status\"",
				"^~ \"/api/\"", "^~ \"/api/public/\"");
		assertThat(export.get("server")).contains("proxy_pass http://127.0.0.1:8080;");
	}

	@Test
	void theHeaderNamesGenerationFingerprintAndHowToInclude() {
		CorsEngine engine = CorsEngine.create(List.of(API));
		Map<String, String> export = export(engine, 7, "", EdgePlan.DEFAULT_UPSTREAM);
		String header = "# generation 7, fingerprint " + engine.fingerprint() + "\n";
		assertThat(export.get("http")).contains(header).contains("include it inside http {}");
		assertThat(export.get("server")).contains(header).contains("include it inside the server {}");
		// the server part needs the http part of the same export: nginx -t fails on a
		// mismatched pair
		String guard = "$cors_path_guard_" + engine.fingerprint().substring(0, 12);
		assertThat(export.get("http")).contains("map \"$cors_origin_form$cors_same:$cors_unplain_path\" " + guard);
		assertThat(export.get("server")).contains("if (" + guard + " = 403)");
		EdgePlan plan = EdgePlan.of(engine, 7, "", EdgePlan.DEFAULT_UPSTREAM, List.of());
		assertThat(plan.fingerprint()).isEqualTo(engine.fingerprint());
		assertThat(plan.generation()).isEqualTo(7);
	}

	/** Each constant the export answers with is the one the engine's decision writes. */
	@Test
	void constantsAreTheEnginesOwnAnswer() {
		CorsEngine engine = CorsEngine.create(List.of(API));
		CorsDecision preflight = engine.evaluate(MapCorsRequest.preflight("/api/x", "https://app.example.com", "PUT")
			.requestHeaders("content-type")
			.build());
		CorsDecision actual = engine.evaluate(MapCorsRequest.get("/api/x").origin("https://app.example.com").build());
		String http = export(engine, 1, "", EdgePlan.DEFAULT_UPSTREAM).get("http");
		assertThat(http)
			.contains("1$\" \"" + preflight.responseHeaders().get("Access-Control-Allow-Headers") + "\";\n");
		for (String header : List.of("Access-Control-Allow-Methods", "Access-Control-Max-Age",
				"Access-Control-Allow-Credentials", "Vary")) {
			assertThat(http).contains("    preflight \"" + preflight.responseHeaders().get(header) + "\";\n");
		}
		assertThat(http)
			.contains("    actual \"" + actual.responseHeaders().get("Access-Control-Expose-Headers") + "\";\n");
		assertThat(http).contains("    default \"" + actual.responseHeaders().get("Vary") + "\";\n");
	}

	static Stream<Arguments> refusals() {
		CorsPolicy.Builder base = CorsPolicy.builder("orders").allowedOrigins("https://app.example.com");
		return Stream.of(
				Arguments.of("a report-only policy: the edge would enforce what it only reports",
						List.of(CorsPolicy.builder("trial")
							.pathPatterns("/trial/**")
							.allowedOrigins("https://app.example.com")
							.mode(dev.corsstarter.core.policy.PolicyMode.REPORT_ONLY)
							.build()),
						"policy 'trial' is report-only"),
				Arguments.of("a wildcard within the path needs a regex location, ordered by position in nginx",
						List.of(base.pathPatterns("/api/*/items").build()),
						"path pattern '/api/*/items' of policy 'orders' has a wildcard, '?' or '{...}' capture before its end"),
				Arguments.of("a capture", List.of(base.pathPatterns("/orders/{id}").build()),
						"path pattern '/orders/{id}' of policy 'orders' has a wildcard"),
				Arguments.of("every path is the server's own location /", List.of(base.pathPatterns("/**").build()),
						"path pattern '/**' of policy 'orders' covers every path"),
				Arguments.of("a segment nginx decodes", List.of(base.pathPatterns("/a%20b/**").build()),
						"path pattern '/a%20b/**' of policy 'orders' has an empty, '.' or '..' segment, or a character"),
				Arguments.of("a matrix variable", List.of(base.pathPatterns("/cars;color=red").build()),
						"path pattern '/cars;color=red' of policy 'orders' has an empty"),
				Arguments.of("'$' cannot be escaped in nginx",
						List.of(base.pathPatterns("/orders").allowedHeaders("X-$Trace").build()),
						"policy 'orders' allowed-headers 'X-$Trace' contains '$'"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusals")
	void refuses(String name, List<CorsPolicy> policies, String reason) {
		CorsEngine engine = CorsEngine.create(policies);
		EdgeExportException refused = catchThrowableOfType(EdgeExportException.class,
				() -> export(engine, 1, "", EdgePlan.DEFAULT_UPSTREAM));
		assertThat(refused).as("refused").isNotNull();
		assertThat(reasons(refused)).anySatisfy(r -> assertThat(r).startsWith(reason));
		assertThat(refused.getMessage()).contains(reason);
	}

	@Test
	void refusesEveryProblemAtOnceAndExportsNothing() {
		CorsPolicy wild = CorsPolicy.builder("wild")
			.pathPatterns("/api/*/items")
			.allowedOrigins("https://a.example.com")
			.build();
		CorsPolicy all = CorsPolicy.builder("all").pathPatterns("/**").allowedOrigins("https://b.example.com").build();
		EdgeExportException refused = catchThrowableOfType(EdgeExportException.class,
				() -> export(CorsEngine.create(List.of(API, wild, all)), 1, "/ctx/", "http://app;evil"));
		assertThat(reasons(refused)).hasSize(4);
		assertThat(reasons(refused)).anySatisfy(r -> assertThat(r).startsWith("path prefix '/ctx/'"))
			.anySatisfy(r -> assertThat(r).startsWith("upstream 'http://app;evil'"));
	}

	/**
	 * For the patterns exported, nginx's exact-then-longest-prefix match picks the policy
	 * the engine's most specific pattern picks; the export checks every overlap and would
	 * refuse one where they differ.
	 */
	@Test
	void overlappingPatternsAreDecidedByThePolicyTheEngineWouldPick() {
		CorsPolicy shortPrefix = CorsPolicy.builder("short")
			.pathPatterns("/api/**", "/docs/{*path}")
			.allowedOrigins("https://a.example.com")
			.build();
		CorsPolicy longer = CorsPolicy.builder("long")
			.pathPatterns("/api/v1/{*rest}", "/docs/intro/**", "/api")
			.allowedOrigins("https://b.example.com")
			.build();
		CorsEngine engine = CorsEngine.create(List.of(shortPrefix, longer));
		String server = export(engine, 1, "", EdgePlan.DEFAULT_UPSTREAM).get("server");
		for (String[] request : new String[][] { { "/api/v1/x", "^~ \"/api/v1/\"" }, { "/api/v1", "= \"/api/v1\"" },
				{ "/api", "= \"/api\"" }, { "/api/x", "^~ \"/api/\"" }, { "/docs/intro/a", "^~ \"/docs/intro/\"" },
				{ "/docs/a", "^~ \"/docs/\"" } }) {
			String policy = engine.evaluate(MapCorsRequest.get(request[0]).origin("https://c.example.com").build())
				.policyName();
			assertThat(server).as(request[0])
				.contains("location " + request[1] + " {\n    # policy \"" + policy + "\"");
		}
	}

	@Test
	void commentsNeverCarryALineBreakOfAPolicyName() {
		CorsPolicy odd = CorsPolicy.builder("a\n}\nserver {")
			.pathPatterns("/odd")
			.allowedOrigins("https://a.example.com")
			.build();
		Map<String, String> export = export(CorsEngine.create(List.of(odd)), 1, "", EdgePlan.DEFAULT_UPSTREAM);
		assertThat(export.get("http")).contains("# ---- policy \"a\\u000a}\\u000aserver {\": /odd\n");
		assertThat(export.get("server")).doesNotContain("\nserver {");
	}

	@Test
	void theOriginRegexAcceptsWhatTheEngineCallsWellFormed() {
		Pattern wellFormed = Pattern.compile(NginxRenderer.WELL_FORMED_ORIGIN);
		for (String origin : List.of("https://app.example.com", "null", "http://localhost:8080", "http://[::1]:3000",
				"capacitor://localhost", "http://localhost.:8080", "https://a_b.example.com:65535")) {
			assertThat(wellFormed.matcher(origin).matches()).as(origin).isTrue();
			assertThat(dev.corsstarter.core.internal.OriginHeaderChecks.isWellFormed(origin)).as(origin).isTrue();
		}
		for (String origin : List.of("", "https://App.example.com", "https://app.example.com/", "https://a:0",
				"https://a:65536", "https://a:080", "https://\u00e4pp.example.com",
				"https://" + "a".repeat(64) + ".com", "https://a..b", "a, b",
				"https://a.example.com, https://b.example.com", "https://")) {
			assertThat(wellFormed.matcher(origin).matches()).as(origin).isFalse();
			assertThat(dev.corsstarter.core.internal.OriginHeaderChecks.isWellFormed(origin)).as(origin).isFalse();
		}
	}

	@Test
	void theUnplainPathRuleCatchesEveryFormTheApplicationMayRouteDifferently() {
		Pattern unplain = Pattern.compile(NginxRenderer.UNPLAIN_PATH);
		for (String path : List.of("/api/public/..;/x", "//api/x", "/api/./x", "/api/../x", "/api/..", "/api%2Fx",
				"/api/%2e%2e/x", "/api/x;jsessionid=1", "/api\\x", "/api%5cx", "/api/.?q")) {
			assertThat(unplain.matcher(path).find()).as(path).isTrue();
		}
		for (String path : List.of("/api/x", "/api/x.json", "/api/x?a=//b", "/api/caf%C3%A9", "/api/x/",
				"/api/.well")) {
			assertThat(unplain.matcher(path).find()).as(path).isFalse();
		}
	}

	@Test
	void refusalsCarryTheirRuleCode() {
		CorsPolicy wild = CorsPolicy.builder("wild")
			.pathPatterns("/api/*/items")
			.allowedOrigins("https://a.example.com")
			.build();
		EdgeExportException refused = catchThrowableOfType(EdgeExportException.class,
				() -> export(CorsEngine.create(List.of(wild)), 1, "", "ftp://x"));
		assertThat(refused.getRefusals()).extracting(Refusal::code)
			.containsExactly(Refusal.Code.UPSTREAM, Refusal.Code.PATTERN_NOT_LITERAL);
	}

	@Test
	void theFormatIsSelectedByName() {
		assertThat(EdgeRenderer.of("nginx")).containsInstanceOf(NginxRenderer.class);
		assertThat(EdgeRenderer.of("haproxy")).isEmpty();
		assertThat(new NginxRenderer().parts()).extracting(EdgeRenderer.Part::fileName)
			.containsExactly("cors-http.conf", "cors-server.conf");
	}

	static Map<String, String> export(CorsEngine engine, long generation, String prefix, String upstream) {
		return new NginxRenderer().render(EdgePlan.of(engine, generation, prefix, upstream, List.of()));
	}

	private static List<String> reasons(EdgeExportException refused) {
		return refused.getRefusals().stream().map(Refusal::reason).toList();
	}

	private static List<String> locations(String server) {
		return server.lines()
			.filter(line -> line.startsWith("location "))
			.map(line -> line.substring(9, line.length() - 2))
			.toList();
	}

}
