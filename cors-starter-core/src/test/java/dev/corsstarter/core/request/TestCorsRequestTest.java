package dev.corsstarter.core.request;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The test request must behave like a real one, or the decision tests prove nothing. */
class TestCorsRequestTest {

	@Test
	void headerNamesAreCaseInsensitiveAndValuesKeepTheirOrder() {
		TestCorsRequest request = TestCorsRequest.get("/api/x")
			.header("origin", "https://a.example")
			.header("ORIGIN", "https://b.example")
			.header("Access-Control-Request-Headers", "x-one", "x-two")
			.build();

		assertThat(request.header("Origin")).isEqualTo("https://a.example");
		assertThat(request.headerCount("oRiGiN")).isEqualTo(2);
		assertThat(request.headerValues("Origin")).containsExactly("https://a.example", "https://b.example");
		assertThat(request.headerValues("access-control-request-headers")).containsExactly("x-one", "x-two");
		assertThat(request.header("Sec-Fetch-Site")).isNull();
		assertThat(request.headerCount("Sec-Fetch-Site")).isZero();
		assertThat(request.headerValues("Sec-Fetch-Site")).isEmpty();
	}

	@Test
	void pathIsParsedAsSpringParsesIt() {
		TestCorsRequest request = TestCorsRequest.get("/api/orders/42").build();

		assertThat(request.path().value()).isEqualTo("/api/orders/42");
		assertThat(request.path().elements()).hasSize(6);
	}

	@Test
	void defaultsAndServerCanBeSet() {
		TestCorsRequest defaults = TestCorsRequest.builder().build();
		assertThat(defaults.method()).isEqualTo("GET");
		assertThat(defaults.scheme()).isEqualTo("https");
		assertThat(defaults.host()).isEqualTo("api.example.com");
		assertThat(defaults.port()).isEqualTo(-1);

		TestCorsRequest preflight = TestCorsRequest.preflight("/api/x", "https://app.example.com", "PUT")
			.server("http", "localhost", 8080)
			.build();
		assertThat(preflight.method()).isEqualTo("OPTIONS");
		assertThat(preflight.header("Access-Control-Request-Method")).isEqualTo("PUT");
		assertThat(preflight.scheme()).isEqualTo("http");
		assertThat(preflight.host()).isEqualTo("localhost");
		assertThat(preflight.port()).isEqualTo(8080);
	}

}
