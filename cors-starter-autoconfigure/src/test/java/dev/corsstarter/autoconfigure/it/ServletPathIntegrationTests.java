package dev.corsstarter.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring MVC under a servlet path ({@code spring.mvc.servlet.path=/app}): controllers are
 * mapped as {@code /api/items} and served at {@code /app/api/items}. A pattern written
 * like the controller mappings ({@code /api/**}) and one written as the full path within
 * the application ({@code /app/admin/**}) both decide the requests they cover.
 */
@SpringBootTest(classes = ServletPathIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "spring.mvc.servlet.path=/app",
				"spring.autoconfigure.exclude=org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
				"cors.policies.api.path-patterns=/api/**", "cors.policies.api.allowed-origins=https://app.example.com",
				"cors.policies.admin.path-patterns=/app/admin/**",
				"cors.policies.admin.allowed-origins=https://admin.example.com" })
class ServletPathIntegrationTests {

	static final AtomicInteger calls = new AtomicInteger();

	@LocalServerPort
	int port;

	@Autowired
	WebServerApplicationContext context;

	/** The servlet container this class runs on, as its web server class names it. */
	String expectedServer() {
		return "Tomcat";
	}

	@Test
	void runsOnTheExpectedServer() {
		assertThat(this.context.getWebServer().getClass().getSimpleName()).startsWith(expectedServer());
	}

	@ParameterizedTest
	@ValueSource(strings = { "/app/api/items", "/app//api/items", "/app/admin/users", "//app/api/items",
			"/app/x/..;/api/items", "/app;x/api/items" })
	void aCrossSitePostNeverReachesTheController(String target) throws IOException {
		int before = calls.get();
		WireClient.Head response = WireClient.send(this.port, "POST", target,
				WireClient.form("https://evil.example.org"), "a=1");

		assertThat(calls.get() - before).as("controller invocations for " + target).isZero();
		assertThat(response.status()).as(target).isIn(400, 403, 404);
		assertThat(response.accessControlHeaderNames()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "/app/api/items, https://app.example.com", "/app/admin/users, https://admin.example.com" })
	void eachPolicyServesItsOrigin(String target, String origin) throws IOException {
		int before = calls.get();
		WireClient.Head response = WireClient.send(this.port, "POST", target, WireClient.form(origin), "a=1");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.values("Access-Control-Allow-Origin")).containsExactly(origin);
		assertThat(calls.get() - before).isOne();
	}

	@ParameterizedTest
	@CsvSource({ "/app/api/items, https://admin.example.com", "/app/admin/users, https://app.example.com" })
	void onePolicysOriginIsRefusedByTheOther(String target, String origin) throws IOException {
		int before = calls.get();
		WireClient.Head response = WireClient.send(this.port, "POST", target, WireClient.form(origin), "a=1");

		assertThat(response.status()).isEqualTo(403);
		assertThat(calls.get() - before).isZero();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Controller.class)
	static class App {

	}

	@RestController
	static class Controller {

		@PostMapping({ "/api/items", "/admin/users" })
		String post() {
			calls.incrementAndGet();
			return "posted";
		}

	}

}
