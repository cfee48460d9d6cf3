package dev.corsstarter.autoconfigure.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.cors.CorsConfiguration;

/**
 * The starter in an application that already had CORS, over real HTTP on a real server
 * with Spring Security's {@code cors(withDefaults())} in front: the decision on
 * {@code http.server.requests}, and the policies as the {@code CorsConfigurationSource}
 * Spring Security uses, without a second set of headers. Subclasses choose the stack.
 */
@TestPropertySource(locations = "classpath:cors-interop-it.properties",
		properties = "cors.register-configuration-source=true")
abstract class AbstractInteropIntegrationTests {

	static final String APP = InteropTestApplication.APP;

	static final String LEGACY = InteropTestApplication.LEGACY;

	static final String EVIL = InteropTestApplication.EVIL;

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	/**
	 * The configuration the application's {@code corsConfigurationSource} bean gives a
	 * GET of a path.
	 */
	abstract CorsConfiguration sourceConfiguration(String path, String... headers);

	abstract Class<?> expectedSourceType();

	@Test
	void refusedPreflightIsCountedOnHttpServerRequestsWithWhy() throws Exception {
		String tags = "tag=cors.outcome:rejected&tag=cors.reason:origin-not-allowed&tag=cors.policy:api"
				+ "&tag=cors.mode:enforce&tag=method:OPTIONS";
		double before = count(tags);

		HttpResponse<String> response = send("OPTIONS", "/api/orders", "Origin", EVIL, "Access-Control-Request-Method",
				"GET");

		assertThat(response.statusCode()).isEqualTo(403);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(count(tags)).isEqualTo(before + 1));
	}

	@Test
	void refusedRequestObservationCarriesTheDecision() throws Exception {
		HttpResponse<String> response = send("GET", "/api/orders?observed=refused", "Origin", EVIL);

		assertThat(response.statusCode()).isEqualTo(403);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(InteropTestApplication.observed)
				.anySatisfy(keys -> assertThat(keys).containsEntry("method", "GET")
					.containsEntry("status", "403")
					.containsEntry("cors.outcome", "rejected")
					.containsEntry("cors.reason", "origin-not-allowed")
					.containsEntry("cors.policy", "api")
					.containsEntry("cors.mode", "enforce")));
	}

	@Test
	void allowedAndUncoveredRequestsCarryTheirKeysToo() throws Exception {
		String allowed = "tag=cors.outcome:allowed&tag=cors.reason:allowed&tag=cors.policy:api&tag=uri:/api/orders";
		String none = "tag=cors.outcome:none&tag=cors.reason:none&tag=cors.policy:none&tag=cors.mode:none"
				+ "&tag=uri:/open/hello";
		double allowedBefore = count(allowed);
		double noneBefore = count(none);

		assertThat(send("GET", "/api/orders", "Origin", APP).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/open/hello", "Origin", EVIL).statusCode()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(count(allowed)).isEqualTo(allowedBefore + 1);
			assertThat(count(none)).isEqualTo(noneBefore + 1);
		});
	}

	@Test
	void reportOnlyDecisionIsTaggedAsReportedNotEnforced() throws Exception {
		String tags = "tag=cors.outcome:rejected&tag=cors.policy:beta&tag=cors.mode:report-only&tag=status:200";
		double before = count(tags);

		assertThat(send("GET", "/beta/hello", "Origin", EVIL).statusCode()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(count(tags)).isEqualTo(before + 1));
	}

	@Test
	void corsConfigurationSourceBeanIsThePolicies() {
		assertThat(this.context.getBean("corsConfigurationSource")).isInstanceOf(expectedSourceType());

		CorsConfiguration api = sourceConfiguration("/api/orders", "Origin", APP);
		assertThat(api).isNotNull();
		assertThat(api.getAllowedOrigins()).containsExactly(APP);
		assertThat(api.getAllowedMethods()).containsExactly("GET", "POST");
		assertThat(api.getAllowedHeaders()).containsExactly("Content-Type");
		assertThat(api.getAllowCredentials()).isTrue();
		assertThat(api.getMaxAge()).isEqualTo(600L);
		// Spring decides this origin as the policy does
		assertThat(api.checkOrigin(APP)).isEqualTo(APP);
		assertThat(api.checkOrigin(LEGACY)).isNull();
		// no policy, and a report-only one, give Spring nothing to decide with
		assertThat(sourceConfiguration("/open/hello", "Origin", APP)).isNull();
		assertThat(sourceConfiguration("/beta/hello", "Origin", APP)).isNull();
		// a request the filter holds to be same-origin must not become a cross-origin one
		// for Spring
		assertThat(sourceConfiguration("/api/orders", "Origin", "https://served.example.org", "Sec-Fetch-Site",
				"same-origin"))
			.isNull();
	}

	@Test
	void securityCorsWithThePoliciesNeverDuplicatesHeaders() throws Exception {
		HttpResponse<String> actual = send("GET", "/api/orders", "Origin", APP);
		assertThat(actual.statusCode()).isEqualTo(200);
		assertSingleCorsHeaders(actual);
		assertThat(actual.headers().allValues("Access-Control-Allow-Origin")).containsExactly(APP);
		assertThat(actual.headers().allValues("Access-Control-Allow-Credentials")).containsExactly("true");

		HttpResponse<String> preflight = send("OPTIONS", "/api/orders", "Origin", APP, "Access-Control-Request-Method",
				"POST", "Access-Control-Request-Headers", "content-type");
		assertThat(preflight.statusCode()).isEqualTo(204);
		assertSingleCorsHeaders(preflight);
		assertThat(preflight.headers().allValues("Access-Control-Max-Age")).containsExactly("600");
	}

	@Test
	void securityCorsWithThePoliciesDecidesAsTheFilter() throws Exception {
		// the legacy origin @CrossOrigin and addCorsMappings allowed on /api/**: the
		// policy refuses it
		assertThat(send("GET", "/api/legacy", "Origin", LEGACY).statusCode()).isEqualTo(403);
		assertThat(
				send("OPTIONS", "/api/legacy", "Origin", LEGACY, "Access-Control-Request-Method", "GET").statusCode())
			.isEqualTo(403);
		// outside the policies, the application's own @CrossOrigin still answers as
		// before
		HttpResponse<String> open = send("GET", "/open/annotated", "Origin", LEGACY);
		assertThat(open.statusCode()).isEqualTo(200);
		assertThat(open.headers().allValues("Access-Control-Allow-Origin")).containsExactly(LEGACY);
	}

	private static void assertSingleCorsHeaders(HttpResponse<String> response) {
		Map<String, List<String>> headers = response.headers().map();
		headers.forEach((name, values) -> {
			if (name.toLowerCase().startsWith("access-control-")) {
				assertThat(values).as(name).hasSize(1);
			}
		});
		List<String> vary = headers.entrySet()
			.stream()
			.filter(entry -> entry.getKey().equalsIgnoreCase("Vary"))
			.flatMap(entry -> entry.getValue().stream())
			.flatMap(value -> Arrays.stream(value.split(",")))
			.map(String::trim)
			.toList();
		assertThat(vary).doesNotHaveDuplicates().contains("Origin");
	}

	/**
	 * The COUNT of {@code http.server.requests} with these tags, from the metrics
	 * endpoint; 0 when none.
	 */
	private double count(String tags) throws Exception {
		HttpResponse<String> response = send("GET", "/actuator/metrics/http.server.requests?" + tags);
		if (response.statusCode() == 404) {
			return 0;
		}
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		@SuppressWarnings("unchecked")
		Map<String, Object> body = json.readValue(response.body(), Map.class);
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> measurements = (List<Map<String, Object>>) body.get("measurements");
		return measurements.stream()
			.filter(measurement -> "COUNT".equals(measurement.get("statistic")))
			.mapToDouble(measurement -> ((Number) measurement.get("value")).doubleValue())
			.findFirst()
			.orElseThrow();
	}

	HttpResponse<String> send(String method, String pathAndQuery, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + pathAndQuery))
			.method(method, HttpRequest.BodyPublishers.noBody());
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
