package dev.corsstarter.consumer;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A user's own slice test: a plain {@code @WebFluxTest} of a controller, no extra annotation,
 * sees the starter's filter answer CORS as the running application does.
 */
@WebFluxTest(ReactiveConsumerApplication.ApiController.class)
class ReactiveSliceTests {

	@Autowired
	WebTestClient client;

	@Test
	void anAllowedPreflightIsAnsweredByTheStarter() {
		this.client.method(HttpMethod.OPTIONS)
			.uri("/api/private/hello")
			.header("Origin", "https://app.example.com")
			.header("Access-Control-Request-Method", "PUT")
			.header("Access-Control-Request-Headers", "content-type")
			.exchange()
			.expectStatus().isNoContent()
			.expectHeader().valueEquals("Access-Control-Allow-Origin", "https://app.example.com")
			.expectHeader().valueEquals("Access-Control-Allow-Credentials", "true")
			.expectHeader().valueEquals("Access-Control-Max-Age", "600");
	}

	@Test
	void anotherOriginIsRefused() {
		this.client.get()
			.uri("/api/public/hello")
			.header("Origin", "https://evil.example.org")
			.exchange()
			.expectStatus().isForbidden()
			.expectHeader().doesNotExist("Access-Control-Allow-Origin");
	}

}
