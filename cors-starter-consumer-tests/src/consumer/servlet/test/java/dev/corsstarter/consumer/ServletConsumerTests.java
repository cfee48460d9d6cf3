package dev.corsstarter.consumer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

import dev.corsstarter.core.validation.InvalidCorsConfigurationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The starter in a Spring MVC application on Tomcat (or Jetty), over real HTTP, on the Spring Boot line this
 * consumer is built with.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class ServletConsumerTests {

	private static final String ALLOWED = "https://app.example.com";

	private static final String BASIC_AUTH = "Basic "
			+ Base64.getEncoder().encodeToString("ops:ops-password".getBytes(StandardCharsets.US_ASCII));

	private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Value("${local.server.port}")
	private int port;

	@Autowired
	private ConfigurableApplicationContext context;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private RestClient.Builder restClientBuilder;

	@Test
	void anEnvironmentChangeReloadsThePoliciesWithoutARestart() throws Exception {
		String partner = "https://partner.example.org";
		assertThat(send("OPTIONS", "/live/hello", "Origin", partner, "Access-Control-Request-Method", "GET")
			.statusCode()).isNotEqualTo(204);
		MutablePropertySources sources = this.context.getEnvironment().getPropertySources();
		sources.addFirst(new MapPropertySource("live-change", Map.of("cors.policies.live.path-patterns", "/live/**",
				"cors.policies.live.allowed-origins", partner)));
		try {
			this.context.publishEvent(new EnvironmentChangeEvent(this.context, Set.of("cors.policies.live.path-patterns",
					"cors.policies.live.allowed-origins")));

			HttpResponse<String> allowed = send("OPTIONS", "/live/hello", "Origin", partner,
					"Access-Control-Request-Method", "GET");
			assertThat(allowed.statusCode()).isEqualTo(204);
			assertThat(header(allowed, "Access-Control-Allow-Origin")).isEqualTo(partner);
			HttpResponse<String> cors = send("GET", "/actuator/cors", "Authorization", BASIC_AUTH);
			assertThat(cors.body()).containsPattern("\"generation\":\\d+").contains("\"lastReload\":{\"outcome\":\"applied\"")
				.contains("\"live\":");
		}
		finally {
			sources.remove("live-change");
			this.context.publishEvent(new EnvironmentChangeEvent(this.context, Set.of("cors.policies.live.path-patterns")));
		}
		assertThat(send("OPTIONS", "/live/hello", "Origin", partner, "Access-Control-Request-Method", "GET")
			.statusCode()).isNotEqualTo(204);
	}

	@Test
	void runsOnTheSpringBootVersionOfItsParent() {
		assertThat(SpringBootVersion.getVersion()).isNotNull().isEqualTo(System.getProperty("expected.boot.version"));
	}

	/** Tomcat, unless the consumer swaps the container ({@code expected.web.server}). */
	@Test
	void runsOnTheExpectedServletContainer() throws Exception {
		// WebServerApplicationContext moved package in Spring Boot 4: asked by name
		Object webServer = this.context.getClass().getMethod("getWebServer").invoke(this.context);
		assertThat(webServer.getClass().getSimpleName())
			.startsWith(System.getProperty("expected.web.server", "Tomcat"));
	}

	@Test
	void allowedPreflightIsAnsweredBeforeSecurityAndLoggedAndCounted(CapturedOutput output) throws Exception {
		HttpResponse<String> response = send("OPTIONS", "/api/private/hello", "Origin", ALLOWED,
				"Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "content-type");
		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
		assertThat(header(response, "Access-Control-Allow-Credentials")).isEqualTo("true");
		assertThat(header(response, "Access-Control-Allow-Methods")).contains("PUT");
		assertThat(header(response, "Access-Control-Allow-Headers")).containsIgnoringCase("Content-Type");
		assertThat(header(response, "Access-Control-Max-Age")).isEqualTo("600");
		assertThat(response.headers().allValues("WWW-Authenticate")).isEmpty();
		// request values are logged quoted: CORS "OPTIONS" "/api/private/hello" origin="https://app.example.com" ...
		awaitOutput(output, Pattern.compile("CORS \"OPTIONS\" \"/api/private/hello\" origin=\"https://app\\.example\\.com\" "
				+ "request-method=\"PUT\" .*policy=api type=preflight decision=allowed reason=allowed status=204"));
		Counter counter = this.meterRegistry.find("cors.requests")
			.tags("policy", "api", "type", "preflight", "outcome", "allowed", "reason", "allowed")
			.counter();
		assertThat(counter).as("cors.requests counter in %s", this.meterRegistry).isNotNull();
		assertThat(counter.count()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void preflightFromARefusedOriginIsRejected() throws Exception {
		HttpResponse<String> response = send("OPTIONS", "/api/private/hello", "Origin", "https://evil.example.org",
				"Access-Control-Request-Method", "PUT");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		assertThat(this.meterRegistry.find("cors.requests").tags("outcome", "rejected", "reason", "origin-not-allowed")
			.counter()).isNotNull();
	}

	@Test
	void allowedActualRequestRefusedBySecurityKeepsTheCorsHeaders() throws Exception {
		HttpResponse<String> response = send("GET", "/api/private/hello", "Origin", ALLOWED);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
		assertThat(header(response, "Access-Control-Allow-Credentials")).isEqualTo("true");
		assertThat(header(response, "Access-Control-Expose-Headers")).isEqualTo("X-Request-Id");
		assertThat(String.join(",", response.headers().allValues("Vary"))).contains("Origin");
	}

	@Test
	void allowedActualRequestReachesTheController() throws Exception {
		HttpResponse<String> response = send("GET", "/api/public/hello", "Origin", ALLOWED);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("hello");
		assertThat(header(response, "Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
	}

	@Test
	void exportEndpointAnswersTheNginxConfigurationOfTheRunningPolicies() throws Exception {
		assertThat(send("GET", "/actuator/corsexport/nginx/server").statusCode()).isEqualTo(401);
		HttpResponse<String> server = send("GET", "/actuator/corsexport/nginx/server", "Authorization", BASIC_AUTH);
		assertThat(server.statusCode()).as(server.body()).isEqualTo(200);
		assertThat(header(server, "Content-Type")).startsWith("text/plain");
		assertThat(server.body()).contains("location ^~ \"/api/\" {").contains("proxy_pass http://app;");
		HttpResponse<String> described = send("GET", "/actuator/cors", "Authorization", BASIC_AUTH);
		java.util.regex.Matcher fingerprint = java.util.regex.Pattern.compile("\"fingerprint\"\\s*:\\s*\"([0-9a-f]{64})\"")
			.matcher(described.body());
		assertThat(fingerprint.find()).as(described.body()).isTrue();
		assertThat(server.body()).contains("# generation 1, fingerprint " + fingerprint.group(1) + "\n");
		assertThat(send("GET", "/actuator/corsexport/nginx/location", "Authorization", BASIC_AUTH).statusCode())
			.isEqualTo(404);
	}

	@Test
	void actuatorEndpointDescribesThePolicies() throws Exception {
		assertThat(send("GET", "/actuator/cors").statusCode()).isEqualTo(401);
		HttpResponse<String> response = send("GET", "/actuator/cors", "Authorization", BASIC_AUTH);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertJsonString(response.body(), "stack", "servlet");
		assertThat(response.body()).contains("\"api\"").contains("\"pathPatterns\"").contains("\"/api/**\"");
		assertThat(response.body()).containsPattern("\"productionProfileActive\"\\s*:\\s*false");
	}

	@Test
	void actuatorEndpointExplainsOneRequest() throws Exception {
		HttpResponse<String> allowed = send("GET", "/actuator/cors?path=/api/x&origin=https://app.example.com&method=PUT",
				"Authorization", BASIC_AUTH);
		assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
		assertJsonString(allowed.body(), "decision", "allowed");
		assertJsonString(allowed.body(), "policy", "api");
		assertJsonString(allowed.body(), "type", "actual");
		HttpResponse<String> rejected = send("GET",
				"/actuator/cors?path=/api/x&origin=https://app.example.com&method=PUT&headers=x-trace", "Authorization",
				BASIC_AUTH);
		assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
		assertJsonString(rejected.body(), "decision", "rejected");
		assertJsonString(rejected.body(), "reason", "header-not-allowed");
		HttpResponse<String> noPath = send("GET", "/actuator/cors?origin=https://app.example.com", "Authorization",
				BASIC_AUTH);
		assertThat(noPath.statusCode()).isEqualTo(400);
		assertThat(noPath.body()).contains("'path' parameter");
	}

	@Test
	void dangerousConfigurationStopsStartupWithAFailureAnalysis(CapturedOutput output) {
		assertThatThrownBy(() -> new SpringApplicationBuilder(ServletConsumerApplication.class).run("--server.port=0",
				"--cors.policies.broken.path-patterns=/broken/**", "--cors.policies.broken.allowed-origins=*",
				"--cors.policies.broken.allow-credentials=true"))
			.hasRootCauseInstanceOf(InvalidCorsConfigurationException.class);
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
			.contains("The CORS configuration is invalid or dangerous")
			.contains("Property: cors.policies.broken.allowed-origins");
	}

	@Test
	void applicationClasspathKeepsBootsOwnHttpClientChoice() {
		assertThat(ClassUtils.isPresent("org.apache.hc.client5.http.classic.HttpClient", getClass().getClassLoader()))
			.as("httpclient5 on the application's classpath (it makes Spring Boot's RestClient use Apache HttpClient)")
			.isFalse();
		AtomicReference<String> requestType = new AtomicReference<>();
		RestClient client = this.restClientBuilder
			.requestInitializer((request) -> requestType.set(request.getClass().getName()))
			.build();
		String body = client.get().uri("http://localhost:" + this.port + "/api/public/hello").retrieve().body(String.class);
		assertThat(body).isEqualTo("hello");
		// the JDK client, unless the container brings Jetty's client (expected.http.request)
		String expected = System.getProperty("expected.http.request",
				"org.springframework.http.client.JdkClientHttpRequest");
		assertThat(requestType.get()).doesNotContain("HttpComponents").isEqualTo(expected);
	}

	private HttpResponse<String> send(String method, String path, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(10));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String header(HttpResponse<?> response, String name) {
		return response.headers().firstValue(name).orElse(null);
	}

	private static void assertJsonString(String json, String field, String value) {
		assertThat(json).containsPattern("\"" + field + "\"\\s*:\\s*\"" + Pattern.quote(value) + "\"");
	}

	private static void awaitOutput(CapturedOutput output, Pattern expected) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (!expected.matcher(output.getAll()).find() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(output.getAll()).containsPattern(expected);
	}

}
