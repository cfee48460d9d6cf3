package dev.corsstarter.core.decision;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.internal.MapCorsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * A request is decided on every path the server may route it by, and the stricter
 * decision wins: a path the container resolves differently from the path as sent, or the
 * path Spring MVC maps controllers with under a servlet path, can never trade a policy
 * for a weaker one or for none. A method override the application honours must be allowed
 * too.
 */
class RoutedPathsTest {

	static final CorsEngine ENGINE = CorsEngine.create(List.of(
			CorsPolicy.builder("api")
				.pathPatterns("/api/**")
				.allowedOrigins("https://app.example.com")
				.allowedMethods("GET", "POST")
				.build(),
			CorsPolicy.builder("admin")
				.pathPatterns("/api/admin/**")
				.allowedOrigins("https://admin.example.com")
				.build(),
			CorsPolicy.builder("open").pathPatterns("/open/**").allowedOrigins("*").allowedMethods("*").build()));

	static Stream<Arguments> rows() {
		return Stream.of(
				row("context path entered twice: //ctx/api/x routed as /api/x",
						post("//ctx/api/x", EVIL).routedPath("/api/x"), "api", "rejected", "origin-not-allowed"),
				row("routed path allowed: same origin as the policy allows",
						post("//ctx/api/x", APP).routedPath("/api/x"), "api", "allowed", "allowed"),
				row("no policy on the raw path, a policy on the routed one",
						post("/ctx/..;/ctx/api/x", EVIL).routedPath("/api/x"), "api", "rejected", "origin-not-allowed"),
				row("open raw path, stricter routed path", post("/open/x", EVIL).routedPath("/api/admin/x"), "admin",
						"rejected", "origin-not-allowed"),
				row("allowed by the raw path's policy, refused by the routed path's",
						post("/api/x", APP).routedPath("/api/admin/x"), "admin", "rejected", "origin-not-allowed"),
				row("both allowed: the routed path's policy answers", post("/open/x", APP).routedPath("/api/x"), "api",
						"allowed", "allowed"),
				row("two routed paths, the second stricter",
						post("/app/api/x", APP).routedPath("/app/api/x").routedPath("/api/admin/x"), "admin",
						"rejected", "origin-not-allowed"),
				row("routed paths that select no policy change nothing", post("/api/x", APP).routedPath("/elsewhere"),
						"api", "allowed", "allowed"),
				row("no policy anywhere", post("/elsewhere", EVIL).routedPath("/other"), null, "no-policy",
						"no-policy"),
				row("override to an allowed method", post("/api/x", APP).methodOverride("POST"), "api", "allowed",
						"allowed"),
				row("override to a method the policy refuses", post("/api/x", APP).methodOverride("DELETE"), "api",
						"rejected", "method-not-allowed"),
				row("override on a wildcard-method policy", post("/open/x", APP).methodOverride("DELETE"), "open",
						"allowed", "allowed"),
				row("override is not asked of a same-origin request",
						post("/api/x", "https://api.example.com").methodOverride("DELETE"), "api", "not-cors",
						"same-origin"));
	}

	private static final String APP = "https://app.example.com";

	private static final String EVIL = "https://evil.example.org";

	private static MapCorsRequest.Builder post(String path, String origin) {
		return MapCorsRequest.request("POST", path).server("https", "api.example.com", -1).origin(origin);
	}

	private static Arguments row(String name, MapCorsRequest.Builder request, String policy, String outcome,
			String reason) {
		return argumentSet(name, request.build(), policy, outcome, reason);
	}

	@ParameterizedTest
	@MethodSource("rows")
	void strictestDecisionWins(MapCorsRequest request, String policy, String outcome, String reason) {
		CorsDecision decision = ENGINE.evaluate(request);

		assertThat(decision.policyName()).isEqualTo(policy);
		assertThat(decision.outcome().tag()).isEqualTo(outcome);
		assertThat(decision.reason().tag()).isEqualTo(reason);
	}

}
