package dev.corsstarter.benchmarks;

import java.time.Duration;
import java.util.List;

import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import dev.corsstarter.core.policy.CorsPolicy;

/**
 * The one policy every benchmark compares, written once for cors-starter and once for Spring
 * Framework: three origins including a subdomain wildcard, credentials, allowed and exposed
 * headers, on {@code /api/**}. The load-test application's YAML states the same policy.
 */
final class BenchmarkPolicy {

	static final String PATH_PATTERN = "/api/**";

	static final List<String> ORIGINS = List.of("https://app.example.com", "https://admin.example.com",
			"https://*.preview.example.com");

	static final List<String> METHODS = List.of("GET", "POST", "PUT");

	static final List<String> HEADERS = List.of("Content-Type", "Authorization", "X-Trace");

	static final List<String> EXPOSED = List.of("X-Request-Id");

	static final Duration MAX_AGE = Duration.ofMinutes(10);

	private BenchmarkPolicy() {
	}

	/** The policy as cors-starter states it. */
	static CorsPolicy corsPolicy() {
		return CorsPolicy.builder("api")
			.pathPatterns(PATH_PATTERN)
			.allowedOrigins(ORIGINS)
			.allowedMethods(METHODS)
			.allowedHeaders(HEADERS)
			.exposedHeaders(EXPOSED)
			.allowCredentials(true)
			.maxAge(MAX_AGE)
			.build();
	}

	/** The same policy as Spring Framework states it. */
	static UrlBasedCorsConfigurationSource springSource() {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOriginPatterns(ORIGINS);
		configuration.setAllowedMethods(METHODS);
		configuration.setAllowedHeaders(HEADERS);
		configuration.setExposedHeaders(EXPOSED);
		configuration.setAllowCredentials(true);
		configuration.setMaxAge(MAX_AGE);
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration(PATH_PATTERN, configuration);
		return source;
	}

}
