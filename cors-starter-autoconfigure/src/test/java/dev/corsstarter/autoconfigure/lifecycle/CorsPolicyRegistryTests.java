package dev.corsstarter.autoconfigure.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.validation.ViolationRule;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry fails closed: whatever goes wrong with a change, the previous engine keeps
 * serving and the change is reported as refused, never half applied and never lost. Every
 * change is reviewed as a change, and every refusal names who asked for it, at the level
 * its trigger calls for, with every value escaped.
 */
@ExtendWith(OutputCaptureExtension.class)
class CorsPolicyRegistryTests {

	private static final CorsPolicy TRIAL = CorsPolicy.builder("trial")
		.pathPatterns("/trial/**")
		.allowedOrigins("https://app.example.com")
		.build();

	private static final CorsPolicy API = CorsPolicy.builder("api")
		.pathPatterns("/api/**")
		.allowedOrigins("https://app.example.com")
		.build();

	@Test
	void aConfigurationThatCannotBeReadIsRefusedAndTheEngineKeepsServing() {
		CorsEngine initial = CorsEngine.create(List.of(API));
		CorsPolicyRegistry registry = new CorsPolicyRegistry(initial, () -> {
			throw new IllegalStateException("customizer failed: database down");
		}, UnaryOperator.identity());

		PolicyChange change = registry.reload();

		assertThat(change.outcome()).isEqualTo(PolicyChange.Outcome.REFUSED);
		assertThat(change.violations()).singleElement().satisfies(violation -> {
			assertThat(violation.rule()).isEqualTo(ViolationRule.UNREADABLE_VALUE);
			assertThat(violation.reason()).contains("database down");
		});
		assertThat(registry.current()).isSameAs(initial);
		assertThat(registry.generation()).isEqualTo(1);
		assertThat(registry.refusedChanges()).isEqualTo(1);
		assertThat(registry.lastChange()).isSameAs(change);
	}

	@Test
	void identicalPoliciesChangeNothingAndAreNotCounted() {
		CorsPolicyRegistry registry = new CorsPolicyRegistry(CorsEngine.create(List.of(API)));

		PolicyChange change = registry.replace(List.of(API));

		assertThat(change.outcome()).isEqualTo(PolicyChange.Outcome.UNCHANGED);
		assertThat(registry.generation()).isEqualTo(1);
		assertThat(registry.lastChange()).isNull();
		assertThat(registry.appliedChanges() + registry.refusedChanges()).isZero();
	}

	@Test
	void withoutAConfigurationSourceAReloadChangesNothing() {
		CorsEngine initial = CorsEngine.create(List.of(API));
		CorsPolicyRegistry registry = new CorsPolicyRegistry(initial);

		assertThat(registry.reload().outcome()).isEqualTo(PolicyChange.Outcome.UNCHANGED);
		assertThat(registry.current()).isSameAs(initial);
	}

	@Test
	void aReloadThatLeavesNoPolicyIsRefusedAtErrorAndThePoliciesKeepServing(CapturedOutput output) {
		CorsEngine initial = CorsEngine.create(List.of(API));
		CorsPolicyRegistry registry = new CorsPolicyRegistry(initial, List::of, UnaryOperator.identity());

		PolicyChange change = registry.reload(PolicyChange.Trigger.CONFIGURATION);

		assertThat(change.outcome()).isEqualTo(PolicyChange.Outcome.REFUSED);
		assertThat(change.trigger()).isEqualTo(PolicyChange.Trigger.CONFIGURATION);
		assertThat(change.violations()).singleElement().satisfies(violation -> {
			assertThat(violation.rule()).isEqualTo(ViolationRule.NO_POLICIES_LEFT);
			assertThat(violation.rule().code()).isEqualTo("no-policies-left");
			assertThat(violation.action()).contains("cors.enabled=false").contains("restart");
		});
		assertThat(change.changes()).singleElement().satisfies(difference -> {
			assertThat(difference.property()).isEqualTo("cors.policies.api");
			assertThat(difference.removed()).containsExactly("/api/**");
			assertThat(difference.loosens()).isTrue();
		});
		assertThat(registry.current()).isSameAs(initial);
		assertThat(registry.generation()).isEqualTo(1);
		assertThat(registry.refusedChanges()).isEqualTo(1);
		assertThat(registry.appliedChanges()).isZero();
		assertThat(output).containsPattern("ERROR .*CORS policy change from the configuration refused; generation 1")
			.contains("no CORS policy");
	}

	@Test
	void replacingThePoliciesWithNoneIsRefusedAtWarn(CapturedOutput output) {
		CorsEngine initial = CorsEngine.create(List.of(API, TRIAL));
		CorsPolicyRegistry registry = new CorsPolicyRegistry(initial);

		PolicyChange change = registry.replace(List.of());

		assertThat(change.outcome()).isEqualTo(PolicyChange.Outcome.REFUSED);
		assertThat(change.trigger()).isEqualTo(PolicyChange.Trigger.APPLICATION);
		assertThat(change.violations()).extracting(v -> v.rule()).containsExactly(ViolationRule.NO_POLICIES_LEFT);
		assertThat(change.changes()).extracting(PolicyChange.Difference::policy).containsExactly("api", "trial");
		assertThat(registry.current()).isSameAs(initial);
		assertThat(output)
			.containsPattern("WARN .*CORS policy change requested by application code "
					+ "\\(CorsPolicyRegistry.replace\\) refused; generation 1")
			.doesNotContain("ERROR")
			.doesNotContain("from the configuration");
	}

	@Test
	void anAppliedChangeThatLoosensIsLoggedAtWarnItemByItemAndCounted(CapturedOutput output) {
		CorsPolicyRegistry registry = new CorsPolicyRegistry(CorsEngine.create(List.of(API, TRIAL)));

		PolicyChange change = registry.replace(List.of(CorsPolicy.builder("api")
			.pathPatterns("/api/**")
			.allowedOrigins("https://app.example.com", "https://partner.example.org")
			.allowCredentials(true)
			.build()));

		assertThat(change.outcome()).isEqualTo(PolicyChange.Outcome.APPLIED);
		assertThat(change.loosens()).isTrue();
		assertThat(change.changes()).extracting(PolicyChange.Difference::property)
			.containsExactly("cors.policies.api.allowed-origins", "cors.policies.api.allow-credentials",
					"cors.policies.trial");
		assertThat(output.getOut().lines().filter(line -> line.contains("CORS policy change loosens protection")))
			.hasSize(3)
			.allMatch(line -> line.contains("WARN"))
			.anyMatch(line -> line.contains("cors.policies.api.allowed-origins added \"https://partner.example.org\""))
			.anyMatch(line -> line.contains("cors.policies.api.allow-credentials added \"true\", was \"false\""))
			.anyMatch(line -> line.contains("cors.policies.trial removed, paths \"/trial/**\""));
		assertThat(registry.appliedChanges(true)).isEqualTo(1);
		assertThat(registry.appliedChanges(false)).isZero();
	}

	@Test
	void anAppliedChangeThatOnlyTightensLogsNoWarning(CapturedOutput output) {
		CorsPolicyRegistry registry = new CorsPolicyRegistry(CorsEngine.create(List.of(API, TRIAL)));

		PolicyChange change = registry.replace(List.of(API,
				CorsPolicy.builder("trial")
					.pathPatterns("/trial/**", "/beta/**")
					.allowedOrigins("https://app.example.com")
					.allowedMethods("GET")
					.build()));

		assertThat(change.outcome()).isEqualTo(PolicyChange.Outcome.APPLIED);
		assertThat(change.loosens()).isFalse();
		assertThat(change.changes()).hasSize(2).noneMatch(PolicyChange.Difference::loosens);
		assertThat(output).doesNotContain("loosens protection").doesNotContain("WARN");
		assertThat(registry.appliedChanges(false)).isEqualTo(1);
		assertThat(registry.appliedChanges(true)).isZero();
	}

	@ParameterizedTest(name = "separator {0}")
	@ValueSource(strings = { "\n", "\r", "\r\n", "\u0000", "\u2028", "\u0085" })
	void aRefusedTenantOriginIsLoggedEscapedAtWarnWhenCodeAskedForIt(String separator, CapturedOutput output) {
		String tenant = "https://x" + separator + "2026-01-01 INFO forged";
		List<String> origins = new ArrayList<>(List.of("https://app.example.com"));
		CorsPolicyRegistry registry = new CorsPolicyRegistry(CorsEngine.create(List.of(API)),
				() -> List.of(CorsPolicy.builder("api").pathPatterns("/api/**").allowedOrigins(origins).build()),
				UnaryOperator.identity());
		origins.add(tenant);

		PolicyChange change = registry.reload();

		assertThat(change.outcome()).isEqualTo(PolicyChange.Outcome.REFUSED);
		assertThat(change.trigger()).isEqualTo(PolicyChange.Trigger.APPLICATION);
		assertThat(change.violations()).extracting(v -> v.value()).contains(tenant);
		assertForgedLineEscaped(output, separator);
		assertThat(output)
			.containsPattern("WARN .*CORS policy change requested by application code "
					+ "\\(CorsPolicyRegistry.reload\\) refused")
			.doesNotContain("from the configuration")
			.doesNotContain("ERROR");
	}

	@ParameterizedTest(name = "separator {0}")
	@ValueSource(strings = { "\n", "\r", "\u0000" })
	void aRefusedConfigurationChangeIsLoggedEscapedAtError(String separator, CapturedOutput output) {
		AtomicReference<String> origin = new AtomicReference<>("https://app.example.com");
		CorsPolicyRegistry registry = new CorsPolicyRegistry(CorsEngine.create(List.of(API)),
				() -> List.of(CorsPolicy.builder("api").pathPatterns("/api/**").allowedOrigins(origin.get()).build()),
				UnaryOperator.identity());
		origin.set("https://x" + separator + "2026-01-01 INFO forged");

		PolicyChange change = registry.reload(PolicyChange.Trigger.CONFIGURATION);

		assertThat(change.outcome()).isEqualTo(PolicyChange.Outcome.REFUSED);
		assertForgedLineEscaped(output, separator);
		assertThat(output).containsPattern("ERROR .*CORS policy change from the configuration refused");
	}

	@Test
	void anAppliedChangeLogsItsValuesEscaped(CapturedOutput output) {
		CorsPolicyRegistry registry = new CorsPolicyRegistry(CorsEngine.create(List.of(API, TRIAL)));

		// a policy name is not an origin: no grammar keeps a line break out of it
		PolicyChange change = registry.replace(List.of(API,
				CorsPolicy.builder("trial\n2026-01-01 INFO forged")
					.pathPatterns("/trial/**")
					.allowedOrigins("https://app.example.com")
					.build()));

		assertThat(change.outcome()).isEqualTo(PolicyChange.Outcome.APPLIED);
		assertThat(output).contains("trial\\u000a2026-01-01 INFO forged");
		assertThat(output.getOut().lines()).noneMatch(line -> line.startsWith("2026-01-01 INFO forged"));
	}

	/**
	 * The forged text stays on the line of the report, its separator escaped as
	 * {@code \\uXXXX}.
	 */
	private static void assertForgedLineEscaped(CapturedOutput output, String separator) {
		String escaped = separator.chars().mapToObj(c -> String.format("\\u%04x", c)).reduce("", String::concat);
		assertThat(output.getOut()).contains("https://x" + escaped + "2026-01-01 INFO forged")
			.doesNotContain("\u0000")
			.doesNotContain("\u2028")
			.doesNotContain("\u0085");
		assertThat(output.getOut().lines()).noneMatch(line -> line.startsWith("2026-01-01 INFO forged"));
		assertThat(output.getOut().lines()).noneMatch(line -> line.contains("\r"));
	}

}
