package dev.corsstarter.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.server.PathContainer;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import dev.corsstarter.autoconfigure.servlet.ServletCorsRequest;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.request.CorsRequest;

/**
 * The policy every benchmark compares, written once for cors-starter and once for Spring
 * Framework: credentials, three methods, allowed and exposed headers, a 10-minute max-age
 * on {@code /api/**}, over a given list of origins.
 */
final class BenchmarkPolicy {

	static final String PATH_PATTERN = "/api/**";

	static final String PATH = "/api/orders/42";

	static final String WILDCARD = "https://*.preview.example.com";

	static final List<String> METHODS = List.of("GET", "POST", "PUT");

	static final List<String> HEADERS = List.of("Content-Type", "Authorization", "X-Trace");

	static final List<String> EXPOSED = List.of("X-Request-Id");

	static final Duration MAX_AGE = Duration.ofMinutes(10);

	private BenchmarkPolicy() {
	}

	/**
	 * {@code count} exact origins, or the subdomain wildcard when {@code count} is
	 * {@code wildcard}.
	 */
	static List<String> origins(String count) {
		if (count.equals("wildcard")) {
			return List.of(WILDCARD);
		}
		List<String> origins = new ArrayList<>();
		for (int i = 0; i < Integer.parseInt(count); i++) {
			origins.add("https://app-" + i + ".example.com");
		}
		return origins;
	}

	/**
	 * The origin the benchmark requests: the middle of the exact list (the average case
	 * of a linear scan), or a subdomain two labels under the wildcard.
	 */
	static String requestOrigin(String count) {
		return count.equals("wildcard") ? "https://pr-42.preview.example.com"
				: "https://app-" + (Integer.parseInt(count) / 2) + ".example.com";
	}

	/** The policy as cors-starter states it. */
	static CorsPolicy corsPolicy(List<String> origins) {
		return CorsPolicy.builder("api")
			.pathPatterns(PATH_PATTERN)
			.allowedOrigins(origins)
			.allowedMethods(METHODS)
			.allowedHeaders(HEADERS)
			.exposedHeaders(EXPOSED)
			.allowCredentials(true)
			.maxAge(MAX_AGE)
			.build();
	}

	/**
	 * The same policy as Spring Framework states it: exact origins, or an origin pattern.
	 */
	static UrlBasedCorsConfigurationSource springSource(List<String> origins) {
		CorsConfiguration configuration = new CorsConfiguration();
		if (origins.stream().anyMatch(origin -> origin.contains("*"))) {
			configuration.setAllowedOriginPatterns(origins);
		}
		else {
			configuration.setAllowedOrigins(origins);
		}
		configuration.setAllowedMethods(METHODS);
		configuration.setAllowedHeaders(HEADERS);
		configuration.setExposedHeaders(EXPOSED);
		configuration.setAllowCredentials(true);
		configuration.setMaxAge(MAX_AGE);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration(PATH_PATTERN, configuration);
		return source;
	}

	/**
	 * A preflight for {@code PUT} with two headers, or an actual {@code GET}, from
	 * {@code origin}.
	 */
	static MockHttpServletRequest servletRequest(boolean preflight, String origin) {
		MockHttpServletRequest request = new MockHttpServletRequest(preflight ? "OPTIONS" : "GET", PATH);
		request.setScheme("https");
		request.setServerName("api.example.com");
		request.setServerPort(443);
		request.addHeader("Origin", origin);
		if (preflight) {
			request.addHeader("Access-Control-Request-Method", "PUT");
			request.addHeader("Access-Control-Request-Headers", "content-type, x-trace");
		}
		return request;
	}

	/** A request whose facts are read once, so only the engine's own work is measured. */
	record PreparedRequest(String method, PathContainer path, String origin, String requestMethod,
			String requestHeaders, String scheme, String host, int port) implements CorsRequest {

		static PreparedRequest of(MockHttpServletRequest request) {
			ServletCorsRequest source = new ServletCorsRequest(request);
			return new PreparedRequest(source.method(), source.path(), source.header("Origin"),
					source.header("Access-Control-Request-Method"), source.header("Access-Control-Request-Headers"),
					source.scheme(), source.host(), source.port());
		}

		@Override
		public String header(String name) {
			return switch (name) {
				case "Origin" -> this.origin;
				case "Access-Control-Request-Method" -> this.requestMethod;
				case "Access-Control-Request-Headers" -> this.requestHeaders;
				default -> null;
			};
		}

		@Override
		public String fieldValue(String name) {
			return header(name); // each header occurs once
		}

	}

}
