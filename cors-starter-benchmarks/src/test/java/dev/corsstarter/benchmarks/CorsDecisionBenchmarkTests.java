package dev.corsstarter.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.mock.web.MockHttpServletResponse;

import dev.corsstarter.core.decision.CorsDecision;

/**
 * The smoke run of the benchmark, part of {@code ./mvnw verify}: for every parameter set,
 * both sides do the same work once and agree, so the timings compare like with like. No
 * timing here.
 */
class CorsDecisionBenchmarkTests {

	@ParameterizedTest(name = "{0} origins, {1}")
	@CsvSource({ "1, preflight", "1, actual", "10, preflight", "100, actual", "1000, preflight", "1000, actual",
			"wildcard, preflight", "wildcard, actual" })
	void bothSidesAllowTheRequestAndWriteTheSameHeaders(String origins, String request) throws Exception {
		CorsDecisionBenchmark benchmark = new CorsDecisionBenchmark();
		benchmark.origins = origins;
		benchmark.request = request;
		benchmark.setUp();
		String origin = BenchmarkPolicy.requestOrigin(origins);

		CorsDecision decision = benchmark.starterDecision();
		assertThat(decision.isAllowed()).isTrue();
		assertThat(benchmark.starterEngine().responseHeaders()).isEqualTo(decision.responseHeaders());
		assertThat(benchmark.springDecision()).isEqualTo(origin);

		MockHttpServletResponse starter = benchmark.starterFilter();
		MockHttpServletResponse spring = benchmark.springFilter();
		boolean preflight = request.equals("preflight");
		assertThat(starter.getStatus()).isEqualTo(preflight ? 204 : 200);
		assertThat(spring.getStatus()).isEqualTo(200);
		for (String name : new String[] { "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials",
				"Access-Control-Max-Age" }) {
			assertThat(starter.getHeader(name)).as(name).isEqualTo(spring.getHeader(name));
		}
		assertThat(starter.getHeader("Access-Control-Allow-Origin")).isEqualTo(origin);
		if (preflight) {
			assertThat(starter.getHeader("Access-Control-Allow-Methods")).isEqualTo("GET, POST, PUT");
			assertThat(spring.getHeader("Access-Control-Allow-Methods")).isEqualTo("GET,POST,PUT");
		}
		else {
			assertThat(starter.getHeader("Access-Control-Expose-Headers"))
				.isEqualTo(spring.getHeader("Access-Control-Expose-Headers"));
		}
		assertThat(benchmark.baseline().getStatus()).isEqualTo(200);
	}

}
