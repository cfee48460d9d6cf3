package dev.corsstarter.core.decision;

import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.HttpStatus;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;
import dev.corsstarter.core.internal.MapCorsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * A report-only policy decides as an enforced one does, but it never decides against
 * enforcement: where it is the most specific policy of a path, the most specific enforced
 * policy that also matches decides and the report-only decision is only observed (carried
 * by the decision for logs, metrics and the dry run). Where no enforced policy matches,
 * the report-only decision is the decision, marked not enforced. The same holds on every
 * path of a request (raw, normalised, routed).
 */
class ReportOnlyModeTest {

	private static final String APP = "https://app.example.com";

	private static final String PARTNER = "https://partner.example.org";

	private static final String EVIL = "https://evil.example.org";

	static final CorsEngine ENGINE = CorsEngine.create(List.of(
			CorsPolicy.builder("api").pathPatterns("/api/**").allowedOrigins(APP).allowedMethods("GET", "POST").build(),
			CorsPolicy.builder("acct")
				.pathPatterns("/api/account/**")
				.allowedOrigins(PARTNER)
				.allowedMethods("GET", "POST")
				.mode(PolicyMode.REPORT_ONLY)
				.build(),
			CorsPolicy.builder("beta")
				.pathPatterns("/api/account/beta/**")
				.allowedOrigins("*")
				.mode(PolicyMode.REPORT_ONLY)
				.build(),
			CorsPolicy.builder("admin").pathPatterns("/api/account/admin/**").allowedOrigins(PARTNER).build(),
			CorsPolicy.builder("items")
				.pathPatterns("/api/{kind}/items")
				.allowedOrigins(EVIL)
				.mode(PolicyMode.REPORT_ONLY)
				.build(),
			CorsPolicy.builder("open")
				.pathPatterns("/open/**")
				.allowedOrigins("*")
				.mode(PolicyMode.REPORT_ONLY)
				.build()));

	static Stream<Arguments> plainPaths() {
		return Stream.of(
				row("cross-site POST the report-only policy would allow stays refused by the enforced one",
						post("/api/account/me", PARTNER), "api", "rejected", 403, "acct", "allowed", 0),
				row("allowed by the enforced policy, observed refusal of the report-only one",
						post("/api/account/me", APP), "api", "allowed", 0, "acct", "rejected", 403),
				row("refused by both", post("/api/account/me", EVIL), "api", "rejected", 403, "acct", "rejected", 403),
				row("preflight the report-only policy would answer 204 is refused",
						preflight("/api/account/me", PARTNER), "api", "rejected", 403, "acct", "allowed", 204),
				row("preflight allowed by the enforced policy", preflight("/api/account/me", APP), "api", "allowed",
						204, "acct", "rejected", 403),
				row("the most specific report-only policy is observed, past another report-only one",
						post("/api/account/beta/x", EVIL), "api", "rejected", 403, "beta", "allowed", 0),
				row("an enforced policy more specific than the report-only one decides alone",
						post("/api/account/admin/x", PARTNER), "admin", "allowed", 0, null, null, 0),
				row("report-only with a capture pattern", post("/api/orders/items", EVIL), "api", "rejected", 403,
						"items", "allowed", 0),
				row("no report-only policy on the path", post("/api/items", PARTNER), "api", "rejected", 403, null,
						null, 0),
				row("no enforced policy: the report-only decision, not enforced", post("/open/x", EVIL), "open",
						"allowed", 0, null, null, 0),
				row("no origin: both see a request that is not cross-origin",
						MapCorsRequest.request("POST", "/api/account/me").server("https", "api.example.com", -1), "api",
						"not-cors", 0, "acct", "not-cors", 0));
	}

	static Stream<Arguments> nonPlainPaths() {
		return Stream.of(
				row("empty segment", post("/api//account/me", PARTNER), "api", "rejected", 403, "acct", "allowed", 0),
				row("dot segment", post("/api/account/./me", PARTNER), "api", "rejected", 403, "acct", "allowed", 0),
				row("path parameter", post("/api/account;v=1/me", PARTNER), "api", "rejected", 403, "acct", "allowed",
						0),
				row("encoded letter", post("/api/%61ccount/me", PARTNER), "api", "rejected", 403, "acct", "allowed", 0),
				row("trailing slash", post("/api/account/me/", PARTNER), "api", "rejected", 403, "acct", "allowed", 0),
				row("dot-dot into the report-only area", post("/open/../api/account/me", PARTNER), "api", "rejected",
						403, "acct", "allowed", 0),
				row("routed path into the report-only area", post("/open/x", PARTNER).routedPath("/api/account/me"),
						"api", "rejected", 403, "acct", "allowed", 0),
				row("report-only refusal on the routed path never replaces an enforced allowance",
						post("/api/x", APP).routedPath("/api/account/me"), "api", "allowed", 0, "acct", "rejected",
						403),
				row("enforced refusal on the routed path beats a report-only allowance",
						post("/open/x", EVIL).routedPath("/api/x"), "api", "rejected", 403, "open", "allowed", 0),
				row("two report-only candidates: the refusal is observed",
						post("/open/x", APP).routedPath("/api/account/me"), "api", "allowed", 0, "acct", "rejected",
						403));
	}

	private static MapCorsRequest.Builder post(String path, String origin) {
		return MapCorsRequest.request("POST", path).server("https", "api.example.com", -1).origin(origin);
	}

	private static MapCorsRequest.Builder preflight(String path, String origin) {
		return MapCorsRequest.request("OPTIONS", path)
			.server("https", "api.example.com", -1)
			.origin(origin)
			.header("Access-Control-Request-Method", "POST");
	}

	private static Arguments row(String name, MapCorsRequest.Builder request, String policy, String outcome, int status,
			@Nullable String observedPolicy, @Nullable String observedOutcome, int observedWouldAnswer) {
		return argumentSet(name, request.build(), policy, outcome, status, observedPolicy, observedOutcome,
				observedWouldAnswer);
	}

	@ParameterizedTest
	@MethodSource("plainPaths")
	void onPlainPathsTheEnforcedPolicyDecides(MapCorsRequest request, String policy, String outcome, int status,
			@Nullable String observedPolicy, @Nullable String observedOutcome, int observedWouldAnswer) {
		assertThat(PolicyRoutes.isPlain(request.rawPath())).isTrue();
		assertDecision(ENGINE.evaluate(request), policy, outcome, status, observedPolicy, observedOutcome,
				observedWouldAnswer);
	}

	@ParameterizedTest
	@MethodSource("nonPlainPaths")
	void onEveryPathOfARequestTheEnforcedPolicyDecides(MapCorsRequest request, String policy, String outcome,
			int status, @Nullable String observedPolicy, @Nullable String observedOutcome, int observedWouldAnswer) {
		assertDecision(ENGINE.evaluate(request), policy, outcome, status, observedPolicy, observedOutcome,
				observedWouldAnswer);
	}

	private static void assertDecision(CorsDecision decision, String policy, String outcome, int status,
			@Nullable String observedPolicy, @Nullable String observedOutcome, int observedWouldAnswer) {
		assertThat(decision.policyName()).isEqualTo(policy);
		assertThat(decision.outcome().tag()).isEqualTo(outcome);
		assertThat(status(decision)).isEqualTo(status);
		boolean reportOnly = decision.compiledPolicy().mode() == PolicyMode.REPORT_ONLY;
		assertThat(decision.isEnforced()).isEqualTo(!reportOnly);
		assertThat(decision.mode()).isEqualTo(reportOnly ? PolicyMode.REPORT_ONLY : PolicyMode.ENFORCE);
		CorsDecision observed = decision.observed();
		if (observedPolicy == null) {
			assertThat(observed).isNull();
			return;
		}
		assertThat(decision.isEnforced()).as("a report-only decision is observed only beside an enforced one").isTrue();
		assertThat(observed).isNotNull();
		assertThat(observed.policyName()).isEqualTo(observedPolicy);
		assertThat(observed.outcome().tag()).isEqualTo(observedOutcome);
		assertThat(observed.isEnforced()).isFalse();
		assertThat(observed.mode()).isEqualTo(PolicyMode.REPORT_ONLY);
		assertThat(status(observed)).isEqualTo(observedWouldAnswer);
		assertThat(observed.observed()).isNull();
	}

	@Test
	void aPathWithoutAReportOnlyPolicyAllocatesNoObservation() {
		CorsDecision decision = ENGINE.evaluate(post("/api/items", APP).build());

		assertThat(decision.observed()).isNull();
		assertThat(decision.policyName()).isEqualTo("api");
	}

	@Test
	void noPolicyIsEnforcedAndWritesNothing() {
		CorsDecision decision = ENGINE.evaluate(post("/elsewhere", EVIL).build());

		assertThat(decision.isEnforced()).isTrue();
		assertThat(decision.observed()).isNull();
		assertThat(decision.responseHeaders()).isEmpty();
	}

	@Test
	void theModeChangesTheFingerprint() {
		CorsPolicy.Builder policy = CorsPolicy.builder("api").pathPatterns("/api/**").allowedOrigins(APP);
		String enforced = CorsEngine.create(List.of(policy.build())).fingerprint();
		String reportOnly = CorsEngine.create(List.of(policy.mode(PolicyMode.REPORT_ONLY).build())).fingerprint();
		String enforcedAgain = CorsEngine.create(List.of(policy.mode(PolicyMode.ENFORCE).build())).fingerprint();

		assertThat(reportOnly).isNotEqualTo(enforced);
		assertThat(enforcedAgain).isEqualTo(enforced);
	}

	@Test
	void tagsAreTheConfiguredValues() {
		assertThat(PolicyMode.ENFORCE.tag()).isEqualTo("enforce");
		assertThat(PolicyMode.REPORT_ONLY.tag()).isEqualTo("report-only");
	}

	/** The status the filter answers with itself, or 0 when it continues the chain. */
	private static int status(CorsDecision decision) {
		HttpStatus status = decision.action().status();
		return (status != null) ? status.value() : 0;
	}

}
