package dev.corsstarter.autoconfigure.lifecycle;

import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.validation.ViolationRule;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry fails closed: whatever goes wrong with a change, the previous engine keeps
 * serving and the change is reported as refused, never half applied and never lost.
 */
class CorsPolicyRegistryTests {

	private static final CorsPolicy API = CorsPolicy.builder("api").pathPatterns("/api/**")
		.allowedOrigins("https://app.example.com").build();

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

}
