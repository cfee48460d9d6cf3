package dev.corsstarter.autoconfigure.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;

/**
 * Each configuration mistake, run through a real {@link SpringApplication}: startup fails
 * (or warns) with a message naming the key as written, where it was written and the fix.
 */
@ExtendWith(OutputCaptureExtension.class)
class CorsPropertiesFailureTests {

	private static final String UNKNOWN_KEYS_OPTION = "set cors.unknown-keys=warn to log such keys at WARN instead";

	@Test
	void misspeltAllowCredentials(CapturedOutput output) {
		assertFailsToStart(config("allow-credential.yml"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: cors.policies.api.allow-credential\n")
			.contains("Origin: class path resource [cors-mistakes/allow-credential.yml], line 6")
			.contains("cors-starter does not define this key")
			.contains("cors.policies.api.allow-credential: Did you mean cors.policies.api.allow-credentials?")
			.contains(UNKNOWN_KEYS_OPTION);
	}

	@Test
	void springsAllowedOriginPatternsNamesAllowedOriginsAndIsNotReportedAsMissingOrigins(CapturedOutput output) {
		assertFailsToStart(config("allowed-origin-patterns.yml"));
		assertThat(output).contains("(1 problem)")
			.contains("Property: cors.policies.api.allowed-origin-patterns\n")
			.contains("class path resource [cors-mistakes/allowed-origin-patterns.yml], line 6")
			.contains("Did you mean cors.policies.api.allowed-origins? allowed-origins takes patterns too")
			.doesNotContain("Property: cors.policies.api.allowed-origins\n");
	}

	@Test
	void misspeltRequiredKeyIsReportedAsTheMisspellingNotAsAMissingValue(CapturedOutput output) {
		assertFailsToStart(config("allowed-orgins.yml"));
		assertThat(output).contains("(1 problem)")
			.contains("Property: cors.policies.api.allowed-orgins\n")
			.contains("class path resource [cors-mistakes/allowed-orgins.yml], line 5")
			.contains("Did you mean cors.policies.api.allowed-origins?")
			.doesNotContain("Property: cors.policies.api.allowed-origins\n");
	}

	@Test
	void misspeltRequiredKeyWithUnknownKeysWarnExplainsTheMissingValue(CapturedOutput output) {
		assertFailsToStart(config("allowed-orgins.yml"), "--cors.unknown-keys=warn");
		assertThat(output).contains("Unknown CORS property cors.policies.api.allowed-orgins")
			.contains("Property: cors.policies.api.allowed-origins\n")
			.contains("Keys cors-starter does not define were ignored; a misspelling may explain")
			.contains("cors.policies.api.allowed-orgins (class path resource [cors-mistakes/allowed-orgins.yml], "
					+ "line 5): Did you mean cors.policies.api.allowed-origins?")
			.doesNotContain(UNKNOWN_KEYS_OPTION);
	}

	@Test
	void policyInsteadOfPolicies(CapturedOutput output) {
		assertFailsToStart(config("policy.yml"));
		assertThat(output).contains("(2 problems)")
			.contains("Property: cors.policy.api.path-patterns\n")
			.contains("class path resource [cors-mistakes/policy.yml], line 4")
			.contains("cors.policy.api.path-patterns: Did you mean cors.policies.api.path-patterns?")
			.contains("cors.policy.api.allowed-origins: Did you mean cors.policies.api.allowed-origins?");
	}

	@Test
	void emptyPolicyKeyFailsAndWithWarnStartsWarningThatNoPolicyIsConfigured(CapturedOutput output) {
		assertFailsToStart(config("policy-empty.yml"));
		assertThat(output).contains("Property: cors.policy\n")
			.contains("class path resource [cors-mistakes/policy-empty.yml], line 3")
			.contains("cors.policy: Did you mean cors.policies?");
		try (ConfigurableApplicationContext context = run(config("policy-empty.yml"), "--cors.unknown-keys=warn")) {
			assertThat(context.getBeanNamesForType(CorsPolicyRegistry.class)).isEmpty();
		}
		assertThat(output)
			.contains("Unknown CORS property cors.policy (class path resource "
					+ "[cors-mistakes/policy-empty.yml], line 3) ignored: cors-starter does not define it. "
					+ "Did you mean cors.policies?")
			.contains("CORS properties are set but no policy is configured under cors.policies.<name>, so no CORS "
					+ "filter is installed. Properties seen: cors.unknown-keys (command line argument "
					+ "--cors.unknown-keys), cors.enabled (class path resource [cors-mistakes/policy-empty.yml], "
					+ "line 2), cors.policy (class path resource [cors-mistakes/policy-empty.yml], line 3)");
	}

	@Test
	void durationWithWordsNamesKeyValueAsWrittenAndAcceptedFormats(CapturedOutput output) {
		assertFailsToStart(config("max-age-words.yml"));
		assertThat(output).contains("Property: cors.policies.api.max-age\n")
			.contains("Value: \"10 minutes\"")
			.contains("Origin: class path resource [cors-mistakes/max-age-words.yml], line 6")
			.contains("'10 minutes' is not a duration: a number with a unit (ms, s, m, h, d) such as 10m")
			.contains("e.g. cors.policies.api.max-age=10m.")
			.doesNotContain(UNKNOWN_KEYS_OPTION);
	}

	@Test
	void unknownTopLevelKeyOnTheCommandLineWithUnknownKeysFailListsTheKnownKeys(CapturedOutput output) {
		assertFailsToStart(policy("--cors.foo=bar", "--cors.unknown-keys=fail"));
		assertThat(output).contains("Property: cors.foo\n")
			.contains("Origin: command line argument --cors.foo")
			.contains("cors.foo: Remove it, or use a key cors-starter defines: ")
			.contains("cors.filter-order", "cors.unknown-keys", "cors.policies.<name>.allowed-origins")
			.doesNotContain("\"bar\"");
	}

	@Test
	void foreignKeysStartWithOneWarningEachNamingWhereTheyWereSet(CapturedOutput output) {
		SpringApplication application = application();
		StandardEnvironment environment = environment(Map.of("CORS_PROXY_URL", "http://proxy.internal:3128"));
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, new MapPropertySource(
					StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, Map.of("cors.something", "1")));
		application.setEnvironment(environment);
		try (ConfigurableApplicationContext context = application
			.run(args(policy("--cors.tenant-directory-url=https://tenants.internal")))) {
			assertThat(context.getBean(CorsPolicyRegistry.class).current().policies()).hasSize(1);
		}
		assertThat(output)
			.containsOnlyOnce(
					"CORS property CORS_PROXY_URL (environment variable CORS_PROXY_URL) ignored: cors-starter "
							+ "does not define it, so it is left to the application.")
			.containsOnlyOnce("CORS property cors.something (system property cors.something) ignored")
			.containsOnlyOnce("CORS property cors.tenant-directory-url (command line argument "
					+ "--cors.tenant-directory-url) ignored")
			.containsPattern("WARN .* CORS property CORS_PROXY_URL")
			.doesNotContain("http://proxy.internal:3128")
			.doesNotContain("FAILED");
	}

	@Test
	void keysMeantForTheStarterFailWithSuggestionsWhereverTheyWereSet(CapturedOutput output) {
		SpringApplication application = application();
		application.setEnvironment(environment(Map.of("CORS_ALLOWEDORIGINS", "https://app.example.com")));
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> application
			.run(args(policy("--cors.policy.x=1", "--cors.policies.api.allowed-origin=https://admin.example.com"))));
		assertThat(output).contains("(3 problems)")
			.contains("CORS_ALLOWEDORIGINS: Did you mean cors.policies.<name>.allowed-origins? Policy keys go under a "
					+ "policy name, e.g. cors.policies.api.allowed-origins.")
			.contains("cors.policy.x: Did you mean cors.policies?")
			.contains("cors.policies.api.allowed-origin: Did you mean cors.policies.api.allowed-origins?")
			.contains("Origin: environment variable CORS_ALLOWEDORIGINS");
	}

	@Test
	void unknownKeysUnreadableValuesAndInvalidPoliciesAreOneFailureInTheOrderWritten(CapturedOutput output) {
		assertFailsToStart(config("several.yml"));
		String report = output.toString();
		assertThat(report).contains("(5 problems)");
		String file = "class path resource [cors-mistakes/several.yml], line ";
		List<String> expected = List.of("Property: cors.policies.api.allowed-origins[0]\n", file + "6\n",
				"Property: cors.policies.api.max-age\n", file + "7\n", "Property: cors.policies.api.allow-credential\n",
				file + "8\n", "Property: cors.filter-order\n", file + "9\n", "Property: cors.allowed-origins\n",
				file + "11\n", "Keys cors-starter does not define were ignored",
				"cors.proxy-url (" + file + "10): Remove it");
		int from = report.indexOf("APPLICATION FAILED TO START");
		for (String part : expected) {
			int at = report.indexOf(part, from);
			assertThat(at).as(part + " after position " + from).isGreaterThan(from);
			from = at;
		}
		assertThat(report).containsOnlyOnce("CORS property cors.proxy-url (" + file + "10) ignored");
	}

	@Test
	void everyProblemIsReportedAtOnce(CapturedOutput output) {
		assertFailsToStart(policy("--cors.policies.api.allow-credential=true", "--cors.policies.api.max-age=soon",
				"--cors.filter-order=first"));
		assertThat(output).contains("(3 problems)")
			.contains("Property: cors.policies.api.allow-credential\n")
			.contains("'soon' is not a duration")
			.contains("'first' is not a whole number");
	}

	@Test
	void environmentVariablesBindAsSpringBootBindsThem(CapturedOutput output) {
		SpringApplication application = application();
		application.setEnvironment(environment(Map.of("CORS_POLICIES_API_PATHPATTERNS", "/api/**",
				"CORS_POLICIES_API_ALLOWEDORIGINS_0_", "https://app.example.com", "CORS_POLICIES_API_ALLOWEDORIGINS_1_",
				"https://admin.example.com", "CORS_POLICIES_API_MAXAGE", "90", "CORS_UNKNOWNKEYS", "fail")));
		try (ConfigurableApplicationContext context = application.run(args())) {
			assertThat(context.getBean(CorsPolicyRegistry.class).current().policies().get(0).allowedOrigins())
				.containsExactly("https://app.example.com", "https://admin.example.com");
		}
		application.setEnvironment(environment(Map.of("CORS_POLICIES_API_PATHPATTERNS", "/api/**",
				"CORS_POLICIES_API_ALLOWEDORIGINS", "https://app.example.com")));
		try (ConfigurableApplicationContext context = application.run(args())) {
			assertThat(context.getBean(CorsPolicyRegistry.class).current().policies()).hasSize(1);
		}
		assertThat(output).doesNotContain("Unknown CORS property");
	}

	@Test
	void misspeltEnvironmentVariableIsReportedAsWritten(CapturedOutput output) {
		SpringApplication application = application();
		application.setEnvironment(
				environment(Map.of("CORS_POLICIES_API_PATHPATTERNS", "/api/**", "CORS_POLICIES_API_ALLOWEDORIGINS",
						"https://app.example.com", "CORS_POLICIES_API_ALLOWCREDENTIAL", "true")));
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> application.run(args()));
		assertThat(output).contains("Property: CORS_POLICIES_API_ALLOWCREDENTIAL\n")
			.contains("Origin: environment variable CORS_POLICIES_API_ALLOWCREDENTIAL")
			.contains("Did you mean cors.policies.api.allow-credentials?");
	}

	@Test
	void relaxedNamesInAPropertiesFileAreKnown(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run(config("relaxed.properties"))) {
			assertThat(context.getBean(CorsPolicyRegistry.class).current().policies().get(0).allowCredentials())
				.isTrue();
		}
		assertThat(output).doesNotContain("Unknown CORS property").doesNotContain("FAILED");
	}

	@Test
	void violationsSayWhereTheValueWasSetAndShowItAsWritten(CapturedOutput output) {
		assertFailsToStart(config("located.yml"));
		assertThat(output)
			.contains("Property: cors.policies.api.allowed-origins[1]\n" + "    Value: \"https://App.example.com\"\n"
					+ "    Origin: class path resource [cors-mistakes/located.yml], line 7");
	}

	@Test
	void warningsSayWhereTheValueWasSetOnceWithTheLevel(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run(config("max-age-3h.yml"))) {
			assertThat(context.getBean(CorsPolicyRegistry.class).current()).isNotNull();
		}
		assertThat(output)
			.containsPattern("WARN .* CORS configuration: cors.policies.api.max-age='3h' \\(class path "
					+ "resource \\[cors-mistakes/max-age-3h.yml\\], line 6\\): ")
			.doesNotContain("CORS configuration: WARN")
			.doesNotContain("PT3H");
	}

	@Test
	void startupLineNamesStackPoliciesOrderAndProductionRules(CapturedOutput output) {
		try (ConfigurableApplicationContext context = run(config("max-age-3h.yml"))) {
			assertThat(context.getBean(CorsPolicyRegistry.class).current()).isNotNull();
		}
		assertThat(output).containsPattern("INFO .* CORS filter installed on the reactive stack at order -2147483638 "
				+ "with 1 policy: api \\[/api/\\*\\*\\]; active profiles none; production rules off: no active profile "
				+ "in cors.production-profiles \\[prod, production\\]");
		try (ConfigurableApplicationContext context = run(policy("--spring.profiles.active=eu,production"))) {
			assertThat(context.getBean(CorsPolicyRegistry.class).current()).isNotNull();
		}
		assertThat(output).contains("production rules on: active profile 'production' is in "
				+ "cors.production-profiles [prod, production]");
	}

	@Test
	void overriddenListIsLocatedInTheSourceThatWonWithItsValueAsWritten(CapturedOutput output) {
		SpringApplication application = application();
		StandardEnvironment environment = new StandardEnvironment();
		MutablePropertySources sources = environment.getPropertySources();
		sources.addFirst(new MapPropertySource("lower",
				Map.of("cors.policies.api.path-patterns", "/api/**", "cors.policies.api.allowed-origins[0]",
						"https://app.example.com", "cors.policies.api.allowed-origins[1]",
						"https://admin.example.com")));
		sources.addFirst(new MapPropertySource("higher", Map.of("cors.policies.api.allowed-origins", "${app.origin}/",
				"app.origin", "https://app.example.com")));
		application.setEnvironment(environment);
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> application.run(args()));
		assertThat(output)
			.contains("Property: cors.policies.api.allowed-origins[0]\n" + "    Value: \"${app.origin}/\"\n"
					+ "    Origin: property source 'higher'")
			.doesNotContain("property source 'lower'");
	}

	@Test
	void overridingElementIsLocatedInTheSourceThatWonWithItsPlaceholder(CapturedOutput output) {
		SpringApplication application = application();
		StandardEnvironment environment = new StandardEnvironment();
		MutablePropertySources sources = environment.getPropertySources();
		sources.addFirst(new MapPropertySource("lower",
				Map.of("cors.policies.api.path-patterns", "/api/**", "cors.policies.api.allowed-origins[0]",
						"https://app.example.com", "cors.policies.api.allowed-origins[1]",
						"https://admin.example.com")));
		sources.addFirst(new MapPropertySource("higher", Map.of("cors.policies.api.allowed-origins[0]",
				"${app.origin}/", "app.origin", "https://app.example.com")));
		application.setEnvironment(environment);
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> application.run(args()));
		assertThat(output)
			.contains("Property: cors.policies.api.allowed-origins[0]\n" + "    Value: \"${app.origin}/\"\n"
					+ "    Origin: property source 'higher'")
			.contains("cors.policies.api.allowed-origins[0]: Remove the trailing slash: ${app.origin}")
			.doesNotContain("property source 'lower'");
	}

	private static String[] config(String file) {
		return new String[] { "--spring.config.location=classpath:/cors-mistakes/" + file };
	}

	private static String[] policy(String... more) {
		String[] args = new String[more.length + 2];
		args[0] = "--cors.policies.api.path-patterns=/api/**";
		args[1] = "--cors.policies.api.allowed-origins=https://app.example.com";
		System.arraycopy(more, 0, args, 2, more.length);
		return args;
	}

	private static void assertFailsToStart(String[] args, String... more) {
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> run(args, more).close());
	}

	private static ConfigurableApplicationContext run(String[] args, String... more) {
		String[] all = new String[args.length + more.length];
		System.arraycopy(args, 0, all, 0, args.length);
		System.arraycopy(more, 0, all, args.length, more.length);
		return application().run(args(all));
	}

	private static SpringApplication application() {
		SpringApplication application = new SpringApplication(TestApplication.class);
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		return application;
	}

	private static String[] args(String... more) {
		String[] args = new String[more.length + 2];
		args[0] = "--server.port=0";
		args[1] = "--spring.main.banner-mode=off";
		System.arraycopy(more, 0, args, 2, more.length);
		return args;
	}

	/**
	 * An environment whose variables are exactly these, as an operating system would pass
	 * them.
	 */
	private static StandardEnvironment environment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		return environment;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
