package dev.corsstarter.core.decision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.internal.MapCorsRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When several policies cover a path the most specific pattern wins, and the answer never
 * depends on the order in which policies were declared.
 */
class PolicySelectionTest {

	static final CorsPolicy API = CorsPolicy.builder("api")
		.pathPatterns("/api/**")
		.allowedOrigins("https://app.example.com")
		.allowCredentials(true)
		.build();

	static final CorsPolicy PUBLIC_API = CorsPolicy.builder("public-api")
		.pathPatterns("/api/public/**")
		.allowedOrigins("*")
		.build();

	static final CorsPolicy FALLBACK = CorsPolicy.builder("fallback")
		.pathPatterns("/**")
		.allowedOrigins("https://www.example.com")
		.build();

	/**
	 * Two patterns that both match {@code /files/report.txt}: neither is declared first
	 * on purpose.
	 */
	static final CorsPolicy FILES_BY_NAME = CorsPolicy.builder("files-by-name")
		.pathPatterns("/files/{name}")
		.allowedOrigins("https://files.example.com")
		.build();

	static final CorsPolicy FILES_TEXT = CorsPolicy.builder("files-text")
		.pathPatterns("/files/*.txt")
		.allowedOrigins("https://text.example.com")
		.build();

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "/api/orders,            api", "/api,                   api", "/api/public,            public-api",
			"/api/public/feed,       public-api", "/api/public/feed/items, public-api", "/api/publicity,         api",
			"/apix,                  fallback", "/,                      fallback", "/index.html,            fallback",
			"/other/api/public/x,    fallback" })
	void mostSpecificPatternWinsInEveryDeclarationOrder(String path, String expectedPolicy) {
		List<List<CorsPolicy>> orders = permutations(List.of(API, PUBLIC_API, FALLBACK));
		assertThat(orders).hasSize(6);

		for (List<CorsPolicy> order : orders) {
			CorsEngine engine = CorsEngine.create(order);
			MapCorsRequest request = MapCorsRequest.get(path).origin("https://app.example.com").build();

			assertThat(engine.policyFor(request.path()).name()).as("policy for %s with %s", path, names(order))
				.isEqualTo(expectedPolicy);
			assertThat(engine.evaluate(request).policyName()).isEqualTo(expectedPolicy);
		}
	}

	@Test
	void decisionsAreIdenticalInEveryDeclarationOrder() {
		List<MapCorsRequest> requests = List.of(
				MapCorsRequest.get("/api/orders").origin("https://app.example.com").build(),
				MapCorsRequest.get("/api/public/feed").origin("https://app.example.com").build(),
				MapCorsRequest.preflight("/api/public/feed", "https://else.example", "GET").build(),
				MapCorsRequest.preflight("/api/orders", "https://else.example", "GET").build(),
				MapCorsRequest.get("/home").origin("https://www.example.com").build(),
				MapCorsRequest.get("/home").origin("https://app.example.com").build(),
				MapCorsRequest.get("/files/report.txt").origin("https://files.example.com").build(),
				MapCorsRequest.get("/files/report.txt").origin("https://text.example.com").build(),
				MapCorsRequest.get("/files/report.pdf").origin("https://files.example.com").build());
		List<CorsPolicy> policies = List.of(API, PUBLIC_API, FALLBACK, FILES_BY_NAME, FILES_TEXT);

		Map<String, List<String>> first = null;
		for (List<CorsPolicy> order : permutations(policies)) {
			CorsEngine engine = CorsEngine.create(order);
			Map<String, List<String>> outcomes = new LinkedHashMap<>();
			for (MapCorsRequest request : requests) {
				CorsDecision decision = engine.evaluate(request);
				outcomes.put(request.toString(), List.of(String.valueOf(decision.policyName()),
						decision.outcome().tag(), decision.reason().tag(), decision.responseHeaders().toString()));
			}
			if (first == null) {
				first = outcomes;
			}
			assertThat(outcomes).as("decisions with %s", names(order)).isEqualTo(first);
		}
		assertThat(first).isNotNull();
		// and the wildcard-free answers are the expected ones, not merely stable
		assertThat(first.values()).extracting(v -> v.get(0) + " " + v.get(1))
			.startsWith("api allowed", "public-api allowed", "public-api allowed", "api rejected", "fallback allowed",
					"fallback rejected");
		// /files/report.txt: whichever of the two equally plausible patterns wins, it
		// wins every time
		assertThat(first.values()).extracting(v -> v.get(0)).element(6).isIn("files-by-name", "files-text");
		assertThat(first.values()).extracting(v -> v.get(0)).element(8).isEqualTo("files-by-name");
	}

	@Test
	void pathsNoPolicyCoversAreLeftAlone() {
		CorsEngine engine = CorsEngine.create(List.of(API, PUBLIC_API));
		MapCorsRequest request = MapCorsRequest.preflight("/static/app.js", "https://else.example", "GET").build();

		assertThat(engine.policyFor(request.path())).isNull();
		CorsDecision decision = engine.evaluate(request);
		assertThat(decision).isSameAs(CorsDecision.NO_POLICY);
		assertThat(decision.hasPolicy()).isFalse();
		assertThat(decision.responseHeaders()).isEmpty();
		assertThat(decision.action()).isEqualTo(CorsDecision.Action.CONTINUE);
	}

	private static List<String> names(List<CorsPolicy> policies) {
		return policies.stream().map(CorsPolicy::name).toList();
	}

	static <T> List<List<T>> permutations(List<T> items) {
		if (items.size() <= 1) {
			return List.of(items);
		}
		List<List<T>> result = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			List<T> rest = new ArrayList<>(items);
			T head = rest.remove(i);
			for (List<T> tail : permutations(rest)) {
				List<T> permutation = new ArrayList<>();
				permutation.add(head);
				permutation.addAll(tail);
				result.add(permutation);
			}
		}
		return result;
	}

}
