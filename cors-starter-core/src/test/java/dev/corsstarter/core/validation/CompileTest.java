package dev.corsstarter.core.validation;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.internal.validation.CorsPolicyValidator;
import dev.corsstarter.core.policy.CorsPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link CorsEngine#compile}: one pass that parses each value once, reports every
 * violation or yields an engine carrying its warnings, its context and a content
 * fingerprint.
 */
class CompileTest {

	private static final CorsPolicy API = CorsPolicy.builder("api")
		.pathPatterns("/api/**", "/graphql")
		.allowedOrigins("https://app.example.com", "https://*.preview.example.com")
		.allowedMethods("GET", "POST", "PUT")
		.allowedHeaders("Content-Type", "Authorization")
		.allowCredentials(true)
		.maxAge(Duration.ofHours(3))
		.build();

	private static final CorsPolicy PUBLIC = CorsPolicy.builder("public")
		.pathPatterns("/api/public/**", "/files/{name}", "/docs/{*path}")
		.allowedOrigins("*")
		.build();

	@Test
	void eachPathPatternIsParsedOnceWhenValidAndWhenRefused() {
		long before = CorsPolicyValidator.pathPatternParseCount();
		CorsEngine.compile(List.of(API, PUBLIC), ValidationContext.DEFAULT);
		assertThat(CorsPolicyValidator.pathPatternParseCount() - before).isEqualTo(5);

		CorsPolicy broken = CorsPolicy.builder("broken")
			.pathPatterns("/x/{id", "/y/**")
			.allowedOrigins("https://a.com/")
			.build();
		before = CorsPolicyValidator.pathPatternParseCount();
		catchThrowableOfType(InvalidCorsConfigurationException.class,
				() -> CorsEngine.compile(List.of(API, PUBLIC, broken), ValidationContext.DEFAULT));
		assertThat(CorsPolicyValidator.pathPatternParseCount() - before).isEqualTo(7);
	}

	@Test
	void theEngineCarriesItsWarningsAndContext() {
		ValidationContext production = new ValidationContext(true, List.of("https://*.dev.example.com"));

		CorsEngine engine = CorsEngine.compile(List.of(API, PUBLIC), production);

		assertThat(engine.validationContext()).isEqualTo(production);
		assertThat(engine.warnings()).extracting(Violation::rule, Violation::severity, Violation::suggestedValue)
			.singleElement()
			.isEqualTo(org.assertj.core.groups.Tuple.tuple(ViolationRule.MAX_AGE_ABOVE_CAP, Severity.WARN, "2h"));
		assertThat(CorsEngine.create(List.of(PUBLIC)).warnings()).isEmpty();
		assertThat(CorsEngine.create(List.of(PUBLIC)).validationContext()).isEqualTo(ValidationContext.DEFAULT);
	}

	@Test
	void refusalCarriesEveryViolationErrorsFirst() {
		CorsPolicy broken = CorsPolicy.builder("api")
			.pathPatterns("/api/**")
			.allowedOrigins("*", "https://a.com/")
			.allowCredentials(true)
			.maxAge(Duration.ofHours(3))
			.build();

		InvalidCorsConfigurationException ex = catchThrowableOfType(InvalidCorsConfigurationException.class,
				() -> CorsEngine.compile(List.of(broken), ValidationContext.DEFAULT));

		assertThat(ex.getViolations()).extracting(Violation::rule)
			.containsExactly(ViolationRule.ORIGIN_NEVER_MATCHES, ViolationRule.WILDCARD_WITH_CREDENTIALS,
					ViolationRule.MAX_AGE_ABOVE_CAP);
		assertThat(ex.getMessage()).startsWith("Invalid CORS configuration (2 error(s)):");
	}

	@Test
	void theFingerprintIgnoresDeclarationAndListOrderButNotContent() {
		String fingerprint = CorsEngine.create(List.of(API, PUBLIC)).fingerprint();
		CorsPolicy apiReordered = CorsPolicy.builder("api")
			.pathPatterns("/graphql", "/api/**")
			.allowedOrigins("https://*.preview.example.com", "https://app.example.com")
			.allowedMethods("PUT", "GET", "POST")
			.allowedHeaders("Authorization", "Content-Type")
			.allowCredentials(true)
			.maxAge(Duration.ofSeconds(3 * 3600))
			.build();

		assertThat(fingerprint).matches("[0-9a-f]{64}");
		assertThat(CorsEngine.create(List.of(PUBLIC, apiReordered)).fingerprint()).isEqualTo(fingerprint);
		assertThat(CorsEngine.compile(List.of(API, PUBLIC), new ValidationContext(true, List.of())).fingerprint())
			.as("the validation context is not part of the policies")
			.isEqualTo(fingerprint);
		assertThat(CorsEngine.create(List.of(API)).fingerprint()).isNotEqualTo(fingerprint);
		for (CorsPolicy changed : List.of(
				CorsPolicy.builder("api2")
					.pathPatterns("/api/**", "/graphql")
					.allowedOrigins("https://app.example.com", "https://*.preview.example.com")
					.allowedMethods("GET", "POST", "PUT")
					.allowedHeaders("Content-Type", "Authorization")
					.allowCredentials(true)
					.maxAge(Duration.ofHours(3))
					.build(),
				CorsPolicy.builder("api")
					.pathPatterns("/api/**", "/graphql")
					.allowedOrigins("https://app.example.com", "https://*.preview.example.com")
					.allowedMethods("GET", "POST", "PUT")
					.allowedHeaders("Content-Type", "Authorization")
					.allowCredentials(false)
					.maxAge(Duration.ofHours(3))
					.build(),
				CorsPolicy.builder("api")
					.pathPatterns("/api/**", "/graphql")
					.allowedOrigins("https://app.example.com", "https://*.preview.example.com")
					.allowedMethods("GET", "POST", "PUT")
					.allowedHeaders("Content-Type", "Authorization")
					.allowCredentials(true)
					.maxAge(Duration.ofHours(2))
					.build(),
				CorsPolicy.builder("api")
					.pathPatterns("/api/**", "/graphql")
					.allowedOrigins("https://app.example.com")
					.allowedMethods("GET", "POST", "PUT")
					.allowedHeaders("Content-Type", "Authorization")
					.allowCredentials(true)
					.maxAge(Duration.ofHours(3))
					.build(),
				CorsPolicy.builder("api")
					.pathPatterns("/api/**", "/graphql")
					.allowedOrigins("https://app.example.com", "https://*.preview.example.com")
					.allowedMethods("GET", "POST", "PUT")
					.allowedHeaders("Content-Type")
					.exposedHeaders("Authorization")
					.allowCredentials(true)
					.maxAge(Duration.ofHours(3))
					.build())) {
			assertThat(CorsEngine.create(List.of(changed, PUBLIC)).fingerprint()).as(changed.toString())
				.isNotEqualTo(fingerprint);
		}
	}

}
