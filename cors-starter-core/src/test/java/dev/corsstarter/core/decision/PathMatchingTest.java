package dev.corsstarter.core.decision;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;
import dev.corsstarter.core.internal.MapCorsRequest;
import dev.corsstarter.core.request.PathMatching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Policies match the way the application's handler mappings match: when they ignore case,
 * or take {@code /x/} as {@code /x}, every policy a path selects that way decides too,
 * and the stricter decision wins. With Spring's defaults nothing changes.
 */
class PathMatchingTest {

	private static final String APP = "https://app.example.com";

	private static final String ACCOUNT = "https://account.example.com";

	private static final String EVIL = "https://evil.example.org";

	private static final PathMatching CASE = new PathMatching(true, false);

	private static final PathMatching SLASH = new PathMatching(false, true);

	private static final PathMatching DEFAULT = PathMatching.DEFAULT;

	static final CorsEngine ENGINE = CorsEngine.create(List.of(
			CorsPolicy.builder("api").pathPatterns("/api/**").allowedOrigins(APP).allowedMethods("GET", "POST").build(),
			CorsPolicy.builder("account").pathPatterns("/api/account/**").allowedOrigins(ACCOUNT).build(),
			CorsPolicy.builder("item").pathPatterns("/items/{id:[a-z]+}").allowedOrigins(APP).build(),
			CorsPolicy.builder("exact").pathPatterns("/exact").allowedOrigins(APP).build(),
			CorsPolicy.builder("Upper").pathPatterns("/UPPER/**").allowedOrigins(APP).build(),
			CorsPolicy.builder("watch")
				.pathPatterns("/watched/**")
				.allowedOrigins(APP)
				.mode(PolicyMode.REPORT_ONLY)
				.build(),
			CorsPolicy.builder("open").pathPatterns("/open/**").allowedOrigins("*").allowedMethods("*").build()));

	static Stream<Arguments> rows() {
		return Stream.of(
				row("case-sensitive: /API/items is no policy's", DEFAULT, post("/API/items", EVIL), null, "no-policy"),
				row("ignoring case: /API/items is api's", CASE, post("/API/items", EVIL), "api", "rejected"),
				row("ignoring case: the allowed origin still passes", CASE, post("/API/items", APP), "api", "allowed"),
				row("ignoring case: a mixed-case path", CASE, post("/Api/ITEMS", EVIL), "api", "rejected"),
				row("ignoring case: the narrower policy decides", CASE, post("/Api/account/me", APP), "account",
						"rejected"),
				row("ignoring case: the narrower policy's origin", CASE, post("/API/ACCOUNT/me", ACCOUNT), "account",
						"allowed"),
				row("ignoring case: account's origin, but api's case-sensitively", CASE,
						post("/api/ACCOUNT/me", ACCOUNT), "api", "rejected"),
				row("case-sensitive: the same request is api's alone", DEFAULT, post("/api/ACCOUNT/me", ACCOUNT), "api",
						"rejected"),
				row("case-sensitive: api's origin", DEFAULT, post("/api/ACCOUNT/me", APP), "api", "allowed"),
				row("ignoring case: api's origin, but account's ignoring case", CASE, post("/api/ACCOUNT/me", APP),
						"account", "rejected"),
				row("ignoring case: a regex variable", CASE, post("/ITEMS/ABC", EVIL), "item", "rejected"),
				row("case-sensitive: the regex refuses upper case", DEFAULT, post("/items/ABC", EVIL), null,
						"no-policy"),
				row("ignoring case: an upper-case pattern, lower-case path", CASE, post("/upper/x", EVIL), "Upper",
						"rejected"),
				row("ignoring case: a non-normalised path", CASE, post("//API//items", EVIL), "api", "rejected"),
				row("ignoring case: a routed path", CASE, post("/x", EVIL).routedPath("/API/items"), "api", "rejected"),
				row("ignoring case: report-only never lifts an enforced refusal", CASE,
						post("/WATCHED/x", EVIL).routedPath("/API/x"), "api", "rejected"),
				row("ignoring case: an open policy and a stricter one both match", CASE,
						post("/open/x", EVIL).routedPath("/API/account/x"), "account", "rejected"),
				row("ignoring case: no policy anywhere", CASE, post("/elsewhere", EVIL), null, "no-policy"),
				row("trailing slash kept: /exact/ is no policy's", DEFAULT, post("/exact/", EVIL), null, "no-policy"),
				row("trailing slash matching: /exact/ is exact's", SLASH, post("/exact/", EVIL), "exact", "rejected"),
				row("trailing slash matching: allowed origin", SLASH, post("/exact/", APP), "exact", "allowed"),
				row("trailing slash matching: case still counts", SLASH, post("/EXACT/", EVIL), null, "no-policy"),
				row("both: /EXACT/", PathMatching.WIDEST, post("/EXACT/", EVIL), "exact", "rejected"),
				row("both: the root path", PathMatching.WIDEST, post("/", EVIL), null, "no-policy"));
	}

	private static MapCorsRequest.Builder post(String path, String origin) {
		return MapCorsRequest.request("POST", path).server("https", "api.example.com", -1).origin(origin);
	}

	private static Arguments row(String name, PathMatching matching, MapCorsRequest.Builder request, String policy,
			String outcome) {
		return argumentSet(name, request.pathMatching(matching).build(), policy, outcome);
	}

	@ParameterizedTest
	@MethodSource("rows")
	void policiesMatchTheWayTheApplicationRoutes(MapCorsRequest request, String policy, String outcome) {
		CorsDecision decision = ENGINE.evaluate(request);

		assertThat(decision.policyName()).isEqualTo(policy);
		assertThat(decision.outcome().tag()).isEqualTo(outcome);
		assertThat(decision.isEnforced() || !decision.hasPolicy()).isTrue();
	}

}
