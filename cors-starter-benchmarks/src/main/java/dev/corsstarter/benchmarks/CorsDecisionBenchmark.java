package dev.corsstarter.benchmarks;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

import dev.corsstarter.autoconfigure.servlet.CorsPolicyFilter;
import dev.corsstarter.core.decision.CorsEngine;

/**
 * The same policy decided by cors-starter's servlet filter and by Spring Framework's
 * {@link CorsFilter} with {@code DefaultCorsProcessor}, over identical mock requests. A
 * pass-through filter is the baseline: it costs only the mock response and chain.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CorsDecisionBenchmark {

	@Param({ "preflight", "actual", "rejected" })
	public String request;

	private MockHttpServletRequest servletRequest;

	private CorsPolicyFilter starterFilter;

	private CorsFilter springFilter;

	@Setup
	public void setUp() throws ServletException {
		CorsEngine engine = CorsEngine.create(List.of(BenchmarkPolicy.corsPolicy()));
		this.starterFilter = new CorsPolicyFilter(engine, (request, decision) -> {
		});
		UrlBasedCorsConfigurationSource source = BenchmarkPolicy.springSource();
		this.springFilter = new CorsFilter(source);
		this.springFilter.afterPropertiesSet();

		this.servletRequest = switch (this.request) {
			case "preflight" -> request("OPTIONS", "https://pr-42.preview.example.com", "PUT", "content-type, x-trace");
			case "actual" -> request("GET", "https://app.example.com", null, null);
			default -> request("GET", "https://evil.example.org", null, null);
		};
	}

	private static MockHttpServletRequest request(String method, String origin, String requestMethod,
			String requestHeaders) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/orders/42");
		request.setScheme("https");
		request.setServerName("api.example.com");
		request.setServerPort(443);
		request.addHeader("Origin", origin);
		if (requestMethod != null) {
			request.addHeader("Access-Control-Request-Method", requestMethod);
		}
		if (requestHeaders != null) {
			request.addHeader("Access-Control-Request-Headers", requestHeaders);
		}
		return request;
	}

	@Benchmark
	public MockHttpServletResponse baseline() throws IOException, ServletException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		FilterChain chain = new MockFilterChain();
		chain.doFilter(this.servletRequest, response);
		return response;
	}

	@Benchmark
	public MockHttpServletResponse corsStarter() throws IOException, ServletException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.servletRequest.removeAttribute(CorsPolicyFilter.DECISION_ATTRIBUTE);
		this.starterFilter.doFilter(this.servletRequest, response, new MockFilterChain());
		return response;
	}

	@Benchmark
	public MockHttpServletResponse springCorsFilter() throws IOException, ServletException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.springFilter.doFilter(this.servletRequest, response, new MockFilterChain());
		return response;
	}

}
