package dev.corsstarter.core.internal;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.validation.InvalidCorsConfigurationException;
import dev.corsstarter.core.validation.ValidationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Compiling parses each configured origin, {@code cors.dev-origins} entries included,
 * exactly once: validation and the compiled engine share the parsed values. Counted by
 * {@link OriginPattern#parse} itself, so a parse anywhere would show.
 */
class OriginParsedOnceTest {

	@Test
	void eachOriginIsParsedOnce() {
		List<CorsPolicy> policies = List.of(
				CorsPolicy.builder("api")
					.pathPatterns("/api/**")
					.allowedOrigins("https://app.example.com", "https://*.preview.example.com", "http://localhost:*")
					.build(),
				CorsPolicy.builder("public").pathPatterns("/api/public/**").allowedOrigins("*", "null").build());
		ValidationContext context = new ValidationContext(false,
				List.of("https://*.dev.example.com", "http://[::1]:*"));

		long before = OriginPatternParser.parseCount();
		CorsEngine.compile(policies, context);

		assertThat(OriginPatternParser.parseCount() - before).isEqualTo(5 + 2);
	}

	@Test
	void eachOriginIsParsedOnceWhenTheConfigurationIsRefused() {
		List<CorsPolicy> policies = List.of(CorsPolicy.builder("api")
			.pathPatterns("/api/**")
			.allowedOrigins("https://app.example.com/", "HTTPS://App.example.com:443/app", "https://*.com", "null")
			.allowCredentials(true)
			.build());
		ValidationContext context = new ValidationContext(true, List.of("localhost:3000", "*"));

		long before = OriginPatternParser.parseCount();
		assertThat(catchThrowableOfType(InvalidCorsConfigurationException.class,
				() -> CorsEngine.compile(policies, context))
			.getViolations()).hasSize(6);

		assertThat(OriginPatternParser.parseCount() - before).isEqualTo(4 + 2);
	}

}
