package dev.corsstarter.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.socket.server.standard.ServerEndpointExporter;

/**
 * Paths the servlet container routes itself. With a context path, a servlet registered
 * beside Spring MVC and a JSR-356 endpoint, Tomcat resolves {@code //ctx/...},
 * {@code ..;} and path parameters before it picks the handler, so each such request must
 * meet the policy of the path it reaches, and never reach its handler from a disallowed
 * origin. The application honours {@code _method} (Spring's hidden-method filter), so the
 * overriding method is decided too. No Spring Security: nothing else stands between the
 * request and the handler.
 */
@SpringBootTest(classes = ServletContainerPathIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "server.servlet.context-path=/ctx",
				"spring.mvc.hiddenmethod.filter.enabled=true",
				"spring.autoconfigure.exclude=org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
				"cors.policies.api.path-patterns=/api/**", "cors.policies.api.allowed-origins=https://app.example.com",
				"cors.policies.api.allowed-methods=GET,POST" })
class ServletContainerPathIntegrationTests {

	static final AtomicInteger legacyCalls = new AtomicInteger();

	static final AtomicInteger socketOpens = new AtomicInteger();

	static final AtomicInteger postCalls = new AtomicInteger();

	static final AtomicInteger deleteCalls = new AtomicInteger();

	private static final String EVIL = "https://evil.example.org";

	private static final String APP = "https://app.example.com";

	@LocalServerPort
	int port;

	@Autowired
	WebServerApplicationContext context;

	/**
	 * Request targets the container answers {@code 400} itself, before any filter runs,
	 * as ambiguous: none on Tomcat, which resolves them and routes the result.
	 */
	Set<String> ambiguousToTheContainer() {
		return Set.of();
	}

	/**
	 * What the starter answers a cross-site request on a target, or the container's own
	 * 400.
	 */
	private int refusalStatus(String target) {
		return ambiguousToTheContainer().contains(target) ? 400 : 403;
	}

	/** The servlet container this class runs on, as its web server class names it. */
	String expectedServer() {
		return "Tomcat";
	}

	@Test
	void runsOnTheExpectedServer() {
		assertThat(this.context.getWebServer().getClass().getSimpleName()).startsWith(expectedServer());
	}

	@ParameterizedTest
	@ValueSource(strings = { "/ctx/api/legacy/x", "//ctx/api/legacy/x", "//ctx//api/legacy/x",
			"/ctx/..;/ctx/api/legacy/x", "/ctx;x/..;/ctx/api/legacy/x", "/ctx/;x/api/legacy/x", "/ctx/api;x/legacy/x",
			"/ctx/./api/legacy/x", "/ctx/api/legacy;x=1/x", "/ctx/api//legacy/x", "///ctx/api/legacy/x",
			"/ctx/%2e/api/legacy/x", "/ctx/other/..;/api/legacy/x" })
	void aCrossSitePostNeverReachesAServletTheContainerRoutes(String target) throws IOException {
		int before = legacyCalls.get();
		WireClient.Head response = WireClient.send(this.port, "POST", target, WireClient.form(EVIL), "a=1");

		assertThat(legacyCalls.get() - before).as("servlet invocations for " + target).isZero();
		assertThat(response.status()).as(target).isIn(400, 403, 404);
		assertThat(response.accessControlHeaderNames()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "//ctx/api/legacy/x", "//ctx//api/legacy/x", "/ctx/..;/ctx/api/legacy/x",
			"/ctx;x/..;/ctx/api/legacy/x" })
	void theStarterItselfRefusesEachReEntryWith403(String target) throws IOException {
		int before = legacyCalls.get();
		WireClient.Head response = WireClient.send(this.port, "POST", target, WireClient.form(EVIL), "a=1");
		String socketTarget = target.replace("legacy/x", "ws");
		WireClient.Head handshake = WireClient.send(this.port, "GET", socketTarget, upgrade(EVIL), null);

		assertThat(response.status()).as(target).isEqualTo(refusalStatus(target));
		assertThat(handshake.status()).as("WebSocket handshake on " + target).isEqualTo(refusalStatus(socketTarget));
		assertThat(legacyCalls.get() - before).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/ctx/api/legacy/x", "//ctx/api/legacy/x", "/ctx/..;/ctx/api/legacy/x" })
	void theAllowedOriginReachesTheServletWithItsHeaders(String target) throws IOException {
		int before = legacyCalls.get();
		WireClient.Head response = WireClient.send(this.port, "POST", target, WireClient.form(APP), "a=1");

		if (ambiguousToTheContainer().contains(target)) {
			// refused for every origin by the container itself: nothing to decide
			assertThat(response.status()).as(target).isEqualTo(400);
			assertThat(legacyCalls.get() - before).isZero();
			return;
		}
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.values("Access-Control-Allow-Origin")).containsExactly(APP);
		assertThat(legacyCalls.get() - before).isOne();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/ctx/api/ws", "//ctx/api/ws", "//ctx//api/ws", "/ctx/..;/ctx/api/ws",
			"/ctx;x/..;/ctx/api/ws" })
	void aCrossSiteWebSocketHandshakeIsRefused(String target) throws IOException {
		int before = socketOpens.get();
		WireClient.Head response = WireClient.send(this.port, "GET", target, upgrade(EVIL), null);

		assertThat(response.status()).as(target).isNotEqualTo(101).isIn(400, 403, 404);
		assertThat(socketOpens.get() - before).isZero();
	}

	@Test
	void theAllowedOriginOpensTheWebSocket() throws IOException {
		WireClient.Head response = WireClient.send(this.port, "GET", "/ctx/api/ws", upgrade(APP), null);

		assertThat(response.status()).isEqualTo(101);
	}

	@ParameterizedTest
	@ValueSource(strings = { "DELETE", "delete", "PUT", "PATCH" })
	void aMethodOverrideThePolicyDoesNotAllowIsRefused(String override) throws IOException {
		int before = deleteCalls.get() + postCalls.get();
		WireClient.Head response = WireClient.send(this.port, "POST", "/ctx/api/items", WireClient.form(APP),
				"_method=" + override);

		assertThat(response.status()).isEqualTo(403);
		assertThat(deleteCalls.get() + postCalls.get() - before).as("handler invocations").isZero();
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
		List<Map.Entry<String, String>> headers = new ArrayList<>();
		headers.add(Map.entry("Origin", "http://localhost.:" + this.port));
		headers.add(Map.entry("Content-Type", "application/x-www-form-urlencoded"));
		WireClient.Head response = WireClient.sendWithHost(this.port, "localhost.:" + this.port, "POST",
				"/ctx/api/items", headers, "name=x");

		assertThat(response.status()).isEqualTo(200);
		assertThat(postCalls.get() - before).isOne();
	}

	private static List<Map.Entry<String, String>> upgrade(String origin) {
		return List.of(Map.entry("Origin", origin), Map.entry("Upgrade", "websocket"),
				Map.entry("Connection", "Upgrade"), Map.entry("Sec-WebSocket-Version", "13"),
				Map.entry("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ Items.class, Socket.class })
	static class App {

		@Bean
		ServletRegistrationBean<HttpServlet> legacyServlet() {
			return new ServletRegistrationBean<>(new HttpServlet() {

				@Override
				protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
					legacyCalls.incrementAndGet();
					resp.setContentType("text/plain");
					resp.getWriter().write("legacy");
				}

			}, "/api/legacy/*");
		}

		@Bean
		ServerEndpointExporter serverEndpointExporter() {
			return new ServerEndpointExporter();
		}

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

	@ServerEndpoint("/api/ws")
	public static class Socket {

		@OnOpen
		public void open(Session session) {
			socketOpens.incrementAndGet();
		}

	}

}
