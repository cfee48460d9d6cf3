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

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

import dev.corsstarter.autoconfigure.servlet.CorsPolicyFilter;
import dev.corsstarter.autoconfigure.servlet.ServletCorsRequest;
import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.decision.CorsEngine;

/**
 * The same policy decided by cors-starter and by Spring Framework's CORS support, over
 * identical mock requests, at 1 to 1,000 exact origins and for a subdomain wildcard.
 * <ul>
 * <li>{@code starterDecision} / {@code springDecision}: from a servlet request to a
 * decision, nothing written. cors-starter: {@link CorsEngine#evaluate}; Spring: the
 * configuration lookup of {@link UrlBasedCorsConfigurationSource} and the checks
 * {@code DefaultCorsProcessor} makes ({@link CorsUtils}, {@code checkOrigin},
 * {@code checkHttpMethod}, {@code checkHeaders}).</li>
 * <li>{@code starterEngine}: the engine alone on a request whose path is already parsed,
 * to show what the decision itself allocates (only the decision it returns).</li>
 * <li>{@code starterFilter} / {@code springFilter}: whole filters writing their headers
 * to a mock response; {@code baseline} is a pass-through filter costing only the mock
 * response and chain.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CorsDecisionBenchmark {

	/**
	 * How many exact origins the policy lists, or {@code wildcard} for one subdomain
	 * wildcard.
	 */
	@Param({ "1", "10", "100", "1000", "wildcard" })
	public String origins;

	@Param({ "preflight", "actual" })
	public String request;

	private MockHttpServletRequest servletRequest;

	private BenchmarkPolicy.PreparedRequest preparedRequest;

	private CorsEngine engine;

	private UrlBasedCorsConfigurationSource springSource;

	private CorsPolicyFilter starterFilter;

	private CorsFilter springFilter;

	@Setup
	public void setUp() throws ServletException {
		List<String> allowed = BenchmarkPolicy.origins(this.origins);
		this.engine = CorsEngine.create(List.of(BenchmarkPolicy.corsPolicy(allowed)));
		this.starterFilter = new CorsPolicyFilter(this.engine, (request, decision) -> {
		});
		this.springSource = BenchmarkPolicy.springSource(allowed);
		this.springFilter = new CorsFilter(this.springSource);
		this.springFilter.afterPropertiesSet();
		String origin = BenchmarkPolicy.requestOrigin(this.origins);
		boolean preflight = this.request.equals("preflight");
		this.servletRequest = BenchmarkPolicy.servletRequest(preflight, origin);
		this.preparedRequest = BenchmarkPolicy.PreparedRequest.of(this.servletRequest);
		CorsDecision starter = this.engine.evaluate(new ServletCorsRequest(this.servletRequest));
		if (!starter.isAllowed() || springDecision() == null) {
			throw new IllegalStateException("both sides must allow the benchmark request: " + starter);
		}
	}

	@Benchmark
	public CorsDecision starterDecision() {
		return this.engine.evaluate(new ServletCorsRequest(this.servletRequest));
	}

	@Benchmark
	public Object springDecision() {
		MockHttpServletRequest request = this.servletRequest;
		CorsConfiguration config = this.springSource.getCorsConfiguration(request);
		if (config == null || !CorsUtils.isCorsRequest(request)) {
			return null;
		}
		boolean preflight = CorsUtils.isPreFlightRequest(request);
		HttpHeaders headers = new ServletServerHttpRequest(request).getHeaders();
		String allowOrigin = config.checkOrigin(headers.getOrigin());
		if (allowOrigin == null) {
			return null;
		}
		HttpMethod method = preflight ? headers.getAccessControlRequestMethod()
				: HttpMethod.valueOf(request.getMethod());
		List<HttpMethod> allowMethods = config.checkHttpMethod(method);
		if (allowMethods == null) {
			return null;
		}
		List<String> requested = preflight ? headers.getAccessControlRequestHeaders() : List.of();
		List<String> allowHeaders = config.checkHeaders(requested);
		return (preflight && allowHeaders == null) ? null : allowOrigin;
	}

	@Benchmark
	public CorsDecision starterEngine() {
		return this.engine.evaluate(this.preparedRequest);
	}

	@Benchmark
	public MockHttpServletResponse baseline() throws IOException, ServletException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		FilterChain chain = new MockFilterChain();
		chain.doFilter(this.servletRequest, response);
		return response;
	}

	@Benchmark
	public MockHttpServletResponse starterFilter() throws IOException, ServletException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.servletRequest.removeAttribute(CorsPolicyFilter.DECISION_ATTRIBUTE);
		this.starterFilter.doFilter(this.servletRequest, response, new MockFilterChain());
		return response;
	}

	@Benchmark
	public MockHttpServletResponse springFilter() throws IOException, ServletException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.springFilter.doFilter(this.servletRequest, response, new MockFilterChain());
		return response;
	}

}
