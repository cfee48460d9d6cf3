package dev.corsstarter.core.decision;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.corsstarter.core.internal.OriginPattern;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine's route view lists its routes in the order it decides by, with the origins
 * it parsed, whatever order the policies were declared in.
 */
class EngineRoutesTest {

	private static final List<CorsPolicy> POLICIES = List.of(
			CorsPolicy.builder("api").pathPatterns("/api/**").allowedOrigins("https://app.example.com").build(),
			CorsPolicy.builder("account")
				.pathPatterns("/api/account/**", "/me")
				.mode(PolicyMode.REPORT_ONLY)
				.allowedOrigins("https://*.example.com", "https://admin.example.org:8443")
				.build(),
			CorsPolicy.builder("any").pathPatterns("/**").allowedOrigins("*").build());

	@ParameterizedTest
	@CsvSource({ "/api/**, /api/x", "/api/{id}/items, /api/x/items", "/files/{*rest}, /files/x",
			"api/*.json, /api/x.json", "/**, /x", "/{name}.{ext}, /x.x", "/a?c, /axc" })
	void samplePathsAreMatchedByTheirPattern(String pattern, String path) {
		assertThat(CorsEngine.Route.samplePath(pattern)).isEqualTo(path);
		// handler mappings match a pattern without its leading slash as if it had one
		String rooted = pattern.startsWith("/") ? pattern : "/" + pattern;
		assertThat(PathPatternParser.defaultInstance.parse(rooted).matches(PathContainer.parsePath(path))).isTrue();
	}

	@ParameterizedTest
	@CsvSource(value = { "/me | /**", "/api/account/x | /api/**", "/api/x | /api/**", "/other | /**" }, delimiter = '|')
	void theRouteForAPathIsTheOneThatDecidesIt(String path, String pattern) {
		// a report-only route never decides where an enforced one behind it matches too
		CorsEngine.Route route = CorsEngine.create(POLICIES).routeFor(path);
		assertThat(route).isNotNull();
		assertThat(route.pattern().getPatternString()).isEqualTo(pattern);
	}

	@Test
	void aReportOnlyRouteDecidesWhereNoEnforcedOneMatches() {
		CorsEngine engine = CorsEngine.create(POLICIES.subList(0, 2));
		assertThat(engine.routeFor("/me").mode()).isEqualTo(PolicyMode.REPORT_ONLY);
		assertThat(engine.routeFor("/other")).isNull();
	}

	@Test
	void routesAreListedInDecisionOrderWithParsedOrigins() {
		CorsEngine engine = CorsEngine.create(POLICIES);
		assertThat(engine.routes()).extracting(route -> route.pattern().getPatternString())
			.containsExactly("/me", "/api/account/**", "/api/**", "/**");
		assertThat(engine.routes()).extracting(route -> route.policy().name())
			.containsExactly("account", "account", "api", "any");
		CorsEngine.Route account = engine.routes().get(1);
		assertThat(account.mode()).isEqualTo(PolicyMode.REPORT_ONLY);
		assertThat(account.origins()).extracting(OriginPattern::value)
			.containsExactly("https://*.example.com", "https://admin.example.org:8443");
		assertThat(account.origins().get(0).anySubdomain()).isTrue();
	}

	@Test
	void theFirstRouteWhosePatternMatchesIsThePolicyTheEngineSelects() {
		CorsEngine engine = CorsEngine.create(POLICIES);
		for (String path : List.of("/me", "/api/account/x", "/api/x", "/x", "/api")) {
			PathContainer parsed = PathContainer.parsePath(path);
			String firstMatch = engine.routes()
				.stream()
				.filter(route -> route.pattern().matches(parsed))
				.findFirst()
				.map(route -> route.policy().name())
				.orElseThrow();
			assertThat(engine.policyFor(parsed).name()).as(path).isEqualTo(firstMatch);
		}
	}

	@Test
	void theViewCannotBeChanged() {
		CorsEngine engine = CorsEngine.create(POLICIES);
		assertThatThrownBy(() -> engine.routes().clear()).isInstanceOf(UnsupportedOperationException.class);
	}

}
