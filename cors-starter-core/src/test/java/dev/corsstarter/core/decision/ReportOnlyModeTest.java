package dev.corsstarter.core.decision;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;
import dev.corsstarter.core.request.MapCorsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * A report-only policy decides as an enforced one does, but its decisions are marked not
 * enforced, and it never lifts or replaces the decision of an enforced policy that another
 * path of the same request selects.
 */
class ReportOnlyModeTest {

	private static final String APP = "https://app.example.com";

	private static final String EVIL = "https://evil.example.org";

	static final CorsEngine ENGINE = CorsEngine.create(List.of(
			CorsPolicy.builder("api").pathPatterns("/api/**").allowedOrigins(APP).allowedMethods("GET", "POST").build(),
			CorsPolicy.builder("trial").pathPatterns("/api/trial/**").allowedOrigins("https://new.example.com")
				.mode(PolicyMode.REPORT_ONLY).build(),
			CorsPolicy.builder("open").pathPatterns("/open/**").allowedOrigins("*").mode(PolicyMode.REPORT_ONLY)
				.build()));

	static Stream<Arguments> rows() {
		return Stream.of(
				row("report-only refusal: decided, not enforced, would answer 403", post("/api/trial/x", APP), "trial",
						"rejected", false, 403),
				row("report-only preflight allowed: would answer 204",
						MapCorsRequest.request("OPTIONS", "/api/trial/x").server("https", "api.example.com", -1)
							.origin("https://new.example.com").header("Access-Control-Request-Method", "POST"),
						"trial", "allowed", false, 204),
				row("enforced refusal stays enforced", post("/api/x", EVIL), "api", "rejected", true, 403),
				row("enforced refusal on the routed path beats a report-only allowance",
						post("/open/x", EVIL).routedPath("/api/x"), "api", "rejected", true, 403),
				row("report-only refusal on the routed path never replaces an enforced allowance",
						post("/api/x", APP).routedPath("/api/trial/x"), "api", "allowed", true, 0),
				row("two report-only candidates: the refusal is reported", post("/open/x", APP).routedPath("/api/trial/x"),
						"trial", "rejected", false, 403));
	}

	private static MapCorsRequest.Builder post(String path, String origin) {
		return MapCorsRequest.request("POST", path).server("https", "api.example.com", -1).origin(origin);
	}

	private static Arguments row(String name, MapCorsRequest.Builder request, String policy, String outcome,
			boolean enforced, int wouldAnswer) {
		return argumentSet(name, request.build(), policy, outcome, enforced, wouldAnswer);
	}

	@ParameterizedTest
	@MethodSource("rows")
	void decidesAndMarksTheMode(MapCorsRequest request, String policy, String outcome, boolean enforced,
			int wouldAnswer) {
		CorsDecision decision = ENGINE.evaluate(request);

		assertThat(decision.policyName()).isEqualTo(policy);
		assertThat(decision.outcome().tag()).isEqualTo(outcome);
		assertThat(decision.isEnforced()).isEqualTo(enforced);
		assertThat(decision.mode()).isEqualTo(enforced ? PolicyMode.ENFORCE : PolicyMode.REPORT_ONLY);
		assertThat(decision.shortCircuitStatus()).isEqualTo(wouldAnswer);
	}

	@Test
	void noPolicyIsEnforcedAndWritesNothing() {
		CorsDecision decision = ENGINE.evaluate(post("/elsewhere", EVIL).build());

		assertThat(decision.isEnforced()).isTrue();
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

}
