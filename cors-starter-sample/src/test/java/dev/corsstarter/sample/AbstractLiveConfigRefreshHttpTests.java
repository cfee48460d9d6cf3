package dev.corsstarter.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The live configuration over HTTP: the sample imports the file
 * {@code sample.live-config} names; a change written there applies on
 * {@code POST /actuator/refresh}, without a restart, and a change the policies refuse
 * leaves the policies in force serving. Subclasses choose the stack and the file
 * ({@code --sample.live-config}: a command-line argument, because Spring Cloud's refresh
 * rebuilds the environment from the command line, system properties and environment
 * variables and drops test property sources), each in a context of its own, discarded
 * afterwards.
 */
abstract class AbstractLiveConfigRefreshHttpTests {

	private static final String PARTNER = "https://partner.example";

	@LocalServerPort
	int port;

	SampleClient http;

	/**
	 * The file the application imports, relative to the working directory as the
	 * application reads it.
	 */
	abstract Path liveConfig();

	@BeforeEach
	void client() {
		this.http = new SampleClient(this.port);
	}

	@Test
	void editedLiveConfigAppliesOnRefreshAndARefusedOneLeavesThePoliciesServing() throws Exception {
		assertThat(this.http.preflight("/api/public/echo", PARTNER, "POST").statusCode()).isEqualTo(403);
		// a tenant origin added at runtime: a reload of the configuration must keep it
		assertThat(this.http.addTenant("https://acme.example").statusCode()).isEqualTo(201);
		long generation = this.http.corsEndpoint().get("generation").asLong();

		write("""
				cors:
				  policies:
				    public:
				      allowed-origins: [https://app.example.com, "http://localhost:*", https://partner.example]
				      max-age: 1m
				""");
		HttpResponse<String> refresh = refresh();
		assertThat(refresh.statusCode()).as(refresh.body()).isEqualTo(200);
		assertThat(SampleClient.strings(SampleClient.json(refresh))).contains("cors.policies.public.allowed-origins[2]",
				"cors.policies.public.max-age");

		HttpResponse<String> allowed = this.http.preflight("/api/public/echo", PARTNER, "POST");
		assertThat(allowed.statusCode()).isEqualTo(204);
		assertThat(allowed.headers().allValues("Access-Control-Allow-Origin")).containsExactly(PARTNER);
		assertThat(allowed.headers().firstValue("Access-Control-Max-Age")).hasValue("60");
		JsonNode applied = this.http.corsEndpoint();
		assertThat(applied.get("generation").asLong()).isEqualTo(generation + 1);
		assertThat(applied.get("lastReload").get("outcome").asString()).isEqualTo("applied");
		String fingerprint = applied.get("fingerprint").asString();
		assertThat(this.http.preflight("/api/items", "https://acme.example", "GET").statusCode()).isEqualTo(204);

		write("""
				cors:
				  policies:
				    public:
				      allowed-origins: [https://app.example.com, "http://localhost:*", https://partner.example,
				        "https://*.com"]
				      max-age: 1m
				""");
		HttpResponse<String> refused = refresh();
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(200);

		JsonNode endpoint = this.http.corsEndpoint();
		assertThat(endpoint.get("generation").asLong()).isEqualTo(generation + 1);
		assertThat(endpoint.get("fingerprint").asString()).isEqualTo(fingerprint);
		JsonNode lastReload = endpoint.get("lastReload");
		assertThat(lastReload.get("outcome").asString()).isEqualTo("refused");
		JsonNode violation = lastReload.get("violations").get(0);
		assertThat(violation.get("rule").asString()).isEqualTo("public-suffix-wildcard");
		assertThat(violation.get("property").asString()).isEqualTo("cors.policies.public.allowed-origins[3]");
		assertThat(violation.get("origin").asString()).contains(liveConfig().getFileName().toString());
		// the policies applied before keep serving: partner allowed, the wildcard's sites
		// not
		assertThat(this.http.preflight("/api/public/echo", PARTNER, "POST").statusCode()).isEqualTo(204);
		assertThat(this.http.preflight("/api/public/echo", "https://shop.com", "POST").statusCode()).isEqualTo(403);
	}

	@Test
	void refreshNeedsTheLogin() throws Exception {
		HttpResponse<String> anonymous = this.http
			.send(this.http.request("/actuator/refresh").POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(anonymous.statusCode()).isEqualTo(401);
		HttpResponse<String> wrongPassword = this.http.send(this.http.request("/actuator/refresh")
			.header("Authorization", "Basic ZGVtbzp3cm9uZw==")
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(wrongPassword.statusCode()).isEqualTo(401);
	}

	private void write(String yaml) throws IOException {
		Files.createDirectories(liveConfig().toAbsolutePath().getParent());
		Files.writeString(liveConfig(), yaml);
	}

	/**
	 * {@code POST /actuator/refresh} as the README shows it: HTTP Basic, no body, no CSRF
	 * token.
	 */
	private HttpResponse<String> refresh() throws IOException, InterruptedException {
		return this.http.send(this.http.request("/actuator/refresh")
			.header("Authorization", SampleClient.DEMO_LOGIN)
			.POST(HttpRequest.BodyPublishers.noBody()));
	}

	static void deleteLiveConfig(Path file) throws IOException {
		Files.deleteIfExists(file);
	}

}
