package dev.corsstarter.core.decision;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.PathContainer.PathSegment;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

import dev.corsstarter.core.internal.OriginPatternParser;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.internal.MapCorsRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Matching a plain path as a string must give exactly the policy {@link PathPattern}
 * gives on the parsed path: a table of edge cases, then generated pattern sets and paths
 * (seeded; rerun one seed with {@code -Dcorsstarter.seed=<seed>}).
 */
class PolicyRoutesTest {

	static final int PATTERN_SETS = 300;

	static final int PATHS_PER_SET = 200;

	@ParameterizedTest(name = "{0} plain={1}")
	@CsvSource(delimiter = '|', textBlock = """
			/api                  | true
			/api/orders/42        | true
			/a.b/c-d/e_f/~g/+h    | true
			/api/x.json           | true
			/                     | false
			''                    | false
			api/x                 | false
			/api/                 | false
			//api                 | false
			/api//x               | false
			/./api                | false
			/api/..               | false
			/api/../admin         | false
			/api/.hidden          | true
			/api/..x              | true
			/api;v=1/x            | false
			/%61pi/x              | false
			/api/x%2Fy            | false
			/api/caf\u00e9          | false
			'/api/a b'            | false
			""")
	void plainPaths(String path, boolean plain) {
		assertThat(PolicyRoutes.isPlain(path)).isEqualTo(plain);
		if (plain) {
			PathContainer parsed = PathContainer.parsePath(path);
			assertThat(RequestPaths.normalized(parsed)).as("a plain path is already normalised").isNull();
			List<String> segments = new ArrayList<>();
			parsed.elements()
				.stream()
				.filter(PathSegment.class::isInstance)
				.forEach(element -> segments.add(((PathSegment) element).valueToMatch()));
			assertThat(String.join("/", segments)).isEqualTo(path.substring(1));
		}
	}

	@ParameterizedTest(name = "{0} literal={1}")
	@CsvSource(delimiter = '|', textBlock = """
			/api/**          | true
			/**              | true
			/api/orders      | true
			/api/v1/**       | true
			/api/*           | false
			/**/api          | false
			/api/{id}        | false
			/api/o?ders      | false
			/api/            | false
			/api/*.json      | false
			/api/{*rest}     | false
			""")
	void literalPatterns(String pattern, boolean literal) {
		PolicyRoutes.Route route = PolicyRoutes.Route.of(PathPatternParser.defaultInstance.parse(pattern), null);
		assertThat(route.literal() != null).isEqualTo(literal);
	}

	static LongStream seeds() {
		String seed = System.getProperty("corsstarter.seed");
		if (seed != null && !seed.isBlank()) {
			return LongStream.of(Long.parseLong(seed.strip()));
		}
		return LongStream.of(1L, 42L, 20240229L);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void plainMatchingAgreesWithPathPattern(long seed) {
		Random random = new Random(seed);
		int plainPaths = 0;
		for (int set = 0; set < PATTERN_SETS; set++) {
			List<PolicyRoutes.Route> routes = new ArrayList<>();
			int count = 1 + random.nextInt(5);
			for (int i = 0; i < count; i++) {
				String pattern = pattern(random);
				try {
					PathPattern parsed = PathPatternParser.defaultInstance.parse(pattern);
					CorsPolicy policy = CorsPolicy.builder("p" + i)
						.pathPatterns(pattern)
						.allowedOrigins("https://app.example.com")
						.build();
					routes.add(PolicyRoutes.Route.of(parsed,
							new CompiledPolicy(policy, List.of(OriginPatternParser.parse("https://app.example.com")))));
				}
				catch (PatternParseException ex) {
					// the generator may write patterns Spring refuses; validation rejects
					// those
				}
			}
			PolicyRoutes table = new PolicyRoutes(routes);
			for (int p = 0; p < PATHS_PER_SET; p++) {
				String path = path(random);
				if (!PolicyRoutes.isPlain(path)) {
					continue;
				}
				plainPaths++;
				CompiledPolicy expected = table.policyFor(PathContainer.parsePath(path));
				int index = table.firstMatchPlain(path, MapCorsRequest.request("GET", path).build(), 0, false);
				CompiledPolicy actual = (index != PolicyRoutes.NONE) ? table.policy(index) : null;
				assertThat(actual)
					.as("seed %d, patterns %s, path %s", seed,
							routes.stream().map(route -> route.pattern().getPatternString()).toList(), path)
					.isEqualTo(expected);
			}
		}
		assertThat(plainPaths).as("the generator must produce plain paths")
			.isGreaterThan(PATTERN_SETS * PATHS_PER_SET / 4);
	}

	private static final String[] SEGMENTS = { "api", "API", "v1", "orders", "42", "a.b", "x-y", "api2", "ap", "~u",
			"admin", "public", "" };

	private static String pattern(Random random) {
		StringBuilder pattern = new StringBuilder();
		int segments = random.nextInt(4);
		for (int i = 0; i < segments; i++) {
			pattern.append('/').append(switch (random.nextInt(10)) {
				case 0 -> "*";
				case 1 -> "{id}";
				case 2 -> "o?ders";
				case 3 -> "*.json";
				default -> SEGMENTS[random.nextInt(SEGMENTS.length - 1)];
			});
		}
		return switch (random.nextInt(4)) {
			case 0 -> (pattern.length() == 0) ? "/" : pattern.toString();
			case 1 -> pattern + "/";
			default -> pattern + "/**";
		};
	}

	private static String path(Random random) {
		StringBuilder path = new StringBuilder();
		int segments = 1 + random.nextInt(5);
		for (int i = 0; i < segments; i++) {
			path.append('/').append(switch (random.nextInt(12)) {
				case 0 -> ".";
				case 1 -> "x.json";
				case 2 -> "%61pi";
				case 3 -> "api;v=1";
				default -> SEGMENTS[random.nextInt(SEGMENTS.length)];
			});
		}
		if (random.nextInt(8) == 0) {
			path.append('/');
		}
		return path.toString();
	}

}
