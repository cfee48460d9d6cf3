package dev.corsstarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

import dev.corsstarter.autoconfigure.CorsPropertyKeys.Suggestion;

class CorsPropertyKeysTests {

	@ParameterizedTest
	@ValueSource(strings = { "cors.enabled", "cors.filter-order", "cors.filterOrder", "cors.production-profiles[1]",
			"cors.dev-origins", "cors.unknown-keys", "cors.policies", "cors.policies.api.path-patterns[0]",
			"cors.policies.api.allowedOrigins", "cors.policies.api.allowed_origins[3]",
			"cors.policies.api.allowedorigins", "cors.policies[my.api].max-age", "cors.policies.api.allow-credentials",
			"cors.policies.api.allow-private-network", "cors.policies.api.exposed-headers",
			"cors.policies.api.allowed-headers[0]", "cors.policies.api.allowed-methods" })
	void knownKeysInEveryRelaxedForm(String name) {
		assertThat(CorsPropertyKeys.isKnown(ConfigurationPropertyName.adapt(name, '.'), "x")).as(name).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "cors.foo", "cors.policy", "cors.enabled.x", "cors.enabled[0]",
			"cors.policies.api.allow-credential", "cors.policies.api.max-age[0]", "cors.policies.api",
			"cors.policies.api.allowed-origins.x", "cors.policies.api.modus" })
	void unknownKeys(String name) {
		assertThat(CorsPropertyKeys.isKnown(ConfigurationPropertyName.adapt(name, '.'), "x")).as(name).isFalse();
	}

	@ParameterizedTest
	@CsvSource({ "cors.policies.api.allow-credential, cors.policies.api.allow-credentials",
			"cors.policies.web.allowed-orgins[0], cors.policies.web.allowed-origins",
			"cors.policies.api.allowed-origin-patterns, cors.policies.api.allowed-origins",
			"cors.policies.api.allowedHeader, cors.policies.api.allowed-headers",
			"cors.policies.api.maxage-seconds, cors.policies.api.max-age",
			"cors.policy.api.path-patterns, cors.policies.api.path-patterns", "cors.policy, cors.policies",
			"cors.production-profile, cors.production-profiles", "cors.unknownkey, cors.unknown-keys",
			"cors.policies.path-patterns, cors.policies.<name>.path-patterns" })
	void closestKnownKey(String unknown, String expected) {
		Suggestion suggestion = CorsPropertyKeys.suggest(ConfigurationPropertyName.adapt(unknown, '.'));
		assertThat(suggestion).isNotNull();
		assertThat(suggestion.name()).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "cors.foo", "cors.tenant-directory-url", "cors.policies.api.mode-of-transport" })
	void noSuggestionWhenNothingIsClose(String unknown) {
		assertThat(CorsPropertyKeys.suggest(ConfigurationPropertyName.adapt(unknown, '.'))).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "10 minutes, 10m", "2 hours, 2h", "90 secs, 90s", "1 day, 1d", "500 millis, 500ms", "soon, 10m",
			"'', 10m" })
	void durationExamples(String value, String example) {
		assertThat(CorsPropertiesBindHandlerAdvisor.durationExample(value)).isEqualTo(example);
	}

}
