package dev.corsstarter.autoconfigure.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.corsstarter.autoconfigure.CorsAutoConfiguration;
import dev.corsstarter.autoconfigure.CorsDisabledAutoConfiguration;
import dev.corsstarter.autoconfigure.CorsReactiveAutoConfiguration;
import dev.corsstarter.autoconfigure.CorsServletAutoConfiguration;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;

/**
 * The startup lines say which profiles are active, warn about a profile that looks like
 * production but gets development rules, and say when {@code cors.enabled=false} leaves
 * the filter out.
 */
@ExtendWith(OutputCaptureExtension.class)
class CorsStartupLogTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CorsAutoConfiguration.class, CorsServletAutoConfiguration.class,
				CorsReactiveAutoConfiguration.class, CorsDisabledAutoConfiguration.class))
		.withPropertyValues("cors.policies.api.path-patterns=/api/**",
				"cors.policies.api.allowed-origins=https://app.example.com");

	@Test
	void infoLineNamesTheActiveProfiles(CapturedOutput output) {
		this.runner.withInitializer((context) -> context.getEnvironment().setActiveProfiles("eu", "production"))
			.run((context) -> assertThat(context).hasSingleBean(CorsPolicyRegistry.class));
		assertThat(output)
			.containsPattern("INFO .* CORS filter installed on the servlet stack at order -?\\d+ with "
					+ "1 policy: api \\[/api/\\*\\*\\]; active profiles \\[eu, production\\]; production rules on: "
					+ "active profile 'production' is in cors.production-profiles \\[prod, production\\]")
			.doesNotContain("looks like production");
		this.runner.run((context) -> assertThat(context).hasSingleBean(CorsPolicyRegistry.class));
		assertThat(output).contains("; active profiles none; production rules off");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "prd", "live", "eu-prod", "prod-eu", "production-2", "blue-production", "PRD", "eu_prd" })
	void profileThatLooksLikeProductionButIsNotListedIsAWarning(String profile, CapturedOutput output) {
		this.runner.withInitializer((context) -> context.getEnvironment().setActiveProfiles("eu", profile))
			.run((context) -> assertThat(context).hasSingleBean(CorsPolicyRegistry.class));
		assertThat(output).containsOnlyOnce("WARN")
			.contains("CORS: active profile '" + profile + "' looks like production but is not in "
					+ "cors.production-profiles [prod, production], so production rules do not apply for it.")
			.contains("production rules off");
	}

	@Test
	void listedProductionProfileIsNoWarning(CapturedOutput output) {
		this.runner.withInitializer((context) -> context.getEnvironment().setActiveProfiles("prd"))
			.withPropertyValues("cors.production-profiles=prd")
			.run((context) -> assertThat(context).hasSingleBean(CorsPolicyRegistry.class));
		assertThat(output).contains("production rules on: active profile 'prd'").doesNotContain("WARN");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "prd, dev | prd", "live, eu-prod, prod | live, eu-prod", "dev, local | ",
			"product-demo, reproduction, preprod | ", "production-eu, prod | production-eu" })
	void productionLookalikes(String profiles, String expected) {
		List<String> unlisted = CorsStartupLog.productionLookalikes(profiles.split(",\\s*"),
				List.of("prod", "production"));
		assertThat(unlisted).isEqualTo((expected == null) ? List.of() : List.of(expected.split(",\\s*")));
	}

	@Test
	void disabledSaysSoOnce(CapturedOutput output) {
		this.runner.withPropertyValues("cors.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(CorsPolicyRegistry.class);
		});
		assertThat(output).containsOnlyOnce("CORS filter not installed: cors.enabled=false.")
			.containsPattern("INFO .* CORS filter not installed")
			.doesNotContain("CORS filter installed");
		this.runner.run((context) -> assertThat(context).hasSingleBean(CorsPolicyRegistry.class));
		assertThat(output).containsOnlyOnce("CORS filter not installed");
	}

}
