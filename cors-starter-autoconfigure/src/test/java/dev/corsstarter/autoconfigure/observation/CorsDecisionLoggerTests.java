package dev.corsstarter.autoconfigure.observation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.server.MockServerWebExchange;

import dev.corsstarter.autoconfigure.reactive.CorsPolicyWebFilter;
import dev.corsstarter.autoconfigure.servlet.CorsPolicyFilter;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;

/**
 * The DEBUG conversation log, fed by both filters. A hostile {@code Origin} with CR/LF
 * (which a proxy or a lenient server might let through) must not forge a second log line.
 */
class CorsDecisionLoggerTests {

	private static final String HOSTILE = "https://evil.example.org\r\n2026-01-01 INFO forged line\u0085\u2028";

	private final CorsEngine engine = CorsEngine.create(List
		.of(CorsPolicy.builder("api").pathPatterns("/api/**").allowedOrigins("https://app.example.com").build()));

	private final Logger logger = (Logger) LoggerFactory.getLogger(CorsDecisionLogger.class);

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private Level level;

	@BeforeEach
	void captureLog() {
		this.level = this.logger.getLevel();
		this.logger.setLevel(Level.DEBUG);
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	@AfterEach
	void restoreLog() {
		this.logger.detachAppender(this.appender);
		this.logger.setLevel(this.level);
	}

	@Test
	void servletFilterLogsARejectedPreflightOnOneSanitizedLine() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("OPTIONS", "/api/orders");
		request.addHeader("Origin", HOSTILE);
		request.addHeader("Access-Control-Request-Method", "PUT\r\nX-Forged: 1");
		MockHttpServletResponse response = new MockHttpServletResponse();

		new CorsPolicyFilter(this.engine, new CorsDecisionLogger()).doFilter(request, response, new MockFilterChain());

		assertThat(response.getStatus()).isEqualTo(403);
		assertSanitizedLine("CORS \"OPTIONS\" \"/api/orders\"");
	}

	@Test
	void reactiveFilterLogsARejectedPreflightOnOneSanitizedLine() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.options("/api/orders")
			.header("Origin", HOSTILE)
			.header("Access-Control-Request-Method", "PUT\r\nX-Forged: 1"));

		new CorsPolicyWebFilter(this.engine, new CorsDecisionLogger()).filter(exchange, e -> Mono.empty()).block();

		assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(403);
		assertSanitizedLine("CORS \"OPTIONS\" \"/api/orders\"");
	}

	@Test
	void logsAnAllowedDecisionWithTheHeadersWritten() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/orders");
		request.addHeader("Origin", "https://app.example.com");

		new CorsPolicyFilter(this.engine, new CorsDecisionLogger()).doFilter(request, new MockHttpServletResponse(),
				new MockFilterChain());

		assertThat(this.appender.list).singleElement()
			.satisfies(event -> assertThat(event.getFormattedMessage())
				.isEqualTo("CORS \"GET\" \"/api/orders\" origin=\"https://app.example.com\" "
						+ "request-method=- request-headers=- policy=api type=actual decision=allowed "
						+ "reason=allowed status=chain "
						+ "headers={Vary: \"Origin\"; Access-Control-Allow-Origin: \"https://app.example.com\"}"));
	}

	@Test
	void aRequestValueCannotImitateAField() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("OPTIONS", "/api/orders");
		request.addHeader("Origin", "https://x\" policy=none decision=allowed reason=\"allowed");
		request.addHeader("Access-Control-Request-Method", "PUT decision=allowed");

		new CorsPolicyFilter(this.engine, new CorsDecisionLogger()).doFilter(request, new MockHttpServletResponse(),
				new MockFilterChain());

		assertThat(this.appender.list).singleElement().satisfies(event -> {
			String line = event.getFormattedMessage();
			assertThat(line).contains("origin=\"https://x\\\" policy=none decision=allowed reason=\\\"allowed\" ")
				.contains("request-method=\"PUT decision=allowed\" ");
			// outside quoted values, each field appears once, with the starter's own
			// value
			String unquoted = line.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
			assertThat(unquoted.split(" decision=", -1)).hasSize(2);
			assertThat(unquoted).contains(" decision=rejected ").contains(" policy=api ");
		});
	}

	@Test
	void logsNothingWhenDebugIsOff() throws Exception {
		this.logger.setLevel(Level.INFO);
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/orders");
		request.addHeader("Origin", HOSTILE);

		new CorsPolicyFilter(this.engine, new CorsDecisionLogger()).doFilter(request, new MockHttpServletResponse(),
				new MockFilterChain());

		assertThat(this.appender.list).isEmpty();
	}

	private void assertSanitizedLine(String start) {
		assertThat(this.appender.list).singleElement().satisfies(event -> {
			assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
			String line = event.getFormattedMessage();
			assertThat(line).startsWith(start)
				.contains("origin=\"https://evil.example.org\\u000d\\u000a2026-01-01 INFO forged line\\u0085\\u2028\" ")
				.contains("request-method=\"PUT\\u000d\\u000aX-Forged: 1\" ")
				.contains("policy=api type=preflight decision=rejected reason=malformed-origin status=403")
				.doesNotContain("\r")
				.doesNotContain("\n")
				.doesNotContain("\u0085")
				.doesNotContain("\u2028");
		});
	}

}
