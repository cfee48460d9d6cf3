package dev.corsstarter.autoconfigure.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.web.cors.CorsConfiguration;

import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.validation.ValidationContext;

class SpringCorsPoliciesTests {

	@ParameterizedTest
	@CsvSource({ "https://*.example.com, https://*.example.com", "https://example.com:[*], https://example.com:*",
			"http://localhost:[*], http://localhost:*", "*, *" })
	void originPatternsInTheStartersGrammar(String spring, String starter) {
		assertThat(SpringCorsPolicies.originPattern(spring)).isEqualTo(starter);
	}

	@ParameterizedTest
	@CsvSource({ "3600, 1h", "1800, 30m", "90, 90s", "0, 0s", "86400, 24h" })
	void maxAgeAsTheShortestWholeUnit(long seconds, String written) {
		assertThat(SpringCorsPolicies.duration(Duration.ofSeconds(seconds))).isEqualTo(written);
	}

	@ParameterizedTest
	@CsvSource({ "/api/**, api", "/api/orders/{id}, api-orders", "/**, root", "/v1/Users_x/*.json, v1-users-x-json" })
	void policyNamesFromPaths(String pattern, String name) {
		assertThat(SpringCorsPolicies.uniqueName(pattern, Set.of())).isEqualTo(name);
	}

	@Test
	void takenNamesGetANumber() {
		assertThat(SpringCorsPolicies.uniqueName("/api/**", Set.of("api", "api-2"))).isEqualTo("api-3");
	}

	@Test
	void convertsEveryAttribute() {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(List.of("https://app.example.com"));
		configuration.setAllowedOriginPatterns(List.of("https://*.preview.example.com", "https://example.org:[*]"));
		configuration.setAllowedMethods(List.of("GET", "PUT"));
		configuration.setAllowedHeaders(List.of("Content-Type"));
		configuration.setExposedHeaders(List.of("X-Request-Id"));
		configuration.setAllowCredentials(true);
		configuration.setAllowPrivateNetwork(true);
		configuration.setMaxAge(3600L);

		SpringCorsPolicies.Conversion conversion = SpringCorsPolicies
			.convert(List.of(mapping("/api/**", configuration)), ValidationContext.DEFAULT);

		assertThat(conversion.refused()).isEmpty();
		CorsPolicy policy = conversion.policies().get(0);
		assertThat(policy.name()).isEqualTo("api");
		assertThat(policy.pathPatterns()).containsExactly("/api/**");
		assertThat(policy.allowedOrigins()).containsExactly("https://app.example.com", "https://*.preview.example.com",
				"https://example.org:*");
		assertThat(policy.allowedMethods()).containsExactly("GET", "PUT");
		assertThat(policy.allowedHeaders()).containsExactly("Content-Type");
		assertThat(policy.exposedHeaders()).containsExactly("X-Request-Id");
		assertThat(policy.allowCredentials()).isTrue();
		assertThat(policy.allowPrivateNetwork()).isTrue();
		assertThat(policy.maxAge()).isEqualTo(Duration.ofHours(1));
		assertThat(conversion.yaml())
			.contains("      allowed-origins: [\"https://app.example.com\","
					+ " \"https://*.preview.example.com\", \"https://example.org:*\"]\n")
			.contains("      max-age: 1h\n");
	}

	@Test
	void whatTheRulesRefuseIsListedWithTheReasonNotConverted() {
		CorsConfiguration wildcardWithCredentials = new CorsConfiguration();
		wildcardWithCredentials.setAllowedOriginPatterns(List.of("*"));
		wildcardWithCredentials.setAllowCredentials(true);
		CorsConfiguration portList = new CorsConfiguration();
		portList.setAllowedOriginPatterns(List.of("https://example.com:[8080,8081]"));
		CorsConfiguration publicSuffix = new CorsConfiguration();
		publicSuffix.setAllowedOriginPatterns(List.of("https://*.com"));

		SpringCorsPolicies.Conversion conversion = SpringCorsPolicies.convert(
				List.of(mapping("/a/**", wildcardWithCredentials), mapping("/b/**", portList),
						mapping("/c/**", publicSuffix), mapping("/a/**", new CorsConfiguration()),
						new SpringCorsConfiguration(SpringCorsConfiguration.SOURCE_BEAN, "custom", null, null)),
				ValidationContext.DEFAULT);

		assertThat(conversion.policies()).isEmpty();
		assertThat(conversion.refused()).hasSize(4);
		assertThat(conversion.refused().get("addCorsMappings registration on /a/**"))
			.anySatisfy((reason) -> assertThat(reason).startsWith("cors.policies.a.allowed-origins"))
			.anySatisfy((reason) -> assertThat(reason).contains("is also configured by"));
		assertThat(conversion.refused().get("addCorsMappings registration on /b/**")).containsExactly(
				"origin pattern https://example.com:[8080,8081]: port lists have no equivalent;" + " list each origin");
		assertThat(conversion.refused().get("addCorsMappings registration on /c/**"))
			.anySatisfy((reason) -> assertThat(reason).contains("https://*.com"));
		assertThat(conversion.refused().get("CorsConfigurationSource bean 'custom' (paths unknown)"))
			.anySatisfy((reason) -> assertThat(reason).contains("cannot be known"));
		assertThat(conversion.yaml()).contains("# Nothing to convert.").contains("# Not converted:");
	}

	@Test
	void quotedYamlNeverBreaksOutOfItsScalar() {
		assertThat(SpringCorsPolicies.quoted("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\u000ad\"");
	}

	private static SpringCorsConfiguration mapping(String pattern, CorsConfiguration configuration) {
		return new SpringCorsConfiguration(SpringCorsConfiguration.CORS_MAPPINGS, "handler mappings", pattern,
				configuration);
	}

}
