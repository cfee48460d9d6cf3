package dev.corsstarter.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The admin flow over HTTP on a running sample: a tenant origin added with
 * {@code POST /admin/tenants} is allowed by the {@code api} policy at once, without a
 * restart; one the policies refuse is answered with its violations and not stored, and
 * the policies in force keep serving. Every test adds its own origins and compares
 * generations with what it saw before, so the order of the tests does not matter;
 * subclasses choose the stack and run in a context of their own, discarded afterwards, so
 * no other test sees the added origins.
 */
abstract class AbstractTenantAdminHttpTests {

	@LocalServerPort
	int port;

	SampleClient http;

	@BeforeEach
	void client() {
		this.http = new SampleClient(this.port);
	}

	@Test
	void blockedOriginIsAllowedOnceAddedAsATenant() throws Exception {
		String origin = "https://acme.example";
		HttpResponse<String> before = this.http.preflight("/api/items", origin, "GET");
		assertThat(before.statusCode()).isEqualTo(403);
		assertThat(before.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		JsonNode endpointBefore = this.http.corsEndpoint();
		long generation = endpointBefore.get("generation").asLong();
		String fingerprint = endpointBefore.get("fingerprint").asString();

		HttpResponse<String> added = this.http.addTenant(origin);

		assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
		JsonNode change = SampleClient.json(added);
		assertThat(change.get("origin").asString()).isEqualTo(origin);
		assertThat(change.get("policy").asString()).isEqualTo("api");
		assertThat(change.get("outcome").asString()).isEqualTo("applied");
		assertThat(change.get("generation").asLong()).isEqualTo(generation + 1);
		assertThat(change.get("fingerprint").asString()).matches("[0-9a-f]{64}").isNotEqualTo(fingerprint);

		HttpResponse<String> after = this.http.preflight("/api/items", origin, "GET");
		assertThat(after.statusCode()).isEqualTo(204);
		assertThat(after.headers().allValues("Access-Control-Allow-Origin")).containsExactly(origin);
		assertThat(after.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
		// the tenant joins the api policy only: /api/public/** has a policy of its own
		assertThat(this.http.preflight("/api/public/echo", origin, "POST").statusCode()).isEqualTo(403);

		JsonNode endpointAfter = this.http.corsEndpoint();
		assertThat(endpointAfter.get("generation").asLong()).isEqualTo(generation + 1);
		assertThat(endpointAfter.get("fingerprint").asString()).isEqualTo(change.get("fingerprint").asString());
		assertThat(endpointAfter.get("lastReload").get("outcome").asString()).isEqualTo("applied");
		assertThat(SampleClient.strings(endpointAfter.get("policies").get("api").get("allowedOrigins")))
			.contains("https://app.example.com", origin);
		assertThat(this.http.tenants()).contains(origin);
	}

	@Test
	void refusedOriginIsNotStoredAndThePoliciesInForceKeepServing() throws Exception {
		JsonNode endpointBefore = this.http.corsEndpoint();
		long generation = endpointBefore.get("generation").asLong();
		String fingerprint = endpointBefore.get("fingerprint").asString();

		HttpResponse<String> refused = this.http.addTenant("https://*.com");

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		JsonNode change = SampleClient.json(refused);
		assertThat(change.get("outcome").asString()).isEqualTo("refused");
		assertThat(change.get("generation").asLong()).isEqualTo(generation);
		assertThat(change.get("fingerprint").asString()).isEqualTo(fingerprint);
		JsonNode violation = change.get("violations").get(0);
		assertThat(violation.get("rule").asString()).isEqualTo("public-suffix-wildcard");
		assertThat(violation.get("severity").asString()).isEqualTo("error");
		assertThat(violation.get("property").asString()).startsWith("cors.policies.api.allowed-origins[");
		assertThat(violation.get("value").asString()).isEqualTo("https://*.com");
		assertThat(violation.get("reason").asString()).contains("public suffix");

		assertThat(this.http.tenants()).doesNotContain("https://*.com");
		JsonNode endpointAfter = this.http.corsEndpoint();
		assertThat(endpointAfter.get("generation").asLong()).isEqualTo(generation);
		assertThat(endpointAfter.get("fingerprint").asString()).isEqualTo(fingerprint);
		assertThat(endpointAfter.get("lastReload").get("outcome").asString()).isEqualTo("refused");
		HttpResponse<String> stillServing = this.http.preflight("/api/items", "https://app.example.com", "GET");
		assertThat(stillServing.statusCode()).isEqualTo(204);
		assertThat(this.http.preflight("/api/items", "https://shop.com", "GET").statusCode()).isEqualTo(403);
	}

	@Test
	void refusalCarriesTheSuggestedValueAndTheCorrectedOriginCanBeAddedAfter() throws Exception {
		HttpResponse<String> refused = this.http.addTenant("https://globex.example/");
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		JsonNode violation = SampleClient.json(refused).get("violations").get(0);
		assertThat(violation.get("rule").asString()).isEqualTo("origin-never-matches");
		assertThat(violation.get("suggestedValue").asString()).isEqualTo("https://globex.example");
		assertThat(this.http.tenants()).doesNotContain("https://globex.example/");

		// the refused origin left nothing behind that could block the corrected one
		HttpResponse<String> corrected = this.http.addTenant(violation.get("suggestedValue").asString());
		assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(201);
		assertThat(this.http.preflight("/api/items", "https://globex.example", "GET").statusCode()).isEqualTo(204);
	}

	@Test
	void addingAStoredOriginAgainConflicts() throws Exception {
		assertThat(this.http.addTenant("https://initech.example").statusCode()).isEqualTo(201);
		long generation = this.http.corsEndpoint().get("generation").asLong();
		HttpResponse<String> again = this.http.addTenant("https://initech.example");
		assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
		assertThat(this.http.corsEndpoint().get("generation").asLong()).isEqualTo(generation);
	}

	@Test
	void addingATenantNeedsTheLogin() throws Exception {
		String body = "{\"origin\":\"https://umbrella.example\"}";
		HttpResponse<String> anonymous = this.http.send(this.http.request("/admin/tenants")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(anonymous.statusCode()).isEqualTo(401);
		HttpResponse<String> wrongPassword = this.http.send(this.http.request("/admin/tenants")
			.header("Authorization", "Basic ZGVtbzp3cm9uZw==")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(wrongPassword.statusCode()).isEqualTo(401);
		assertThat(this.http.send(this.http.request("/admin/tenants").GET()).statusCode()).isEqualTo(401);
		assertThat(this.http.tenants()).doesNotContain("https://umbrella.example");
		assertThat(this.http.preflight("/api/items", "https://umbrella.example", "GET").statusCode()).isEqualTo(403);
	}

	@Test
	void aCrossSiteFormCannotAddATenantEvenWithCachedCredentials() throws Exception {
		// what a forged form on another site sends: a simple request, no preflight, the
		// browser's
		// cached Basic credentials; no CSRF token is required here, so the JSON-only rule
		// stops it
		HttpResponse<String> form = this.http.send(this.http.request("/admin/tenants")
			.header("Authorization", SampleClient.DEMO_LOGIN)
			.header("Origin", "https://evil.example")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("origin=https%3A%2F%2Fevil.example")));
		assertThat(form.statusCode()).isEqualTo(415);
		HttpResponse<String> text = this.http.send(this.http.request("/admin/tenants")
			.header("Authorization", SampleClient.DEMO_LOGIN)
			.header("Origin", "https://evil.example")
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("{\"origin\":\"https://evil.example\"}")));
		assertThat(text.statusCode()).isEqualTo(415);
		assertThat(this.http.tenants()).doesNotContain("https://evil.example");
	}

}
