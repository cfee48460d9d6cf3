package dev.corsstarter.autoconfigure.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.env.MockEnvironment;

import dev.corsstarter.autoconfigure.properties.CorsPolicyLoader.Binding;
import dev.corsstarter.autoconfigure.properties.CorsPropertyKeys.Suggestion;
import dev.corsstarter.core.validation.Severity;
import dev.corsstarter.core.validation.Violation;
import dev.corsstarter.core.validation.ViolationRule;

class CorsPropertyKeysTests {

	@ParameterizedTest
	@ValueSource(strings = { "cors.enabled", "cors.filter-order", "cors.filterOrder", "cors.production-profiles[1]",
			"cors.dev-origins", "cors.unknown-keys", "cors.policies.api.path-patterns[0]",
			"cors.policies.api.allowedOrigins", "cors.policies.api.allowed_origins[3]",
			"cors.policies.api.allowedorigins", "cors.policies[my.api].max-age", "cors.policies.api.allow-credentials",
			"cors.policies.api.allow-private-network", "cors.policies.api.exposed-headers",
			"cors.policies.api.allowed-headers[0]", "cors.policies.api.allowed-methods" })
	void knownKeysInEveryRelaxedFormBind(String name) {
		assertThat(bind(name, "1").problems()).as(name)
			.noneMatch((problem) -> problem.rule() == ViolationRule.UNKNOWN_KEY);
	}

	@ParameterizedTest(name = "{0} (cors.unknown-keys={1}) -> {2}")
	@CsvSource({ "cors.proxy-url, auto, WARN", "cors.something, auto, WARN", "cors.tenant-directory-url, auto, WARN",
			"cors.allowed-origins, auto, ERROR", "cors.allowed-origin-patterns, auto, ERROR",
			"cors.policy.x, auto, ERROR", "cors.policy, auto, ERROR", "cors.policies.api.allowed-origin, auto, ERROR",
			"cors.policies.api.foo, auto, ERROR", "cors.policies.api.allowed-origins.x, auto, ERROR",
			"cors.enabled.x, auto, ERROR", "cors.policies.api.max-age[0], auto, ERROR", "cors.proxy-url, fail, ERROR",
			"cors.allowed-origins, warn, WARN", "cors.policies.api.foo, warn, WARN" })
	void keysMeantForTheStarterAreErrorsAndForeignKeysWarnings(String name, String mode, Severity severity) {
		Binding binding = bind(name, "x", "cors.unknown-keys", mode);
		assertThat(binding.problems()).singleElement().satisfies((problem) -> {
			assertThat(problem.rule()).isEqualTo(ViolationRule.UNKNOWN_KEY);
			assertThat(problem.severity()).isEqualTo(severity);
			assertThat(problem.property()).isEqualTo(name);
			assertThat(problem.value()).isEmpty();
		});
	}

	@Test
	void aMisspeltListIsOneProblemNamedWithoutIndex() {
		Binding binding = bind("cors.policies.api.allowed-origin[0]", "https://a.example.com",
				"cors.policies.api.allowed-origin[1]", "https://b.example.com", "cors.policies.api.allowed-origin[2]",
				"https://c.example.com");
		assertThat(binding.problems()).singleElement().satisfies((problem) -> {
			assertThat(problem.property()).isEqualTo("cors.policies.api.allowed-origin");
			assertThat(problem.action()).isEqualTo("Did you mean cors.policies.api.allowed-origins?");
		});
		assertThat(binding.explained()).containsExactly("cors.policies.api.allowed-origins");
	}

	@Test
	void anEmptyPolicyIsBoundForValidationNotReportedAsAnUnknownKey() {
		// cors.policies.api: with nothing under it in YAML
		Binding binding = bind("cors.policies.api", "");
		assertThat(binding.problems()).isEmpty();
		assertThat(binding.properties().getPolicies()).containsKey("api");
	}

	@Test
	void problemsSortInTheOrderTheKeysAreWrittenWhateverTheirSpelling() {
		Map<String, Object> written = new LinkedHashMap<>();
		written.put("cors.policies.api.path-patterns", "/api/**");
		written.put("cors.policies.api.allowCredential", "true");
		written.put("cors.proxy-url", "x");
		MockEnvironment environment = new MockEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("application", written));
		List<Violation> problems = new ArrayList<>(
				List.of(Violation.error(ViolationRule.UNKNOWN_KEY, "cors.proxy-url", "", "r", "a"),
						Violation.error(ViolationRule.NO_ORIGIN, "cors.policies.api.allowed-origins", "", "r", "a"),
						Violation.error(ViolationRule.UNKNOWN_KEY, "cors.policies.api.allowCredential", "", "r", "a")));
		problems.sort(CorsPolicyLoader.inWrittenOrder(ConfigurationPropertySources.get(environment)));
		assertThat(problems).extracting(Violation::property)
			.containsExactly("cors.policies.api.allowed-origins", "cors.policies.api.allowCredential",
					"cors.proxy-url");
	}

	private static Binding bind(String... keysAndValues) {
		MockEnvironment environment = new MockEnvironment();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			environment.setProperty(keysAndValues[i], keysAndValues[i + 1]);
		}
		return new CorsPolicyLoader(environment, Stream::empty).bind();
	}

	@ParameterizedTest
	@CsvSource({ "cors.policies.api.allow-credential, cors.policies.api.allow-credentials",
			"cors.policies.web.allowed-orgins[0], cors.policies.web.allowed-origins",
			"cors.policies.api.allowed-origin-patterns, cors.policies.api.allowed-origins",
			"cors.policies.api.allowedHeader, cors.policies.api.allowed-headers",
			"cors.policies.api.maxage-seconds, cors.policies.api.max-age",
			"cors.policy.api.path-patterns, cors.policies.api.path-patterns", "cors.policy, cors.policies",
			"cors.production-profile, cors.production-profiles", "cors.unknownkey, cors.unknown-keys",
			"cors.policies.path-patterns, cors.policies.<name>.path-patterns",
			"cors.allowed-origins, cors.policies.<name>.allowed-origins",
			"cors.allowed-origin-patterns, cors.policies.<name>.allowed-origins", "cors.policy.x, cors.policies",
			"cors.max-age, cors.policies.<name>.max-age" })
	void closestKnownKey(String unknown, String expected) {
		Suggestion suggestion = CorsPropertyKeys.suggest(ConfigurationPropertyName.adapt(unknown, '.'));
		assertThat(suggestion).isNotNull();
		assertThat(suggestion.name()).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "cors.foo", "cors.tenant-directory-url", "cors.policies.api.mode-of-transport",
			"cors.proxy-url", "cors.proxy.url", "cors.something", "cors.headers" })
	void noSuggestionWhenNothingIsClose(String unknown) {
		assertThat(CorsPropertyKeys.suggest(ConfigurationPropertyName.adapt(unknown, '.'))).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "10 minutes, 10m", "2 hours, 2h", "90 secs, 90s", "1 day, 1d", "500 millis, 500ms", "soon, 10m",
			"'', 10m" })
	void durationExamples(String value, String example) {
		assertThat(CorsPolicyLoader.durationExample(value)).isEqualTo(example);
	}

}
