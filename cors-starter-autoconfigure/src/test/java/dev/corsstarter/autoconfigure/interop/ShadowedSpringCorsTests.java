package dev.corsstarter.autoconfigure.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;

class ShadowedSpringCorsTests {

	private static final CorsEngine ENGINE = CorsEngine.create(
			List.of(CorsPolicy.builder("api").pathPatterns("/api/**").allowedOrigins("https://app.example.com").build(),
					CorsPolicy.builder("beta")
						.pathPatterns("/beta/**")
						.allowedOrigins("https://app.example.com")
						.mode(PolicyMode.REPORT_ONLY)
						.build()));

	@ParameterizedTest
	@CsvSource(value = { "/api/orders | api", "/api/** | api", "/** | api", "/beta/** | ''", "/other/** | ''" },
			delimiter = '|')
	void enforcedPoliciesDecidingOnASpringPattern(String pattern, String policies) {
		SpringCorsConfiguration spring = new SpringCorsConfiguration(SpringCorsConfiguration.CROSS_ORIGIN,
				"Controller#orders()", PathPatternParser.defaultInstance.parse(pattern), new CorsConfiguration());
		assertThat(ShadowedSpringCors.decidingRoutes(ENGINE, spring).keySet())
			.extracting((route) -> route.policy().name())
			.containsExactlyElementsOf(policies.isEmpty() ? List.of() : List.of(policies.split(",")));
	}

	@Test
	void whatChangedIsNamed() {
		CorsConfiguration allowsMore = new CorsConfiguration();
		allowsMore.setAllowedOrigins(List.of("https://app.example.com", "https://old.example.com"));
		allowsMore.setAllowedMethods(List.of("GET", "DELETE"));
		allowsMore.setAllowCredentials(true);
		CorsConfiguration allowsLess = new CorsConfiguration();
		allowsLess.setAllowedOrigins(List.of("https://app.example.com"));
		allowsLess.setAllowedMethods(List.of("GET"));

		List<ShadowedSpringCorsConfiguration> shadowed = ShadowedSpringCors.analyse(ENGINE,
				List.of(crossOrigin("/api/orders", allowsMore), crossOrigin("/api/items", allowsLess),
						crossOrigin("/other", allowsMore), crossOrigin("/beta/x", allowsMore)));

		assertThat(shadowed).hasSize(2);
		assertThat(shadowed.get(0).refusedOrigins()).containsExactly("https://old.example.com");
		assertThat(shadowed.get(0).refusedMethods()).containsExactly("DELETE");
		assertThat(shadowed.get(0).credentialsRefused()).isTrue();
		assertThat(shadowed.get(0).unused()).isFalse();
		assertThat(shadowed.get(0).message()).isEqualTo("Spring CORS configuration shadowed: @CrossOrigin on"
				+ " Controller#orders() on /api/orders allowing origins [https://app.example.com,"
				+ " https://old.example.com], methods [GET, DELETE] with credentials: policy 'api'"
				+ " (cors.policies.api) now decides there and refuses origins [https://old.example.com],"
				+ " methods [DELETE], credentials");
		assertThat(shadowed.get(1).unused()).isTrue();
		assertThat(shadowed.get(1).message()).endsWith("the policy allows all it allowed, so it is now unused");
	}

	private static SpringCorsConfiguration crossOrigin(String path, CorsConfiguration configuration) {
		return new SpringCorsConfiguration(SpringCorsConfiguration.CROSS_ORIGIN, "Controller#orders()", path,
				configuration);
	}

}
