package dev.corsstarter.autoconfigure.properties;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import dev.corsstarter.autoconfigure.diagnostics.InvalidCorsPropertiesException;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.validation.ValidationContext;
import dev.corsstarter.core.validation.ViolationRule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The loader without an application context, as the offline export calls it, and with
 * customizers, as startup and every reload call it.
 */
@ExtendWith(OutputCaptureExtension.class)
class CorsPolicyLoaderTests {

	@Test
	void loadsAnEnvironmentWithoutAnApplicationContextAndLogsNothing(CapturedOutput output) {
		CorsEngine engine = CorsPolicyLoader.load(environment(Map.of("cors.policies.api.path-patterns", "/api/**",
				"cors.policies.api.allowed-origins", "https://app.example.com", "cors.proxy-url", "x")));
		assertThat(engine).isNotNull();
		assertThat(engine.policies()).extracting(CorsPolicy::name).containsExactly("api");
		assertThat(output).doesNotContain("cors.proxy-url");
	}

	@Test
	void withoutPoliciesThereIsNothingToLoadUnlessBindingFoundAnError() {
		assertThat(CorsPolicyLoader.load(environment(Map.of("cors.dev-origins", "http://localhost:*")))).isNull();
		assertThatExceptionOfType(InvalidCorsPropertiesException.class)
			.isThrownBy(() -> CorsPolicyLoader.load(environment(Map.of("cors.policy.api.path-patterns", "/api/**"))))
			.satisfies((ex) -> assertThat(ex.getViolations()).singleElement()
				.satisfies((violation) -> assertThat(violation.rule()).isEqualTo(ViolationRule.UNKNOWN_KEY)));
	}

	@Test
	void customizersApplyAndTheGivenRulesOverrideTheActiveProfiles() {
		StandardEnvironment environment = environment(Map.of("cors.policies.api.path-patterns", "/api/**",
				"cors.policies.api.allowed-origins", "https://app.example.com"));
		environment.setActiveProfiles("prod");
		CorsPolicyLoader loader = new CorsPolicyLoader(environment,
				() -> Stream.of((policies) -> List.of(CorsPolicy.builder("api")
					.pathPatterns("/api/**")
					.allowedOrigins("https://app.example.com", "http://localhost:3000")
					.build())));
		assertThatExceptionOfType(InvalidCorsPropertiesException.class).isThrownBy(loader::load)
			.satisfies((ex) -> assertThat(ex.getViolations()).extracting((v) -> v.rule())
				.contains(ViolationRule.DEV_ORIGIN_IN_PRODUCTION));
		assertThat(loader.load(ValidationContext.DEFAULT).policies().get(0).allowedOrigins())
			.contains("http://localhost:3000");
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}

}
