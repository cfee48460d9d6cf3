package dev.corsstarter.core.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The map-backed request must behave like a real one, or the decision tests and dry runs
 * prove nothing.
 */
class MapCorsRequestTest {

	@Test
	void headerNamesAreCaseInsensitiveAndValuesKeepTheirOrder() {
		MapCorsRequest request = MapCorsRequest.get("/api/x")
			.header("origin", "https://a.example")
			.header("ORIGIN", "https://b.example")
			.header("Access-Control-Request-Headers", "x-one", "x-two")
			.build();

		assertThat(request.header("Origin")).isEqualTo("https://a.example");
		assertThat(request.headerValues("oRiGiN").size()).isEqualTo(2);
		assertThat(request.headerValues("Origin")).containsExactly("https://a.example", "https://b.example");
		assertThat(request.headerValues("access-control-request-headers")).containsExactly("x-one", "x-two");
		assertThat(request.fieldValue("origin")).isEqualTo("https://a.example,https://b.example");
		assertThat(request.fieldValue("Access-Control-Request-Headers")).isEqualTo("x-one,x-two");
		assertThat(request.headers().keySet()).containsExactly("origin", "Access-Control-Request-Headers");
		assertThat(request.header("Sec-Fetch-Site")).isNull();
		assertThat(request.fieldValue("Sec-Fetch-Site")).isNull();
		assertThat(request.headerValues("Sec-Fetch-Site").size()).isZero();
		assertThat(request.headerValues("Sec-Fetch-Site")).isEmpty();
	}

	@Test
	void toBuilderKeepsEverythingAndSetHeaderReplaces() {
		MapCorsRequest request = MapCorsRequest.preflight("/api/x", "https://app.example.com", "PUT")
			.requestHeaders("x-one, x-two")
			.server("https", "api.example.com", 8443)
			.routedPath("/x")
			.methodOverride("DELETE")
			.build();

		MapCorsRequest changed = request.toBuilder().setHeader("access-control-request-headers", "x-two").build();

		assertThat(changed.headerValues("Access-Control-Request-Headers")).containsExactly("x-two");
		assertThat(changed.headerValues("Origin")).containsExactly("https://app.example.com");
		assertThat(changed.method()).isEqualTo("OPTIONS");
		assertThat(changed.rawPath()).isEqualTo("/api/x");
		assertThat(changed.port()).isEqualTo(8443);
		assertThat(changed.routedPaths()).isEqualTo(request.routedPaths());
		assertThat(changed.methodOverride()).isEqualTo("DELETE");
	}

	@Test
	void pathIsParsedAsSpringParsesIt() {
		MapCorsRequest request = MapCorsRequest.get("/api/orders/42").build();

		assertThat(request.path().value()).isEqualTo("/api/orders/42");
		assertThat(request.path().elements()).hasSize(6);
	}

	@Test
	void defaultsAndServerCanBeSet() {
		MapCorsRequest defaults = MapCorsRequest.builder().build();
		assertThat(defaults.method()).isEqualTo("GET");
		assertThat(defaults.rawPath()).isEqualTo("/");
		// no origin of its own: any Origin is cross-origin
		assertThat(defaults.scheme()).isNull();
		assertThat(defaults.host()).isNull();
		assertThat(defaults.port()).isEqualTo(-1);

		MapCorsRequest preflight = MapCorsRequest.preflight("/api/x", "https://app.example.com", "PUT")
			.server("http", "localhost", 8080)
			.build();
		assertThat(preflight.method()).isEqualTo("OPTIONS");
		assertThat(preflight.header("Access-Control-Request-Method")).isEqualTo("PUT");
		assertThat(preflight.scheme()).isEqualTo("http");
		assertThat(preflight.host()).isEqualTo("localhost");
		assertThat(preflight.port()).isEqualTo(8080);
	}

}
