package dev.corsstarter.autoconfigure.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;

/**
 * The servlet filter on request URIs that Tomcat lets through but Spring's path parser
 * refuses: Tomcat removes path parameters before it decodes, so a malformed escape inside
 * one arrives as is. The filter must decide such a request like any other, never fail it.
 */
class CorsPolicyFilterTests {

	static final String APP = "https://app.example.com";

	static final CorsEngine ENGINE = CorsEngine
		.create(List.of(CorsPolicy.builder("api").pathPatterns("/api/**").allowedOrigins(APP).build()));

	@ParameterizedTest
	@ValueSource(strings = { "/api;x=%zz/orders", "/api/orders;%", "/api/orders;a=%4", "/api;%/orders;b=%g1",
			"/;%/api/orders" })
	void malformedEscapeInAPathParameterIsRejectedFromAForeignOrigin(String uri) throws IOException, ServletException {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
		request.addHeader("Origin", "https://evil.example.org");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		new CorsPolicyFilter(ENGINE, (corsRequest, decision) -> {
		}).doFilter(request, response, chain);

		assertThat(response.getStatus()).isEqualTo(403);
		assertThat(chain.getRequest()).as("chain invoked").isNull();
		assertThat(response.getHeaderNames()).noneMatch(name -> name.startsWith("Access-Control-"));
		assertThat(response.getHeaders("Vary")).containsExactly("Origin");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api;x=%zz/orders", "/api/orders;%" })
	void malformedEscapeInAPathParameterIsAllowedFromAnAllowedOrigin(String uri) throws IOException, ServletException {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
		request.addHeader("Origin", APP);
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		new CorsPolicyFilter(ENGINE, (corsRequest, decision) -> {
		}).doFilter(request, response, chain);

		assertThat(chain.getRequest()).as("chain invoked").isNotNull();
		assertThat(response.getHeader("Access-Control-Allow-Origin")).isEqualTo(APP);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/other;x=%zz/orders", "/other/orders;%" })
	void malformedEscapeInAPathParameterOutsideEveryPolicyIsLeftAlone(String uri) throws IOException, ServletException {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
		request.addHeader("Origin", "https://evil.example.org");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		new CorsPolicyFilter(ENGINE, (corsRequest, decision) -> {
		}).doFilter(request, response, chain);

		assertThat(chain.getRequest()).as("chain invoked").isNotNull();
		assertThat(response.getHeaderNames()).isEmpty();
	}

	/**
	 * {@code X-Forwarded-Prefix: pfx} (no leading slash) makes Spring's
	 * ForwardedHeaderFilter report the context path {@code pfx}, which Spring's path
	 * parser refuses. Found by the hostile-input test: the filter failed every such
	 * request with a 500.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "pfx", "pfx/a", "/pfx;x=%zz" })
	void contextPathSpringRefusesIsDecidedOnThePathWithinTheApplication(String contextPath)
			throws IOException, ServletException {
		MockHttpServletRequest rejected = new MockHttpServletRequest("POST", contextPath + "/api/orders");
		rejected.setContextPath(contextPath);
		rejected.addHeader("Origin", "https://evil.example.org");
		MockHttpServletResponse rejectedResponse = new MockHttpServletResponse();
		MockFilterChain rejectedChain = new MockFilterChain();
		MockHttpServletRequest allowed = new MockHttpServletRequest("GET", contextPath + "/api/orders");
		allowed.setContextPath(contextPath);
		allowed.addHeader("Origin", APP);
		MockHttpServletResponse allowedResponse = new MockHttpServletResponse();
		MockFilterChain allowedChain = new MockFilterChain();
		CorsPolicyFilter filter = new CorsPolicyFilter(ENGINE, (corsRequest, decision) -> {
		});

		filter.doFilter(rejected, rejectedResponse, rejectedChain);
		filter.doFilter(allowed, allowedResponse, allowedChain);

		assertThat(rejectedResponse.getStatus()).isEqualTo(403);
		assertThat(rejectedChain.getRequest()).as("chain invoked").isNull();
		assertThat(allowedChain.getRequest()).as("chain invoked").isNotNull();
		assertThat(allowedResponse.getHeader("Access-Control-Allow-Origin")).isEqualTo(APP);
	}

	/**
	 * A {@code sendError} while the error page renders (Spring Security refusing an
	 * unauthenticated {@code /error}) answers with its status and the decision's headers:
	 * Jetty would otherwise write its own error response after the filter, without
	 * {@code Vary}. Found by the Jetty consumer build: its {@code 401} lost
	 * {@code Vary: Origin}. A {@code sendError} on the request itself still goes to the
	 * container, for the error page.
	 */
	@Test
	void anErrorWhileTheErrorPageRendersKeepsTheDecisionsHeaders() throws IOException, ServletException {
		CorsPolicyFilter filter = new CorsPolicyFilter(ENGINE, (corsRequest, decision) -> {
		});
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/orders");
		request.addHeader("Origin", APP);
		MockHttpServletResponse first = new MockHttpServletResponse();
		filter.doFilter(request, first, (req, res) -> ((HttpServletResponse) res).sendError(401));
		assertThat(first.getStatus()).isEqualTo(401);
		assertThat(first.isCommitted()).as("the request's own error goes to the container").isTrue();

		request.setDispatcherType(DispatcherType.ERROR);
		MockHttpServletResponse error = new MockHttpServletResponse();
		filter.doFilter(request, error, (req, res) -> ((HttpServletResponse) res).sendError(401));

		assertThat(error.getStatus()).isEqualTo(401);
		assertThat(error.isCommitted()).as("answered by the filter's response, not the container").isFalse();
		assertThat(error.getHeader("Access-Control-Allow-Origin")).isEqualTo(APP);
		assertThat(error.getHeaders("Vary")).contains("Origin");
	}

}
