package dev.corsstarter.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The {@code cors} actuator endpoint, the decision counters and the DEBUG conversation
 * log over real HTTP against a real embedded server with Spring Security. Subclasses
 * choose the stack.
 */
@TestPropertySource(locations = "classpath:cors-it.properties",
		properties = { "management.endpoints.web.exposure.include=cors,health", "logging.level.dev.corsstarter=DEBUG" })
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractCorsEndpointIntegrationTests {

	static final String APP = CorsScenario.APP;

	static final String EVIL = CorsScenario.EVIL;

	static final String PREFLIGHT_VARY = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meterRegistry;

	abstract String expectedStack();

	@Test
	void describesTheEffectivePolicies() throws Exception {
		Answer answer = get("/actuator/cors", true);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.contentType()).startsWith("application/vnd.spring-boot.actuator.v3+json");
		Map<String, Object> body = answer.json();
		assertThat(body).containsOnlyKeys("policies", "stack", "filterOrder", "productionProfileActive", "warnings",
				"generation", "fingerprint", "lastReload", "shadowedSpringCors");
		assertThat(body).containsEntry("generation", 1)
			.containsEntry("lastReload", null)
			.hasEntrySatisfying("fingerprint", fingerprint -> assertThat((String) fingerprint).matches("[0-9a-f]{64}"));
		assertThat(body).containsEntry("stack", expectedStack())
			.containsEntry("filterOrder", Integer.MIN_VALUE + 10)
			.containsEntry("productionProfileActive", false)
			.containsEntry("warnings", List.of());
		@SuppressWarnings("unchecked")
		Map<String, Map<String, Object>> policies = (Map<String, Map<String, Object>>) body.get("policies");
		assertThat(policies).containsOnlyKeys("api", "public", "device");
		assertThat(policies.get("api")).containsExactlyInAnyOrderEntriesOf(policy(List.of("/api/**"),
				List.of(APP, "https://*.preview.example.com"), List.of("GET", "POST", "PUT"),
				List.of("Content-Type", "Authorization", "X-Trace"), List.of("X-Request-Id"), true, false, 600));
		assertThat(policies.get("public")).containsExactlyInAnyOrderEntriesOf(policy(List.of("/api/public/**"),
				List.of("*"), List.of("GET", "HEAD", "POST"), List.of(), List.of(), false, false, 300));
		assertThat(policies.get("device")).containsExactlyInAnyOrderEntriesOf(policy(List.of("/device/**"),
				List.of(APP), List.of("GET", "HEAD", "POST"), List.of(), List.of(), false, true, 300));
	}

	@Test
	void requiresAuthentication() throws Exception {
		assertThat(get("/actuator/cors", false).status()).isEqualTo(401);
		assertThat(get("/actuator/cors?path=/api/hello&origin=" + APP, false).status()).isEqualTo(401);
	}

	@Test
	void dryRunOfAnAllowedPreflight() throws Exception {
		Map<String, Object> body = dryRun("path=/api/hello&origin=" + APP + "&method=PUT&headers=content-type,x-trace");

		assertThat(body).containsExactlyInAnyOrderEntriesOf(dryRunAnswer(
				"OPTIONS", "/api/hello", headers("Origin", APP, "Access-Control-Request-Method", "PUT",
						"Access-Control-Request-Headers", "content-type,x-trace"),
				"allowed", "api", "allowed", "preflight", 204,
				headers("Vary", PREFLIGHT_VARY, "Access-Control-Allow-Origin", APP, "Access-Control-Allow-Credentials",
						"true", "Access-Control-Allow-Methods", "GET, POST, PUT", "Access-Control-Allow-Headers",
						"Content-Type, Authorization, X-Trace", "Access-Control-Max-Age", "600")));
	}

	@Test
	void dryRunOfAnAllowedActualRequest() throws Exception {
		Map<String, Object> body = dryRun("path=/api/hello&origin=https://pr-7.preview.example.com&method=POST");

		assertThat(body).containsExactlyInAnyOrderEntriesOf(dryRunAnswer("POST", "/api/hello",
				headers("Origin", "https://pr-7.preview.example.com"), "allowed", "api", "allowed", "actual", null,
				headers("Vary", "Origin", "Access-Control-Allow-Origin", "https://pr-7.preview.example.com",
						"Access-Control-Allow-Credentials", "true", "Access-Control-Expose-Headers", "X-Request-Id")));
	}

	@Test
	void dryRunOfARejectedOrigin() throws Exception {
		Map<String, Object> body = dryRun("path=/api/hello&origin=" + EVIL + "&method=PUT&preflight=true");

		assertThat(body).containsExactlyInAnyOrderEntriesOf(dryRunAnswer("OPTIONS", "/api/hello",
				headers("Origin", EVIL, "Access-Control-Request-Method", "PUT"), "rejected", "api",
				"origin-not-allowed", EVIL, "preflight", 403, headers("Vary", PREFLIGHT_VARY)));
	}

	@Test
	void dryRunOfARejectedHeaderAndPrivateNetworkAccess() throws Exception {
		assertThat(dryRun("path=/api/hello&origin=" + APP + "&method=POST&headers=content-type,x-evil"))
			.containsEntry("decision", "rejected")
			.containsEntry("reason", "header-not-allowed")
			.containsEntry("status", 403)
			.containsEntry("rejectedValue", "x-evil");
		assertThat(dryRun("path=/api/hello&origin=" + APP + "&privateNetwork=true"))
			.containsEntry("decision", "rejected")
			.containsEntry("reason", "private-network-not-allowed");
		assertThat(dryRun("path=/device/hello&origin=" + APP + "&privateNetwork=true"))
			.containsEntry("decision", "allowed")
			.containsEntry("policy", "device");
		assertThat(dryRun("path=/api/hello&origin=" + APP + "&method=DELETE")).containsEntry("decision", "rejected")
			.containsEntry("reason", "method-not-allowed")
			.containsEntry("type", "actual")
			.containsEntry("rejectedValue", "DELETE");
	}

	@Test
	void dryRunWithoutOriginIsNotCors() throws Exception {
		Map<String, Object> body = dryRun("path=/api/hello");

		assertThat(body).containsExactlyInAnyOrderEntriesOf(dryRunAnswer("GET", "/api/hello", headers(), "not-cors",
				"api", "no-origin", "no-origin", null, headers("Vary", "Origin")));
	}

	@Test
	void dryRunOnAPathWithoutPolicy() throws Exception {
		Map<String, Object> body = dryRun("path=/other/hello&origin=" + EVIL);

		assertThat(body).containsExactlyInAnyOrderEntriesOf(dryRunAnswer("GET", "/other/hello", headers("Origin", EVIL),
				"no-policy", null, "no-policy", null, null, headers()));
	}

	@Test
	void dryRunOfAMalformedOriginIsDecidedLikeTheFilterDoes() throws Exception {
		assertThat(dryRun("path=/api/hello&origin=" + encode("https://app.example.com/")))
			.containsEntry("decision", "rejected")
			.containsEntry("reason", "malformed-origin");
		assertThat(dryRun("path=/api/hello&origin=" + "https://" + "a".repeat(400) + ".example.com"))
			.containsEntry("decision", "rejected")
			.containsEntry("reason", "malformed-origin");
	}

	static Stream<Arguments> badDryRuns() {
		return Stream.of(Arguments.of("origin=" + APP, "'path'"), Arguments.of("method=PUT", "'path'"),
				Arguments.of("path=api/hello", "'path'"), Arguments.of("path=" + encode("/api/hello?x=1"), "'path'"),
				Arguments.of("path=/api/hello&origin=" + "a".repeat(2100), "'origin'"),
				Arguments.of("path=/api/hello&origin=" + encode(APP + "\r\nX-Forged: 1"), "'origin'"),
				Arguments.of("path=/api/hello&method=" + encode("GE T"), "'method'"),
				Arguments.of("path=/api/hello&method=", "'method'"),
				Arguments.of("path=/api/hello&privateNetwork=maybe", "'privateNetwork'"),
				Arguments.of("path=/api/hello&preflight=false&headers=x-trace", "'headers'"));
	}

	@Test
	void dryRunWithThePathAsSelectorAnswersAsWithThePathParameter() throws Exception {
		String query = "origin=" + APP + "&method=PUT&headers=content-type,x-trace";
		Answer selector = get("/actuator/cors/api/hello?" + query, true);

		assertThat(selector.status()).as(selector.body()).isEqualTo(200);
		assertThat(selector.json()).isEqualTo(dryRun("path=/api/hello&" + query));
	}

	@Test
	void badDryRunWithThePathAsSelectorIsA400() throws Exception {
		Answer answer = get("/actuator/cors/api/hello?origin=" + APP + "&privateNetwork=maybe", true);

		assertThat(answer.status()).as(answer.body()).isEqualTo(400);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badDryRuns")
	void badDryRunParametersAreA400WithAMessage(String query, String mentioned) throws Exception {
		Answer answer = get("/actuator/cors?" + query, true);

		assertThat(answer.status()).as(answer.body()).isEqualTo(400);
		assertThat(answer.json()).containsEntry("status", 400).containsEntry("error", "Bad Request");
		assertThat((String) answer.json().get("message")).contains(mentioned);
		assertThat(answer.body()).doesNotContain("X-Forged").doesNotContain("aaaaaaaaaa");
	}

	/** One request, sent for real and dry-run. */
	record Probe(String name, String method, String path, String origin, String requestMethod, String requestHeaders,
			boolean privateNetwork) {

		static Probe actual(String name, String method, String path, String origin) {
			return new Probe(name, method, path, origin, null, null, false);
		}

		static Probe preflight(String name, String path, String origin, String requestMethod, String requestHeaders,
				boolean privateNetwork) {
			return new Probe(name, "OPTIONS", path, origin, requestMethod, requestHeaders, privateNetwork);
		}

		List<Map.Entry<String, String>> wireHeaders() {
			List<Map.Entry<String, String>> headers = new ArrayList<>();
			headers.add(Map.entry("Authorization", CorsScenario.BASIC));
			if (this.origin != null) {
				headers.add(Map.entry("Origin", this.origin));
			}
			if (this.requestMethod != null) {
				headers.add(Map.entry("Access-Control-Request-Method", this.requestMethod));
			}
			if (this.requestHeaders != null) {
				headers.add(Map.entry("Access-Control-Request-Headers", this.requestHeaders));
			}
			if (this.privateNetwork) {
				headers.add(Map.entry("Access-Control-Request-Private-Network", "true"));
			}
			return headers;
		}

		String dryRunQuery() {
			StringBuilder query = new StringBuilder("path=").append(encode(this.path));
			if (this.origin != null) {
				query.append("&origin=").append(encode(this.origin));
			}
			boolean preflight = this.requestMethod != null;
			query.append("&method=").append(preflight ? this.requestMethod : this.method);
			if (preflight) {
				query.append("&preflight=true");
			}
			if (this.requestHeaders != null) {
				query.append("&headers=").append(encode(this.requestHeaders));
			}
			if (this.privateNetwork) {
				query.append("&privateNetwork=true");
			}
			return query.toString();
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

	static Stream<Probe> probes() {
		return Stream.of(Probe.preflight("allowed preflight", "/api/hello", APP, "PUT", "content-type, x-trace", false),
				Probe.preflight("allowed preflight without request headers", "/api/hello",
						"https://pr-7.preview.example.com", "GET", null, false),
				Probe.preflight("allowed private network preflight", "/device/hello", APP, "GET", null, true),
				Probe.preflight("rejected preflight: origin", "/api/hello", EVIL, "GET", null, false),
				Probe.preflight("rejected preflight: header", "/api/hello", APP, "POST", "content-type,x-evil", false),
				Probe.actual("allowed actual request", "GET", "/api/hello", APP),
				Probe.actual("allowed actual request with a wildcard policy", "GET", "/api/public/hello",
						"https://anyone.example.net"),
				Probe.actual("rejected actual request: method", "DELETE", "/api/hello", APP),
				Probe.actual("request without Origin", "GET", "/api/hello", null),
				Probe.actual("path without policy", "GET", "/other/hello", EVIL));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("probes")
	void dryRunHeadersEqualWhatTheFilterWrites(Probe probe) throws Exception {
		Map<String, Object> dryRun = dryRun(probe.dryRunQuery());
		RawHttpClient.Response response = RawHttpClient.send(this.port, probe.method(), probe.path(),
				probe.wireHeaders());

		Map<String, String> written = new LinkedHashMap<>();
		for (Map.Entry<String, String> header : response.headers()) {
			String name = header.getKey();
			if (name.regionMatches(true, 0, "Access-Control-", 0, 15) || name.equalsIgnoreCase("Vary")) {
				written.merge(canonical(name), header.getValue(), (a, b) -> a + ", " + b);
			}
		}
		assertThat(written).as("headers written by the filter").isEqualTo(dryRun.get("responseHeaders"));
		Object status = dryRun.get("status");
		if (status != null) {
			assertThat(response.status()).as("status").isEqualTo(status);
		}
		else {
			assertThat(response.status()).as("status").isNotIn(204, 403);
		}
	}

	@Test
	void countsDecisionsWithTheirTags() throws IOException {
		double allowedBefore = count("api", "preflight", "allowed", "allowed");
		double rejectedBefore = count("api", "preflight", "rejected", "origin-not-allowed");
		double actualBefore = count("public", "actual", "allowed", "allowed");

		send("OPTIONS", "/api/hello", "Origin", APP, "Access-Control-Request-Method", "PUT");
		send("OPTIONS", "/api/hello", "Origin", APP, "Access-Control-Request-Method", "GET");
		send("OPTIONS", "/api/hello", "Origin", EVIL, "Access-Control-Request-Method", "GET");
		send("GET", "/api/public/hello", "Origin", "https://anyone.example.net");
		send("GET", "/api/public/hello");

		assertThat(count("api", "preflight", "allowed", "allowed") - allowedBefore).isEqualTo(2);
		assertThat(count("api", "preflight", "rejected", "origin-not-allowed") - rejectedBefore).isEqualTo(1);
		assertThat(count("public", "actual", "allowed", "allowed") - actualBefore).isEqualTo(1);
		assertThat(this.meterRegistry.find("cors.requests").counters())
			.allSatisfy(counter -> assertThat(counter.getId().getTags()).extracting(tag -> tag.getKey())
				.containsExactlyInAnyOrder("policy", "type", "outcome", "reason", "mode"))
			.noneSatisfy(counter -> assertThat(counter.getId().getTag("type")).isIn("no-origin", "same-origin"));
	}

	@Test
	void dryRunsAreNeitherCountedNorLogged(CapturedOutput output) throws Exception {
		double before = count("api", "preflight", "rejected", "origin-not-allowed");
		int logged = output.toString().length();

		dryRun("path=/api/hello&origin=https://dry-run.example.org&preflight=true");

		assertThat(count("api", "preflight", "rejected", "origin-not-allowed")).isEqualTo(before);
		assertThat(output.toString().substring(logged)).doesNotContain("dry-run.example.org");
	}

	@Test
	void logsOneSanitizedDebugLinePerDecision(CapturedOutput output) throws IOException {
		// servers refuse CR, LF and other control characters in headers; NEL (0x85) and
		// other
		// non-ASCII bytes get through, and some log viewers break lines on NEL
		String hostile = "https://evil.example.org\u0085FORGED \u00e4";
		RawHttpClient.Response response = send("OPTIONS", "/api/hello", "Origin", hostile,
				"Access-Control-Request-Method", "DELETE", "Access-Control-Request-Headers", "x-one, x-two");

		assertThat(response.status()).isEqualTo(403);
		List<String> lines = output.toString().lines().filter(line -> line.contains("FORGED")).toList();
		assertThat(lines).hasSize(1);
		assertThat(lines.get(0)).contains("DEBUG")
			.contains("CORS \"OPTIONS\" \"/api/hello\" origin=\"https://evil.example.org\\u0085FORGED \\u00e4\" "
					+ "request-method=\"DELETE\" request-headers=\"x-one, x-two\" policy=api type=preflight "
					+ "decision=rejected reason=malformed-origin status=403 headers={Vary: \"" + PREFLIGHT_VARY + "\"}")
			.doesNotContain("\u0085")
			.doesNotContain("\u00e4");
	}

	// helpers

	private double count(String policy, String type, String outcome, String reason) {
		Counter counter = this.meterRegistry.find("cors.requests")
			.tags("policy", policy, "type", type, "outcome", outcome, "reason", reason)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private RawHttpClient.Response send(String method, String path, String... headers) throws IOException {
		List<Map.Entry<String, String>> list = new ArrayList<>();
		for (int i = 0; i < headers.length; i += 2) {
			list.add(Map.entry(headers[i], headers[i + 1]));
		}
		return RawHttpClient.send(this.port, method, path, list);
	}

	private Map<String, Object> dryRun(String query) throws Exception {
		Answer answer = get("/actuator/cors?" + query, true);
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return answer.json();
	}

	private Answer get(String pathAndQuery, boolean authenticated) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + pathAndQuery));
		if (authenticated) {
			request.header("Authorization", CorsScenario.BASIC);
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
				response.body());
	}

	record Answer(int status, String contentType, String body) {

		@SuppressWarnings("unchecked")
		Map<String, Object> json() {
			return json.readValue(this.body, Map.class);
		}

	}

	private static Map<String, Object> policy(List<String> pathPatterns, List<String> allowedOrigins,
			List<String> allowedMethods, List<String> allowedHeaders, List<String> exposedHeaders,
			boolean allowCredentials, boolean allowPrivateNetwork, int maxAge) {
		Map<String, Object> policy = new LinkedHashMap<>();
		policy.put("pathPatterns", pathPatterns);
		policy.put("allowedOrigins", allowedOrigins);
		policy.put("allowedMethods", allowedMethods);
		policy.put("allowedHeaders", allowedHeaders);
		policy.put("exposedHeaders", exposedHeaders);
		policy.put("allowCredentials", allowCredentials);
		policy.put("allowPrivateNetwork", allowPrivateNetwork);
		policy.put("maxAge", maxAge);
		policy.put("mode", "enforce");
		return policy;
	}

	private static Map<String, Object> dryRunAnswer(String method, String path, Map<String, String> requestHeaders,
			String decision, String policy, String reason, String type, Integer status,
			Map<String, String> responseHeaders) {
		return dryRunAnswer(method, path, requestHeaders, decision, policy, reason, null, type, status,
				responseHeaders);
	}

	private static Map<String, Object> dryRunAnswer(String method, String path, Map<String, String> requestHeaders,
			String decision, String policy, String reason, String rejectedValue, String type, Integer status,
			Map<String, String> responseHeaders) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("request", Map.of("method", method, "path", path, "headers", requestHeaders));
		answer.put("decision", decision);
		answer.put("policy", policy);
		answer.put("reason", reason);
		answer.put("rejectedValue", rejectedValue);
		answer.put("type", type);
		answer.put("status", status);
		answer.put("responseHeaders", responseHeaders);
		answer.put("mode", (policy != null) ? "enforce" : null);
		answer.put("reportOnly", null);
		return answer;
	}

	private static Map<String, String> headers(String... namesAndValues) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.put(namesAndValues[i], namesAndValues[i + 1]);
		}
		return headers;
	}

	/**
	 * Header names as the engine spells them, whatever case the server used on the wire.
	 */
	private static String canonical(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		StringBuilder result = new StringBuilder(name.length());
		boolean upper = true;
		for (char c : lower.toCharArray()) {
			result.append(upper ? Character.toUpperCase(c) : c);
			upper = (c == '-');
		}
		return result.toString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
