package dev.corsstarter.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The sample over plain HTTP, without a browser: which server runs, what Spring Security
 * lets through, and that preflights are answered before it. Subclasses choose the stack.
 */
abstract class AbstractSampleHttpTests {

	private static final String DEMO_LOGIN = "Basic "
			+ Base64.getEncoder().encodeToString("demo:demo-password".getBytes(StandardCharsets.UTF_8));

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@LocalServerPort
	int port;

	@Autowired
	WebServerApplicationContext context;

	/** The simple name prefix of the embedded server, e.g. Tomcat or Netty. */
	abstract String expectedServer();

	abstract String expectedStack();

	@Test
	void runsOnTheExpectedServer() {
		assertThat(this.context.getWebServer().getClass().getSimpleName()).startsWith(expectedServer());
	}

	@Test
	void demoPageIsServedAtTheRoot() throws Exception {
		HttpResponse<String> response = send(get("/"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("<title>cors-starter demo</title>");
		assertThat(send(get("/demo.js")).statusCode()).isEqualTo(200);
	}

	@Test
	void healthIsPublic() throws Exception {
		HttpResponse<String> response = send(get("/actuator/health"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void corsEndpointNeedsTheLogin() throws Exception {
		assertThat(send(get("/actuator/cors")).statusCode()).isEqualTo(401);
		HttpResponse<String> endpoint = send(get("/actuator/cors").header("Authorization", DEMO_LOGIN).build());
		assertThat(endpoint.statusCode()).isEqualTo(200);
		assertThat(endpoint.body()).contains("\"policies\"", "\"public\"", "\"api\"",
				"\"stack\":\"" + expectedStack() + "\"", "\"productionProfileActive\":false");
		HttpResponse<String> dryRun = send(get("/actuator/cors?path=/api/items&origin=https://evil.example.org")
			.header("Authorization", DEMO_LOGIN)
			.build());
		assertThat(dryRun.statusCode()).isEqualTo(200);
		assertThat(dryRun.body()).contains("\"decision\":\"rejected\"", "\"reason\":\"origin-not-allowed\"",
				"\"policy\":\"api\"");
		assertThat(send(get("/actuator/cors").header("Authorization", "Basic ZGVtbzp3cm9uZw==").build()).statusCode())
			.isEqualTo(401);
	}

	/**
	 * The README's export commands against the sample: the edge's configuration, behind
	 * the same login.
	 */
	@Test
	void nginxExportNeedsTheLoginAndNamesTheRunningFingerprint() throws Exception {
		assertThat(send(get("/actuator/corsexport/nginx/http")).statusCode()).isEqualTo(401);
		HttpResponse<String> http = send(
				get("/actuator/corsexport/nginx/http").header("Authorization", DEMO_LOGIN).build());
		assertThat(http.statusCode()).isEqualTo(200);
		assertThat(http.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
		HttpResponse<String> described = send(get("/actuator/cors").header("Authorization", DEMO_LOGIN).build());
		java.util.regex.Matcher fingerprint = java.util.regex.Pattern.compile("\"fingerprint\":\"([0-9a-f]{64})\"")
			.matcher(described.body());
		assertThat(fingerprint.find()).as(described.body()).isTrue();
		assertThat(http.body()).contains("# generation 1, fingerprint " + fingerprint.group(1) + "\n")
			.contains("\"~^(http://localhost(?::[0-9]{1,5})?)$\" $1;");
		HttpResponse<String> server = send(
				get("/actuator/corsexport/nginx/server").header("Authorization", DEMO_LOGIN).build());
		assertThat(server.body()).contains("location ^~ \"/api/public/\" {").contains("location ^~ \"/api/\" {");
	}

	@Test
	void accountNeedsTheLogin() throws Exception {
		assertThat(send(get("/api/account/me")).statusCode()).isEqualTo(401);
		HttpResponse<String> response = send(get("/api/account/me").header("Authorization", DEMO_LOGIN).build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"user\":\"demo\"").contains(expectedStack());
	}

	@Test
	void publicReadsNeedNoLogin() throws Exception {
		assertThat(send(get("/api/public/greeting")).statusCode()).isEqualTo(200);
		assertThat(send(get("/api/items")).statusCode()).isEqualTo(200);
	}

	@Test
	void preflightForTheCredentialedAreaIsAnsweredBeforeSecurity() throws Exception {
		HttpResponse<String> response = send(
				request("/api/account/me").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
					.header("Origin", "http://localhost:" + this.port)
					.header("Access-Control-Request-Method", "GET")
					.header("Access-Control-Request-Headers", "authorization")
					.build());
		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
			.hasValue("http://localhost:" + this.port);
		assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
		assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
	}

	@Test
	void unauthorizedAndServerErrorCarryTheCorsHeaders() throws Exception {
		String origin = "http://localhost:" + this.port;
		HttpResponse<String> unauthorized = send(get("/api/account/me").header("Origin", origin).build());
		assertThat(unauthorized.statusCode()).isEqualTo(401);
		assertThat(unauthorized.headers().allValues("Access-Control-Allow-Origin")).containsExactly(origin);
		HttpResponse<String> failed = send(get("/api/public/fail").header("Origin", origin).build());
		assertThat(failed.statusCode()).isEqualTo(500);
		assertThat(failed.headers().allValues("Access-Control-Allow-Origin")).containsExactly(origin);
	}

	@Test
	void jsonPostFromAnAllowedOriginNeedsNoCsrfToken() throws Exception {
		HttpResponse<String> response = send(
				request("/api/public/echo").POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hi\"}"))
					.header("Content-Type", "application/json")
					.header("Origin", "http://localhost:" + this.port)
					.build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"text\":\"hi\"");
	}

	@Test
	void crossSitePostFromAnOriginOutsideThePoliciesNeverReachesTheApi() throws Exception {
		HttpResponse<String> response = send(
				request("/api/public/echo").POST(HttpRequest.BodyPublishers.ofString("text=hi"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.header("Origin", "https://evil.example.org")
					.build());
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(20));
	}

	private HttpRequest.Builder get(String path) {
		return request(path).GET();
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return send(request.build());
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
