package dev.corsstarter.autoconfigure.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.lifecycle.PolicyChange;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;
import dev.corsstarter.core.validation.ViolationRule;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The policy lifecycle over real HTTP: report-only policies are decided, logged and
 * counted but never enforced; a change from code or from the environment applies to the
 * next request, and a bad change is refused while the previous policies keep serving.
 * Subclasses choose the stack.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(locations = "classpath:cors-lifecycle-it.properties")
abstract class AbstractPolicyLifecycleIntegrationTests {

	static final String APP = "https://app.example.com";

	static final String PARTNER = "https://partner.example.org";

	private static final String LIVE_SOURCE = "live-cors-change";

	@LocalServerPort
	int port;

	@Autowired
	CorsPolicyRegistry policies;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ConfigurableApplicationContext context;

	private List<CorsPolicy> initial;

	@org.junit.jupiter.api.BeforeEach
	void rememberPolicies() {
		this.initial = this.policies.current().policies();
	}

	@AfterEach
	void restorePolicies() {
		this.context.getEnvironment().getPropertySources().remove(LIVE_SOURCE);
		this.policies.replace(this.initial);
	}

	@Test
	void reportOnlyRefusalReachesTheApplicationWithoutCorsHeadersAndIsCounted(CapturedOutput output) throws Exception {
		double before = reportOnlyRejections();
		String id = UUID.randomUUID().toString();

		RawHttpClient.Response response = send("POST", "/trial/orders", PARTNER, id);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("hello");
		assertThat(LifecycleTestApplication.reached).contains(id);
		assertThat(response.accessControlHeaderNames()).isEmpty();
		assertThat(response.varyTokens()).doesNotContain("Origin");
		assertThat(reportOnlyRejections()).isEqualTo(before + 1);
		assertThat(output).contains("\"/trial/orders\" origin=\"" + PARTNER + "\"")
			.contains("policy=trial type=actual decision=rejected reason=origin-not-allowed status=chain "
					+ "mode=report-only enforced-status=403");
	}

	@Test
	void reportOnlyPreflightIsLeftToTheApplication() throws Exception {
		RawHttpClient.Response response = RawHttpClient.send(this.port, "OPTIONS", "/trial/orders",
				List.of(Map.entry("Origin", APP), Map.entry("Access-Control-Request-Method", "POST")));

		assertThat(response.status()).isNotEqualTo(204).isLessThan(500);
		assertThat(response.value("Access-Control-Allow-Origin")).isNull();
		assertThat(response.value("Access-Control-Max-Age")).isNull();
	}

	@Test
	void enforcedPoliciesBesideAReportOnlyOneStillRefuse() throws Exception {
		String id = UUID.randomUUID().toString();

		RawHttpClient.Response response = send("POST", "/api/orders", PARTNER, id);

		assertThat(response.status()).isEqualTo(403);
		assertThat(LifecycleTestApplication.reached).doesNotContain(id);
	}

	@Test
	void aReportOnlyPolicyOnANarrowerPathNeverLiftsTheEnforcedOneAndIsObserved(CapturedOutput output) throws Exception {
		double apiRejections = requests("api", "rejected", "enforce");
		double acctAllowances = requests("acct", "allowed", "report-only");
		String id = UUID.randomUUID().toString();

		RawHttpClient.Response refused = send("POST", "/api/account/me", PARTNER, id);

		assertThat(refused.status()).isEqualTo(403);
		assertThat(LifecycleTestApplication.reached).doesNotContain(id);
		assertThat(refused.value("Access-Control-Allow-Origin")).isNull();
		assertThat(requests("api", "rejected", "enforce")).isEqualTo(apiRejections + 1);
		assertThat(requests("acct", "allowed", "report-only")).isEqualTo(acctAllowances + 1);
		assertThat(output).contains("\"/api/account/me\" origin=\"" + PARTNER + "\"")
			.contains("policy=api type=actual decision=rejected reason=origin-not-allowed status=403 headers={Vary: "
					+ "\"Origin\"} observed: policy=acct type=actual decision=allowed reason=allowed mode=report-only "
					+ "enforced-status=chain");
	}

	@Test
	void theEnforcedPolicyAllowsUnderANarrowerReportOnlyOneThatWouldRefuse() throws Exception {
		double acctRejections = requests("acct", "rejected", "report-only");
		String id = UUID.randomUUID().toString();

		RawHttpClient.Response allowed = send("POST", "/api/account/me", APP, id);

		assertThat(allowed.status()).isEqualTo(200);
		assertThat(LifecycleTestApplication.reached).contains(id);
		assertThat(allowed.value("Access-Control-Allow-Origin")).isEqualTo(APP);
		assertThat(requests("acct", "rejected", "report-only")).isEqualTo(acctRejections + 1);
	}

	@Test
	void theDryRunShowsTheEnforcedDecisionAndTheReportOnlyObservation() throws Exception {
		RawHttpClient.Response response = RawHttpClient.send(this.port, "GET",
				"/actuator/cors?path=/api/account/me&origin=" + PARTNER + "&method=POST", List.of());

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("\"decision\":\"rejected\",\"policy\":\"api\"")
			.contains("\"status\":403")
			.contains("\"mode\":\"enforce\"")
			.contains("\"reportOnly\":{\"decision\":\"allowed\",\"policy\":\"acct\",\"reason\":\"allowed\"")
			.contains("\"Access-Control-Allow-Origin\":\"" + PARTNER + "\"");
	}

	@Test
	void theReportOnlyWarningNamesTheEnforcedPolicyThatKeepsDecidingOnEveryChange(CapturedOutput output)
			throws Exception {
		String acct = "Policy 'acct' is report-only: its decisions are logged and counted but not enforced; the "
				+ "enforced policy 'api' (/api/**) keeps deciding on its paths";
		assertThat(RawHttpClient.send(this.port, "GET", "/actuator/cors", List.of()).body()).contains(acct)
			.contains("Policy 'trial' is report-only: its decisions are logged and counted but not enforced; no "
					+ "enforced policy matches its paths");

		this.policies.replace(withApiOrigins(APP, PARTNER));

		assertThat(output.toString().substring(output.toString().lastIndexOf("CORS policies changed"))).contains("WARN")
			.contains(acct);
	}

	@Test
	void replacedPoliciesDecideTheNextRequestAndABadReplacementIsRefused(CapturedOutput output) throws Exception {
		long generation = this.policies.generation();
		String fingerprint = this.policies.current().fingerprint();
		assertThat(send("GET", "/api/orders", PARTNER, "r1").status()).isEqualTo(403);

		PolicyChange applied = this.policies.replace(withApiOrigins(APP, PARTNER));

		assertThat(applied.outcome()).isEqualTo(PolicyChange.Outcome.APPLIED);
		assertThat(applied.generation()).isEqualTo(generation + 1);
		assertThat(applied.fingerprint()).isNotEqualTo(fingerprint);
		RawHttpClient.Response allowed = send("GET", "/api/orders", PARTNER, "r2");
		assertThat(allowed.status()).isEqualTo(200);
		assertThat(allowed.value("Access-Control-Allow-Origin")).isEqualTo(PARTNER);

		PolicyChange refused = this.policies.replace(List
			.of(CorsPolicy.builder("api").pathPatterns("/api/**").allowedOrigins("*").allowCredentials(true).build()));

		assertThat(refused.outcome()).isEqualTo(PolicyChange.Outcome.REFUSED);
		assertThat(refused.violations()).extracting(v -> v.rule()).contains(ViolationRule.WILDCARD_WITH_CREDENTIALS);
		assertThat(refused.generation()).isEqualTo(generation + 1);
		assertThat(this.policies.generation()).isEqualTo(generation + 1);
		assertThat(send("GET", "/api/orders", PARTNER, "r3").value("Access-Control-Allow-Origin")).isEqualTo(PARTNER);
		assertThat(send("GET", "/api/orders", "https://other.example.net", "r4").status()).isEqualTo(403);
		assertThat(output)
			.containsPattern("WARN .* CORS policy change requested by application code "
					+ "\\(CorsPolicyRegistry.replace\\) refused; generation " + (generation + 1))
			.doesNotContain("CORS policy change from the configuration refused")
			.contains("Description:")
			.contains("cors.policies.api.allowed-origins");
	}

	@Test
	void anEnvironmentChangeReloadsThePoliciesThroughTheStartupChecks(CapturedOutput output) throws Exception {
		long generation = this.policies.generation();
		double applied = reloads("applied");
		double refused = reloads("refused");

		changeEnvironment(Map.of("cors.policies.api.allowed-origins", APP + "," + PARTNER));

		assertThat(this.policies.generation()).isEqualTo(generation + 1);
		assertThat(send("GET", "/api/orders", PARTNER, "e1").value("Access-Control-Allow-Origin")).isEqualTo(PARTNER);
		assertThat(reloads("applied")).isEqualTo(applied + 1);
		assertThat(this.meters.get("cors.policy.generation").gauge().value()).isEqualTo(generation + 1);
		assertThat(output).contains("CORS policies changed by the configuration: generation " + (generation + 1));

		// a misspelt key is refused as at startup, and the previous policies keep serving
		changeEnvironment(Map.of("cors.policies.api.allowed-origins", APP + "," + PARTNER,
				"cors.policies.api.allow-credential", "true"));

		assertThat(this.policies.generation()).isEqualTo(generation + 1);
		PolicyChange last = this.policies.lastChange();
		assertThat(last.outcome()).isEqualTo(PolicyChange.Outcome.REFUSED);
		assertThat(last.violations()).extracting(v -> v.rule()).contains(ViolationRule.UNKNOWN_KEY);
		assertThat(last.violations()).extracting(v -> String.valueOf(v.suggestedValue()) + " " + v.action())
			.anyMatch(fix -> fix.contains("allow-credentials"));
		assertThat(reloads("refused")).isEqualTo(refused + 1);
		assertThat(send("GET", "/api/orders", PARTNER, "e2").value("Access-Control-Allow-Origin")).isEqualTo(PARTNER);
		assertThat(output).containsPattern("ERROR .* CORS policy change from the configuration refused")
			.contains("cors.policies.api.allow-credential");
	}

	@Test
	void theEndpointShowsGenerationFingerprintLastReloadAndModes() throws Exception {
		this.policies.replace(withApiOrigins(APP, PARTNER));
		this.policies.replace(
				List.of(CorsPolicy.builder("api").pathPatterns("/api/**").allowedOrigins("https://*.com").build()));

		RawHttpClient.Response response = RawHttpClient.send(this.port, "GET", "/actuator/cors", List.of());

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("\"generation\":" + this.policies.generation())
			.contains("\"fingerprint\":\"" + this.policies.current().fingerprint() + "\"")
			.contains("\"lastReload\":{\"outcome\":\"refused\"")
			.contains("\"rule\":\"public-suffix-wildcard\"")
			.contains("\"mode\":\"report-only\"")
			.contains("\"mode\":\"enforce\"");
	}

	private void changeEnvironment(Map<String, Object> values) {
		var sources = this.context.getEnvironment().getPropertySources();
		sources.remove(LIVE_SOURCE);
		sources.addFirst(new MapPropertySource(LIVE_SOURCE, values));
		this.context.publishEvent(new EnvironmentChangeEvent(this.context, Set.copyOf(values.keySet())));
	}

	private List<CorsPolicy> withApiOrigins(String... origins) {
		List<CorsPolicy> result = new ArrayList<>();
		for (CorsPolicy policy : this.initial) {
			result.add(policy.name().equals("api") ? CorsPolicy.builder("api")
				.pathPatterns("/api/**")
				.allowedOrigins(origins)
				.allowedMethods("GET", "POST")
				.mode(PolicyMode.ENFORCE)
				.build() : policy);
		}
		return result;
	}

	private RawHttpClient.Response send(String method, String path, String origin, String id) throws Exception {
		return RawHttpClient.send(this.port, method, path,
				List.of(Map.entry("Origin", origin), Map.entry("X-Request-Id", id), Map.entry("Content-Length", "0")));
	}

	private double reportOnlyRejections() {
		return requests("trial", "rejected", "report-only");
	}

	private double requests(String policy, String outcome, String mode) {
		var counter = this.meters.find("cors.requests")
			.tags("policy", policy, "outcome", outcome, "mode", mode)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double reloads(String outcome) {
		return this.meters.get("cors.policy.reloads")
			.tag("outcome", outcome)
			.functionCounters()
			.stream()
			.mapToDouble(counter -> counter.count())
			.sum();
	}

}
