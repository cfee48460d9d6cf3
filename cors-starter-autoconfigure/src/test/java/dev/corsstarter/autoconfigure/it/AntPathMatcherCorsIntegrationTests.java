package dev.corsstarter.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring MVC with {@code spring.mvc.pathmatch.matching-strategy=ant_path_matcher} and
 * without Spring Security's firewall serves {@code //api/x} and {@code /;/api/x} as
 * {@code /api/x}: the policy of the path the handler serves must decide them, so a
 * cross-site request from a foreign origin never reaches the controller and a nested
 * policy is not bypassed through an empty segment.
 */
@SpringBootTest(classes = AntPathMatcherCorsIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet",
				"spring.mvc.pathmatch.matching-strategy=ant_path_matcher",
				"spring.autoconfigure.exclude=org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
				"cors.policies.api.path-patterns=/api/**", "cors.policies.api.allowed-origins=https://app.example.com",
				"cors.policies.admin.path-patterns=/api/admin/**",
				"cors.policies.admin.allowed-origins=https://admin.example.com" })
class AntPathMatcherCorsIntegrationTests {

	@LocalServerPort
	int port;

	@ParameterizedTest
	@ValueSource(strings = { "/api/hello", "//api/hello", "/;/api/hello", "/;x=1/api/hello", "/api//admin/users",
			"/api/;/admin/users" })
	void aCrossSitePostNeverReachesTheController(String path) throws IOException {
		int before = CorsTestApplication.calls.get();
		RawHttpClient.Response response = RawHttpClient.send(this.port, "POST", path,
				List.of(Map.entry("Origin", "https://evil.example.org"),
						Map.entry("Content-Type", "application/x-www-form-urlencoded")));

		assertThat(response.status()).isEqualTo(403);
		assertThat(CorsTestApplication.calls.get() - before).as("controller invocations").isZero();
		assertThat(response.accessControlHeaderNames()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api//admin/users", "/api/;/admin/users", "//api/admin/users" })
	void anEmptySegmentDoesNotTradeTheAdminPolicyForTheApiOne(String path) throws IOException {
		int before = CorsTestApplication.calls.get();
		RawHttpClient.Response response = RawHttpClient.send(this.port, "GET", path,
				List.of(Map.entry("Origin", "https://app.example.com")));

		assertThat(response.status()).isEqualTo(403);
		assertThat(response.values("Access-Control-Allow-Origin")).isEmpty();
		assertThat(CorsTestApplication.calls.get() - before).as("controller invocations").isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/hello", "//api/hello", "/;/api/hello" })
	void theAllowedOriginIsServedWithItsHeaders(String path) throws IOException {
		int before = CorsTestApplication.calls.get();
		RawHttpClient.Response response = RawHttpClient.send(this.port, "GET", path,
				List.of(Map.entry("Origin", "https://app.example.com")));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.values("Access-Control-Allow-Origin")).containsExactly("https://app.example.com");
		assertThat(CorsTestApplication.calls.get() - before).as("controller invocations").isOne();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Controller.class)
	static class App {

	}

	@RestController
	static class Controller {

		@GetMapping({ "/api/hello", "/api/admin/users" })
		String get() {
			CorsTestApplication.calls.incrementAndGet();
			return "hello";
		}

		@PostMapping({ "/api/hello", "/api/admin/users" })
		String post() {
			CorsTestApplication.calls.incrementAndGet();
			return "posted";
		}

	}

}
