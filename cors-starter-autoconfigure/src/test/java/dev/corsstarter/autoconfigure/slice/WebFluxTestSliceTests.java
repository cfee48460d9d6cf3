package dev.corsstarter.autoconfigure.slice;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A {@code @WebFluxTest} slice includes cors-starter: WebTestClient runs the CORS web
 * filter, so a preflight is answered as the application would answer it.
 */
@WebFluxTest(properties = { "cors.policies.api.path-patterns=/api/**",
		"cors.policies.api.allowed-origins=https://app.example.com", "cors.policies.api.allowed-methods=GET,PUT",
		"cors.policies.api.allowed-headers=Content-Type", "cors.policies.api.max-age=10m",
		"spring.security.user.password=unused" })
class WebFluxTestSliceTests {

	@Autowired
	private WebTestClient client;

	@Test
	void preflightIsAnsweredByTheStarter() {
		this.client.method(HttpMethod.OPTIONS)
			.uri("/api/ping")
			.header("Origin", "https://app.example.com")
			.header("Access-Control-Request-Method", "PUT")
			.header("Access-Control-Request-Headers", "content-type")
			.exchange()
			.expectStatus()
			.isNoContent()
			.expectHeader()
			.valueEquals("Access-Control-Allow-Origin", "https://app.example.com")
			.expectHeader()
			.valueEquals("Access-Control-Allow-Methods", "GET, PUT")
			.expectHeader()
			.valueEquals("Access-Control-Allow-Headers", "Content-Type")
			.expectHeader()
			.valueEquals("Access-Control-Max-Age", "600");
	}

	@Test
	void preflightFromAnOriginNotAllowedIsRefused() {
		this.client.method(HttpMethod.OPTIONS)
			.uri("/api/ping")
			.header("Origin", "https://evil.example")
			.header("Access-Control-Request-Method", "PUT")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist("Access-Control-Allow-Origin");
	}

	@SpringBootConfiguration
	@Import(PingController.class)
	static class SliceApplication {

	}

	@RestController
	static class PingController {

		@GetMapping("/api/ping")
		String ping() {
			return "pong";
		}

	}

}
