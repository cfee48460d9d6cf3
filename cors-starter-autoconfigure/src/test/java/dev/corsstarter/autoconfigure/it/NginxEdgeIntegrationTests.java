package dev.corsstarter.autoconfigure.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.TestPropertySource;

import dev.corsstarter.autoconfigure.servlet.CorsPolicyFilter;
import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.export.EdgePlan;
import dev.corsstarter.export.EdgeRenderer;
import dev.corsstarter.core.internal.MapCorsRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nginx export proven against Debian's nginx: the policies of the integration-test
 * application are exported through its {@code corsexport} endpoint, nginx runs them in
 * front of the same application with the starter's filter not registered (the engine and
 * the endpoint stay), and every row of the behaviour table the filters pass
 * ({@link CorsScenarios}) is sent to nginx and must get the same answer, except the rows
 * the edge export documentation lists as not exportable.
 */
@SpringBootTest(classes = { CorsTestApplication.class, NginxEdgeIntegrationTests.FilterNotRegistered.class },
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet",
				"management.endpoints.web.exposure.include=corsexport" })
@TestPropertySource(locations = "classpath:cors-it.properties")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NginxEdgeIntegrationTests {

	/**
	 * Rows of the behaviour table the edge answers differently from the filter, each with
	 * why; the edge export documentation ({@code docs/edge-export.md}) lists the same.
	 */
	static final Map<String, String> NOT_EXPORTABLE = Map.of("same origin behind a proxy (forwarded headers)",
			"the edge compares Origin with the scheme and Host it received and does not trust X-Forwarded-* from "
					+ "the client, so it refuses this cross-origin request (stricter)",
			"two Origin headers",
			"nginx before 1.23 (Debian 12 ships 1.22) reads only the first of repeated request headers; the "
					+ "application's filter behind the edge refuses the request",
			"stricter @CrossOrigin on a policy path: the policy's origin gets the starter's headers",
			"Spring's own stricter @CrossOrigin on a policy path still decides behind the edge when the starter's "
					+ "filter is off; with the filter on behind the edge, Spring's CORS processing stands back");

	@LocalServerPort
	int appPort;

	@Autowired
	CorsPolicyRegistry policies;

	CorsEngine engine;

	private NginxServer nginx;

	private Map<String, String> export;

	@BeforeAll
	void startNginx() throws Exception {
		NginxServer.assumeInstalled();
		String upstream = "http://127.0.0.1:" + this.appPort;
		String http = fetchExport("http", upstream);
		String server = fetchExport("server", upstream);
		this.engine = this.policies.current();
		this.export = EdgeRenderer.of("nginx")
			.orElseThrow()
			.render(EdgePlan.of(this.engine, this.policies.generation(), "", upstream, List.of()));
		assertThat(http).as("the endpoint exports the engine the application runs").isEqualTo(this.export.get("http"));
		assertThat(server).isEqualTo(this.export.get("server"));
		this.nginx = NginxServer.start(http, server, this.appPort);
	}

	@AfterAll
	void stopNginx() throws Exception {
		if (this.nginx != null) {
			this.nginx.close();
		}
	}

	static Stream<CorsScenario> exportedRows() {
		return CorsScenarios.all().stream().filter(row -> !NOT_EXPORTABLE.containsKey(row.name));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("exportedRows")
	void theEdgeAnswersAsTheFilter(CorsScenario scenario) throws IOException {
		int port = this.nginx.port();
		List<Map.Entry<String, String>> headers = scenario.headers.stream()
			.map(h -> Map.entry(h.getKey(), h.getValue().replace("{port}", Integer.toString(port))))
			.toList();
		int callsBefore = CorsTestApplication.calls.get();
		RawHttpClient.Response response = RawHttpClient.send(port, scenario.method, scenario.path, headers);
		int calls = CorsTestApplication.calls.get() - callsBefore;
		try {
			AbstractCorsIntegrationTests.verify(scenario, scenario.status, response, calls);
		}
		catch (AssertionError ex) {
			throw new AssertionError(ex.getMessage() + "\nnginx error log:\n" + tail(this.nginx.errorLog()), ex);
		}
	}

	@Test
	void theRowsNotExportedAreTheOnesTheDocumentationCounts() throws IOException {
		List<String> names = CorsScenarios.all().stream().map(row -> row.name).toList();
		assertThat(names).containsAll(NOT_EXPORTABLE.keySet());
		String documentation = Files.readString(Path.of("..", "docs", "edge-export.md")).replaceAll("\\s+", " ");
		Matcher counted = Pattern.compile("answers every row of the behaviour table as the filter does but (\\w+):")
			.matcher(documentation);
		assertThat(counted.find()).as("docs/edge-export.md states how many rows the edge answers differently").isTrue();
		assertThat(counted.group(1))
			.isEqualTo(List.of("none", "one", "two", "three", "four", "five", "six").get(NOT_EXPORTABLE.size()));
		assertThat(exportedRows().count()).isEqualTo(names.size() - NOT_EXPORTABLE.size()).isGreaterThan(30);
	}

	/**
	 * Stricter, never more permissive: a path nginx normalises before it picks a location
	 * while the application may route by another form is refused for a cross-origin
	 * request, even where the filter allows it.
	 */
	@Test
	void anUnplainPathIsRefusedAtTheEdgeWhereTheFilterAllowsIt() throws IOException {
		String origin = "https://anyone.example.net";
		CorsDecision filter = this.engine.evaluate(MapCorsRequest.get("/api/public//hello").origin(origin).build());
		assertThat(filter.isAllowed()).as("the filter allows it: %s", filter).isTrue();

		RawHttpClient.Response edge = RawHttpClient.send(this.nginx.port(), "GET", "/api/public//hello",
				List.of(Map.entry("Origin", origin)));
		assertThat(edge.status()).isEqualTo(403);
		assertThat(edge.accessControlHeaderNames()).isEmpty();
	}

	/**
	 * The bypass the starter's path rules exist for: a permissive policy's path that the
	 * container routes elsewhere.
	 */
	@Test
	void aPathThatTheContainerRoutesToAnotherPolicyIsRefused() throws IOException {
		int callsBefore = CorsTestApplication.calls.get();
		for (String path : List.of("/api/public/..;/hello", "/api/public/%2e%2e;/hello", "/api/public;x=1/../hello",
				"//api/hello")) {
			RawHttpClient.Response edge = RawHttpClient.send(this.nginx.port(), "GET", path,
					List.of(Map.entry("Origin", CorsScenario.EVIL), Map.entry("Authorization", CorsScenario.BASIC)));
			assertThat(edge.status()).as(path).isEqualTo(403);
			assertThat(edge.accessControlHeaderNames()).as(path).isEmpty();
		}
		assertThat(CorsTestApplication.calls.get()).isEqualTo(callsBefore);
	}

	@Test
	void requestsWithoutOriginOnAnUnplainPathStillReachTheApplication() throws IOException {
		RawHttpClient.Response edge = RawHttpClient.send(this.nginx.port(), "GET", "/api/public//hello", List.of());
		// Spring Security's firewall behind the edge answers 400 for the double slash,
		// not the edge's 403
		assertThat(edge.status()).isEqualTo(400);
		assertThat(edge.body()).doesNotContain("Invalid CORS request");
		assertThat(edge.varyTokens()).containsExactly("Origin");
	}

	/**
	 * Each row left out is left out because the edge's answer differs, not to hide a
	 * failure elsewhere.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("rowsNotExported")
	void theRowsNotExportedAreAnsweredDifferently(CorsScenario scenario) throws Exception {
		if (scenario.name.equals("two Origin headers") && !nginxBefore1_23()) {
			return; // later nginx versions join repeated headers, and the edge refuses
					// "a, b" as the filter does
		}
		int port = this.nginx.port();
		List<Map.Entry<String, String>> headers = scenario.headers.stream()
			.map(h -> Map.entry(h.getKey(), h.getValue().replace("{port}", Integer.toString(port))))
			.toList();
		int callsBefore = CorsTestApplication.calls.get();
		RawHttpClient.Response response = RawHttpClient.send(port, scenario.method, scenario.path, headers);
		int calls = CorsTestApplication.calls.get() - callsBefore;
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> AbstractCorsIntegrationTests.verify(scenario, scenario.status, response, calls))
			.as("%s: %s", scenario.name, NOT_EXPORTABLE.get(scenario.name))
			.isInstanceOf(AssertionError.class);
	}

	static Stream<CorsScenario> rowsNotExported() {
		return CorsScenarios.all().stream().filter(row -> NOT_EXPORTABLE.containsKey(row.name));
	}

	private static boolean nginxBefore1_23() throws Exception {
		Matcher version = Pattern.compile("nginx/1\\.(\\d+)\\.")
			.matcher(NginxServer.run(List.of(NginxServer.NGINX.toString(), "-v")));
		return version.find() && Integer.parseInt(version.group(1)) < 23;
	}

	@Test
	void theApplicationsOwnVaryTokensSurviveAndTheCorsOnesAreListedOnce() throws IOException {
		// Spring's CORS processing behind the edge writes Vary: Origin,
		// Access-Control-Request-Method, -Headers
		RawHttpClient.Response edge = RawHttpClient.send(this.nginx.port(), "GET", "/api/hello",
				List.of(Map.entry("Origin", CorsScenario.APP), Map.entry("Authorization", CorsScenario.BASIC)));
		assertThat(edge.status()).isEqualTo(200);
		assertThat(edge.varyTokens()).containsExactly("Origin");
	}

	@Test
	void aServerPartFromAnotherExportFailsTheConfigurationTest() throws Exception {
		CorsEngine other = CorsEngine.create(List.of(dev.corsstarter.core.policy.CorsPolicy.builder("other")
			.pathPatterns("/other/**")
			.allowedOrigins("https://other.example.com")
			.build()));
		String mismatched = EdgeRenderer.of("nginx")
			.orElseThrow()
			.render(EdgePlan.of(other, 1, "", "http://127.0.0.1:" + this.appPort, List.of()))
			.get("server");
		IllegalStateException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
				IllegalStateException.class,
				() -> NginxServer.start(this.export.get("http"), mismatched, this.appPort));
		assertThat(refused).isNotNull();
		assertThat(refused.getMessage()).contains("unknown \"cors_path_guard_" + other.fingerprint().substring(0, 12));
	}

	private String fetchExport(String part, String upstream) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.appPort + "/actuator/corsexport/nginx/" + part
						+ "?upstream=" + upstream))
				.header("Authorization", CorsScenario.BASIC)
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
		return response.body();
	}

	private static String tail(String log) {
		return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
	}

	/**
	 * The starter's filter registered but disabled, the way an application turns it off
	 * and keeps the engine and the endpoints: the auto-configuration backs off for the
	 * application's own registration.
	 */
	@Configuration(proxyBeanMethods = false)
	static class FilterNotRegistered {

		@Bean
		FilterRegistrationBean<CorsPolicyFilter> corsPolicyFilter(CorsPolicyRegistry policies) {
			FilterRegistrationBean<CorsPolicyFilter> registration = new FilterRegistrationBean<>(
					new CorsPolicyFilter(policies, (request, decision) -> {
					}, dev.corsstarter.autoconfigure.servlet.ServletRouting.DEFAULT));
			registration.setEnabled(false);
			return registration;
		}

	}

}
