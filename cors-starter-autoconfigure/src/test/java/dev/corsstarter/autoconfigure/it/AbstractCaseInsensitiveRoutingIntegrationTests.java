package dev.corsstarter.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application whose handler mappings match paths case-insensitively (a
 * {@code PathPatternParser} with case sensitivity off, as Spring documents it):
 * {@code /API/items} reaches the handler of {@code /api/items}, so it must meet the
 * policy of {@code /api/**}. Policies: {@code api: /api/**} for {@value #APP},
 * {@code account: /api/account/**} for {@value #ACCOUNT}.
 */
@TestPropertySource(properties = { "cors.policies.api.path-patterns=/api/**",
		"cors.policies.api.allowed-origins=" + AbstractCaseInsensitiveRoutingIntegrationTests.APP,
		"cors.policies.api.allowed-methods=GET,POST", "cors.policies.account.path-patterns=/api/account/**",
		"cors.policies.account.allowed-origins=" + AbstractCaseInsensitiveRoutingIntegrationTests.ACCOUNT,
		"cors.policies.account.allowed-methods=GET,POST", "management.endpoints.web.exposure.include=cors" })
abstract class AbstractCaseInsensitiveRoutingIntegrationTests {

	static final String APP = "https://app.example.com";

	static final String ACCOUNT = "https://account.example.com";

	static final String EVIL = "https://evil.example.org";

	static final AtomicInteger calls = new AtomicInteger();

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "/API/items", "/Api/items", "/api/ITEMS", "/Api/account/me", "/API/ACCOUNT/ME",
			"/api/Account/me" })
	void aCrossSitePostNeverReachesTheHandler(String target) throws IOException {
		int before = calls.get();
		WireClient.Head response = WireClient.send(this.port, "POST", target, WireClient.form(EVIL), "a=1");

		assertThat(calls.get() - before).as("handler invocations for " + target).isZero();
		assertThat(response.status()).as(target).isEqualTo(403);
		assertThat(response.accessControlHeaderNames()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "/API/items, " + APP, "/Api/Items, " + APP, "/api/items, " + APP, "/API/account/me, " + ACCOUNT,
			"/Api/Account/me, " + ACCOUNT })
	void eachPolicyServesItsOriginWhateverTheCase(String target, String origin) throws IOException {
		int before = calls.get();
		WireClient.Head response = WireClient.send(this.port, "POST", target, WireClient.form(origin), "a=1");

		assertThat(response.status()).as(target).isEqualTo(200);
		assertThat(response.values("Access-Control-Allow-Origin")).containsExactly(origin);
		assertThat(calls.get() - before).isOne();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/Api/account/me", "/API/ACCOUNT/me" })
	void theNarrowerPolicyDecidesItsPathsInAnyCase(String target) throws IOException {
		int before = calls.get();
		WireClient.Head response = WireClient.send(this.port, "POST", target, WireClient.form(APP), "a=1");

		assertThat(response.status()).as(target).isEqualTo(403);
		assertThat(calls.get() - before).isZero();
	}

	/**
	 * Matched case-sensitively, {@code /api/ACCOUNT/me} is {@code api}'s; ignoring case,
	 * as the application routes it, {@code account}'s: both decide, and each refuses the
	 * other's origin.
	 */
	@ParameterizedTest
	@ValueSource(strings = { APP, ACCOUNT })
	void whenTheTwoMatchingsSelectDifferentPoliciesTheStricterDecides(String origin) throws IOException {
		int before = calls.get();
		WireClient.Head response = WireClient.send(this.port, "POST", "/api/ACCOUNT/me", WireClient.form(origin),
				"a=1");

		assertThat(response.status()).isEqualTo(403);
		assertThat(calls.get() - before).isZero();
	}

	@Test
	void theDryRunMatchesTheWayTheApplicationRoutes() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(
					"http://localhost:" + this.port + "/actuator/cors?path=/API/items&origin=" + EVIL + "&method=POST"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"decision\":\"rejected\"").contains("\"policy\":\"api\"");
	}

	@RestController
	static class Handlers {

		@PostMapping({ "/api/items", "/api/account/me" })
		String post() {
			calls.incrementAndGet();
			return "posted";
		}

	}

}
