package dev.corsstarter.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * WebFlux under a base path ({@code spring.webflux.base-path=/ctx}) with the
 * hidden-method filter on and no Spring Security: the base path entered twice,
 * {@code ..;} and path parameters never carry a cross-site request to a handler, and a
 * {@code _method} override must be allowed.
 */
@SpringBootTest(classes = ReactiveContainerPathIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "spring.webflux.base-path=/ctx",
				"spring.webflux.hiddenmethod.filter.enabled=true",
				"spring.autoconfigure.exclude=org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
				"cors.policies.api.path-patterns=/api/**", "cors.policies.api.allowed-origins=https://app.example.com",
				"cors.policies.api.allowed-methods=GET,POST" })
class ReactiveContainerPathIntegrationTests {

	static final AtomicInteger postCalls = new AtomicInteger();

	static final AtomicInteger deleteCalls = new AtomicInteger();

	private static final String APP = "https://app.example.com";

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "/ctx/api/items", "//ctx/api/items", "//ctx//api/items", "/ctx/..;/ctx/api/items",
			"/ctx;x/..;/ctx/api/items", "/ctx/;x/api/items", "/ctx/api;x/items", "/ctx//api/items", "/ctx/./api/items",
			"/ctx/%2e/api/items", "/ctx/other/..;/api/items" })
	void aCrossSitePostNeverReachesTheHandler(String target) throws IOException {
		int before = postCalls.get() + deleteCalls.get();
		WireClient.Head response = WireClient.send(this.port, "POST", target,
				WireClient.form("https://evil.example.org"), "a=1");

		assertThat(postCalls.get() + deleteCalls.get() - before).as("handler invocations for " + target).isZero();
		// Spring's own request observation answers 500 for /ctx;x/..;/ctx/... before any
		// web filter
		// runs: the base path matches the raw text but not whole segments
		assertThat(response.status()).as(target).isIn(400, 403, 404, 500);
		assertThat(response.accessControlHeaderNames()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "DELETE", "delete", "PUT", "PATCH" })
	void aMethodOverrideThePolicyDoesNotAllowIsRefused(String override) throws IOException {
		int before = postCalls.get() + deleteCalls.get();
		WireClient.Head response = WireClient.send(this.port, "POST", "/ctx/api/items", WireClient.form(APP),
				"_method=" + override);

		assertThat(response.status()).isEqualTo(403);
		assertThat(postCalls.get() + deleteCalls.get() - before).as("handler invocations").isZero();
		assertThat(response.accessControlHeaderNames()).isEmpty();
	}

	@Test
	void aFormPostWithoutOverrideIsServed() throws IOException {
		int before = postCalls.get();
		WireClient.Head response = WireClient.send(this.port, "POST", "/ctx/api/items", WireClient.form(APP), "name=x");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.values("Access-Control-Allow-Origin")).containsExactly(APP);
		assertThat(postCalls.get() - before).isOne();
	}

	@Test
	void aSameOriginRequestFromATrailingDotHostPasses() throws IOException {
		int before = postCalls.get();
		WireClient.Head response = WireClient.sendWithHost(this.port, "localhost.:" + this.port, "POST",
				"/ctx/api/items",
				List.of(Map.entry("Origin", "http://localhost.:" + this.port),
						Map.entry("Content-Type", "application/x-www-form-urlencoded"),
						Map.entry("Connection", "close")),
				"name=x");

		assertThat(response.status()).isEqualTo(200);
		assertThat(postCalls.get() - before).isOne();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Items.class)
	static class App {

	}

	@RestController
	static class Items {

		@PostMapping("/api/items")
		String post() {
			postCalls.incrementAndGet();
			return "posted";
		}

		@DeleteMapping("/api/items")
		String delete() {
			deleteCalls.incrementAndGet();
			return "deleted";
		}

	}

}
