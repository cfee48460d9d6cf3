package dev.corsstarter.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import dev.corsstarter.autoconfigure.properties.CorsProperties;

/**
 * The sample's own configuration under the production profile: it starts, and the
 * development origins of the demo are not loaded.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("prod")
class ProductionProfileTests {

	@LocalServerPort
	int port;

	@Autowired
	CorsProperties properties;

	@Test
	void productionPoliciesHoldNoDevelopmentOrigin() {
		assertThat(this.properties.getPolicies()).containsOnlyKeys("public", "api");
		this.properties.getPolicies()
			.forEach((name, policy) -> assertThat(policy.getAllowedOrigins()).as(name)
				.containsExactly("https://app.example.com"));
	}

	@Test
	void demoOriginIsRefusedAndProductionOriginAllowed() throws Exception {
		assertThat(preflight("http://localhost:" + this.port).statusCode()).isEqualTo(403);
		HttpResponse<String> allowed = preflight("https://app.example.com");
		assertThat(allowed.statusCode()).isEqualTo(204);
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
	}

	private HttpResponse<String> preflight(String origin) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/public/echo"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "content-type")
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

}
