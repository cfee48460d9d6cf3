package dev.corsstarter.autoconfigure.lifecycle;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.corsstarter.autoconfigure.lifecycle.PolicyChange.Difference;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * What a change adds and removes, and whether each difference loosens protection: one row
 * per kind of change, each applied to one serving policy (or to two, for policies added
 * and removed). The policies are compiled first, as the registry compares them.
 */
class PolicyDiffTests {

	private static final String API = "cors.policies.api";

	private static final CorsPolicy.Builder SERVING = CorsPolicy.builder("api")
		.pathPatterns("/api/**", "/v2/**")
		.allowedOrigins("https://app.example.com", "https://*.preview.example.com")
		.allowedMethods("GET", "POST")
		.allowedHeaders("Content-Type")
		.exposedHeaders("X-Request-Id")
		.maxAge(Duration.ofMinutes(10));

	static Stream<Arguments> changes() {
		return Stream.of(
				row("an origin added loosens",
						b -> b.allowedOrigins("https://app.example.com", "https://*.preview.example.com",
								"https://partner.example.org"),
						change("allowed-origins", List.of("https://partner.example.org"), List.of(), true)),
				row("an origin removed tightens", b -> b.allowedOrigins("https://app.example.com"),
						change("allowed-origins", List.of(), List.of("https://*.preview.example.com"), false)),
				row("an origin replaced is one loosening and one tightening difference",
						b -> b.allowedOrigins("https://app.example.com", "https://*.example.com"),
						change("allowed-origins", List.of("https://*.example.com"), List.of(), true),
						change("allowed-origins", List.of(), List.of("https://*.preview.example.com"), false)),
				row("the order of origins is no change",
						b -> b.allowedOrigins("https://*.preview.example.com", "https://app.example.com")),
				row("a method added loosens", b -> b.allowedMethods("GET", "POST", "DELETE"),
						change("allowed-methods", List.of("DELETE"), List.of(), true)),
				row("a method removed tightens", b -> b.allowedMethods("GET"),
						change("allowed-methods", List.of(), List.of("POST"), false)),
				row("a header added loosens", b -> b.allowedHeaders("Content-Type", "Authorization"),
						change("allowed-headers", List.of("Authorization"), List.of(), true)),
				row("a header removed tightens", b -> b.allowedHeaders(List.of()),
						change("allowed-headers", List.of(), List.of("Content-Type"), false)),
				row("the case of a header name is no change", b -> b.allowedHeaders("content-type")),
				row("an exposed header added loosens", b -> b.exposedHeaders("X-Request-Id", "X-Total"),
						change("exposed-headers", List.of("X-Total"), List.of(), true)),
				row("an exposed header removed tightens", b -> b.exposedHeaders(List.of()),
						change("exposed-headers", List.of(), List.of("X-Request-Id"), false)),
				row("credentials turned on loosen", b -> b.allowCredentials(true),
						change("allow-credentials", List.of("true"), List.of("false"), true)),
				row("private network access turned on loosens", b -> b.allowPrivateNetwork(true),
						change("allow-private-network", List.of("true"), List.of("false"), true)),
				row("max-age raised loosens", b -> b.maxAge(Duration.ofMinutes(30)),
						change("max-age", List.of("1800s"), List.of("600s"), true)),
				row("max-age lowered tightens", b -> b.maxAge(Duration.ofMinutes(1)),
						change("max-age", List.of("60s"), List.of("600s"), false)),
				row("report-only turned on loosens", b -> b.mode(PolicyMode.REPORT_ONLY),
						change("mode", List.of("report-only"), List.of("enforce"), true)),
				row("a path pattern removed loosens", b -> b.pathPatterns("/api/**"),
						change("path-patterns", List.of(), List.of("/v2/**"), true)),
				row("a path pattern added tightens", b -> b.pathPatterns("/api/**", "/v2/**", "/v3/**"),
						change("path-patterns", List.of("/v3/**"), List.of(), false)),
				row("nothing changed", b -> b));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("changes")
	void eachChangeIsOneDifferencePerDirection(String description, CorsPolicy serving, CorsPolicy candidate,
			List<Difference> expected) {
		assertThat(PolicyDiff.between(compiled(serving), compiled(candidate))).containsExactlyElementsOf(expected);
	}

	static Stream<Arguments> turnedOff() {
		return Stream.of(
				arguments("credentials turned off",
						CorsPolicy.builder("api")
							.pathPatterns("/api/**")
							.allowedOrigins("https://app.example.com")
							.allowCredentials(true)
							.build(),
						"allow-credentials"),
				arguments("private network access turned off",
						CorsPolicy.builder("api")
							.pathPatterns("/api/**")
							.allowedOrigins("https://app.example.com")
							.allowPrivateNetwork(true)
							.build(),
						"allow-private-network"),
				arguments("report-only turned off",
						CorsPolicy.builder("api")
							.pathPatterns("/api/**")
							.allowedOrigins("https://app.example.com")
							.mode(PolicyMode.REPORT_ONLY)
							.build(),
						"mode"));
	}

	@ParameterizedTest(name = "{0} tightens")
	@MethodSource("turnedOff")
	void turningAnAllowanceOffTightens(String description, CorsPolicy serving, String property) {
		CorsPolicy candidate = CorsPolicy.builder("api")
			.pathPatterns("/api/**")
			.allowedOrigins("https://app.example.com")
			.build();

		assertThat(PolicyDiff.between(compiled(serving), compiled(candidate))).singleElement().satisfies(difference -> {
			assertThat(difference.property()).isEqualTo(API + "." + property);
			assertThat(difference.loosens()).isFalse();
		});
	}

	static Stream<Arguments> policies() {
		CorsPolicy api = SERVING.build();
		CorsPolicy trial = CorsPolicy.builder("trial")
			.pathPatterns("/trial/**")
			.allowedOrigins("https://app.example.com")
			.build();
		Difference trialRemoved = new Difference("trial", "cors.policies.trial", List.of(), List.of("/trial/**"), true);
		return Stream.of(
				arguments("a policy removed loosens", List.of(api, trial), List.of(api), List.of(trialRemoved)),
				arguments("a policy added tightens", List.of(api), List.of(api, trial),
						List.of(new Difference("trial", "cors.policies.trial", List.of("/trial/**"), List.of(),
								false))),
				arguments("a policy renamed is one removed and one added", List.of(trial),
						List.of(CorsPolicy.builder("beta")
							.pathPatterns("/trial/**")
							.allowedOrigins("https://app.example.com")
							.build()),
						List.of(trialRemoved,
								new Difference("beta", "cors.policies.beta", List.of("/trial/**"), List.of(), false))),
				arguments("every policy removed", List.of(api, trial), List.of(), List
					.of(new Difference("api", API, List.of(), List.of("/api/**", "/v2/**"), true), trialRemoved)));
	}

	static Stream<Arguments> takeOvers() {
		CorsPolicy api = CorsPolicy.builder("api")
			.pathPatterns("/api/**")
			.allowedOrigins("https://app.example.com")
			.build();
		CorsPolicy wide = CorsPolicy.builder("wide")
			.pathPatterns("/wide/**")
			.allowedOrigins("https://app.example.com", "https://partner.example.org")
			.build();
		CorsPolicy narrow = CorsPolicy.builder("narrow")
			.pathPatterns("/narrow/**")
			.allowedOrigins("https://app.example.com")
			.allowedMethods("GET")
			.build();
		return Stream.of(
				arguments("a policy added on paths no policy covered tightens", List.of(api), List.of(
						api,
						CorsPolicy.builder("other")
							.pathPatterns("/other/**")
							.allowedOrigins("https://partner.example.org")
							.build()),
						List.of(new Difference("other", "cors.policies.other", List.of("/other/**"), List.of(),
								false))),
				arguments("a narrower policy added that allows an origin the policy deciding its paths did not loosens",
						List.of(api),
						List.of(api,
								CorsPolicy.builder("account")
									.pathPatterns("/api/account/**")
									.allowedOrigins("https://app.example.com", "https://partner.example.org")
									.build()),
						List.of(new Difference("account", "cors.policies.account", List.of("/api/account/**"),
								List.of(), true))),
				arguments("a narrower policy added that allows no more than the policy deciding its paths tightens",
						List.of(api),
						List.of(api,
								CorsPolicy.builder("account")
									.pathPatterns("/api/account/**")
									.allowedOrigins("https://app.example.com")
									.allowedMethods("GET")
									.build()),
						List.of(new Difference("account", "cors.policies.account", List.of("/api/account/**"),
								List.of(), false))),
				arguments(
						"a narrower report-only policy added over an enforced one does not loosen: the enforced one"
								+ " keeps deciding",
						List.of(api),
						List.of(api,
								CorsPolicy.builder("account")
									.pathPatterns("/api/account/**")
									.allowedOrigins("https://app.example.com", "https://partner.example.org")
									.mode(PolicyMode.REPORT_ONLY)
									.build()),
						List.of(new Difference("account", "cors.policies.account", List.of("/api/account/**"),
								List.of(), false))),
				arguments("a report-only policy added on paths no policy covered changes no decision", List.of(api),
						List.of(api,
								CorsPolicy.builder("trial")
									.pathPatterns("/trial/**")
									.allowedOrigins("https://app.example.com")
									.mode(PolicyMode.REPORT_ONLY)
									.build()),
						List.of(new Difference("trial", "cors.policies.trial", List.of("/trial/**"), List.of(),
								false))),
				arguments("a path pattern added that takes paths from a stricter policy loosens", List.of(wide, narrow),
						List.of(CorsPolicy.builder("wide")
							.pathPatterns("/wide/**", "/narrow/x/**")
							.allowedOrigins(wide.allowedOrigins())
							.build(), narrow),
						List.of(new Difference("wide", "cors.policies.wide.path-patterns", List.of("/narrow/x/**"),
								List.of(), true))),
				arguments(
						"a path pattern added that no sample path stands for loosens: a take-over cannot be ruled out",
						List.of(wide, narrow),
						List.of(CorsPolicy.builder("wide")
							.pathPatterns("/wide/**", "/other/{id:[0-9]+}")
							.allowedOrigins(wide.allowedOrigins())
							.build(), narrow),
						List.of(new Difference("wide", "cors.policies.wide.path-patterns",
								List.of("/other/{id:[0-9]+}"), List.of(), true))),
				arguments("a path pattern added that takes paths from a more permissive policy tightens",
						List.of(wide, narrow),
						List.of(wide,
								CorsPolicy.builder("narrow")
									.pathPatterns("/narrow/**", "/wide/x/**")
									.allowedOrigins(narrow.allowedOrigins())
									.allowedMethods("GET")
									.build()),
						List.of(new Difference("narrow", "cors.policies.narrow.path-patterns", List.of("/wide/x/**"),
								List.of(), false))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("takeOvers")
	void aPolicyTakingOverPathsLoosensWhenItAllowsMoreThanThePolicyThatDecidedThem(String description,
			List<CorsPolicy> serving, List<CorsPolicy> candidate, List<Difference> expected) {
		assertThat(PolicyDiff.between(compiled(serving), compiled(candidate))).containsExactlyElementsOf(expected);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("policies")
	void policiesAddedAndRemoved(String description, List<CorsPolicy> serving, List<CorsPolicy> candidate,
			List<Difference> expected) {
		assertThat(PolicyDiff.between(compiled(serving), compiled(candidate))).containsExactlyElementsOf(expected);
	}

	private static Difference change(String property, List<String> added, List<String> removed, boolean loosens) {
		return new Difference("api", API + "." + property, added, removed, loosens);
	}

	private static Arguments row(String description, UnaryOperator<CorsPolicy.Builder> change, Difference... expected) {
		CorsPolicy serving = SERVING.build();
		CorsPolicy.Builder candidate = CorsPolicy.builder("api")
			.pathPatterns(serving.pathPatterns())
			.allowedOrigins(serving.allowedOrigins())
			.allowedMethods(serving.allowedMethods())
			.allowedHeaders(serving.allowedHeaders())
			.exposedHeaders(serving.exposedHeaders())
			.maxAge(serving.maxAge());
		return arguments(description, serving, change.apply(candidate).build(), List.of(expected));
	}

	private static CorsEngine compiled(CorsPolicy policy) {
		return compiled(List.of(policy));
	}

	private static CorsEngine compiled(List<CorsPolicy> policies) {
		return CorsEngine.create(policies);
	}

}
