package dev.corsstarter.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.corsstarter.core.decision.CorsDecision.Action;
import dev.corsstarter.core.OriginGenerators.GeneratedOrigin;
import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.internal.CorsHeaderNames;
import org.springframework.http.HttpHeaders;
import dev.corsstarter.core.decision.Outcome;
import dev.corsstarter.core.decision.Reason;
import dev.corsstarter.core.internal.OriginMatcher;
import dev.corsstarter.core.internal.OriginPattern;
import dev.corsstarter.core.internal.OriginPatternParser;
import dev.corsstarter.core.internal.OriginSyntaxException;
import dev.corsstarter.core.internal.OriginHeaderChecks;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.internal.HttpTokens;
import dev.corsstarter.core.request.RequestType;
import dev.corsstarter.core.internal.MapCorsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Properties of origin parsing and of the engine over generated input. Runs are seeded,
 * so a failure names the seed and the input and replays exactly: rerun with
 * {@code -Dcorsstarter.seed=<seed>} to run only that seed.
 */
class ParsingPropertiesTest {

	static final int TRIES = 3_000;

	static final String APP = "https://app.example.com";

	static final CorsEngine ENGINE = CorsEngine.create(List.of(
			CorsPolicy.builder("api")
				.pathPatterns("/api/**")
				.allowedOrigins(APP, "https://*.example.com:*", "http://localhost:*", "http://[::1]:8080")
				.allowedMethods("GET", "POST", "PUT")
				.allowedHeaders("Content-Type", "X-Trace")
				.exposedHeaders("X-Request-Id")
				.allowCredentials(true)
				.build(),
			CorsPolicy.builder("public").pathPatterns("/public/**").allowedOrigins("*").allowedHeaders("*").build(),
			CorsPolicy.builder("device")
				.pathPatterns("/device/**")
				.allowedOrigins(APP, "null", "capacitor://localhost")
				.allowedMethods("*")
				.allowedHeaders("*")
				.allowPrivateNetwork(true)
				.maxAge(Duration.ofSeconds(90))
				.build()));

	static final List<String> PATHS = List.of("/api/orders", "/api", "/public/feed", "/device/status", "/", "/static/x",
			"/api/../public", "/api;jsessionid=1/x", "/api/%2F..%2F", "//api//x", "/device/\u00e4", "/api/orders?x=1");

	static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "get",
			"put", "CONNECT", "TRACE", "");

	static LongStream seeds() {
		String seed = System.getProperty("corsstarter.seed");
		if (seed != null && !seed.isBlank()) {
			return LongStream.of(Long.parseLong(seed.strip()));
		}
		return LongStream.of(1L, 42L, 20240229L, 0x5eedc0deL, -7L);
	}

	/**
	 * {@code isWellFormed} never throws, and what it accepts looks like a serialised
	 * origin.
	 */
	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void isWellFormedNeverThrowsAndAcceptsOnlyOriginShapedValues(long seed) {
		Random random = new Random(seed);
		OriginMatcher any = OriginMatcher.parse("*");
		forEachTry(seed, () -> OriginGenerators.arbitrary(random), origin -> {
			boolean wellFormed = OriginHeaderChecks.isWellFormed(origin);
			assertThat(any.matches(origin)).isEqualTo(wellFormed);
			if (wellFormed && !origin.equals("null")) {
				assertThat(origin.length()).isLessThanOrEqualTo(OriginHeaderChecks.MAX_LENGTH);
				assertThat(origin).contains("://");
				String afterScheme = origin.substring(origin.indexOf("://") + 3);
				assertThat(afterScheme).doesNotContain("/", "?", "#", "@", "*");
				assertThat(origin.chars()).allMatch(c -> c > 0x20 && c < 0x7f && !(c >= 'A' && c <= 'Z'));
			}
		});
	}

	/**
	 * Whatever the request, {@code evaluate} answers, and never echoes what it did not
	 * allow.
	 */
	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void evaluateNeverThrowsAndNeverReflectsMalformedInput(long seed) {
		Random random = new Random(seed);
		forEachTry(seed, () -> randomRequest(random), request -> {
			CorsDecision decision = ENGINE.evaluate(request);
			Map<String, String> headers = decision.responseHeaders();
			List<String> origins = request.headerValues(HttpHeaders.ORIGIN);

			assertThat(decision.outcome()).isNotNull();
			assertThat(decision.reason()).isNotNull();
			assertThat(decision.action()).isEqualTo(expectedAction(decision));
			// nothing from the request can break a header line
			assertThat(headers.values()).allMatch(value -> value.chars().allMatch(c -> c >= 0x20 && c < 0x7f));
			if (!decision.hasPolicy()) {
				assertThat(headers).isEmpty();
				return;
			}
			boolean malformedOrigin = !origins.isEmpty()
					&& (origins.size() > 1 || !OriginHeaderChecks.isWellFormed(origins.get(0)));
			if (malformedOrigin) {
				assertThat(decision.outcome()).isEqualTo(Outcome.REJECTED);
				assertThat(decision.reason()).isEqualTo(Reason.MALFORMED_ORIGIN);
				assertThat(headers).containsOnlyKeys(HttpHeaders.VARY);
				for (String origin : origins) {
					if (!origin.isEmpty() && !headers.get(HttpHeaders.VARY).contains(origin)) {
						assertThat(headers.values()).noneMatch(value -> value.contains(origin));
					}
				}
			}
			if (!decision.isAllowed()) {
				assertThat(headers.keySet()).noneMatch(name -> name.startsWith("Access-Control-Allow-"))
					.noneMatch(name -> name.startsWith("Access-Control-Expose-"));
			}
			String allowOrigin = headers.get(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
			if (allowOrigin != null && !allowOrigin.equals("*")) {
				assertThat(origins).containsExactly(allowOrigin);
				assertThat(OriginHeaderChecks.isWellFormed(allowOrigin)).isTrue();
				assertThat(dev.corsstarter.core.internal.OriginMatcher
					.of(decision.policy()
						.allowedOrigins()
						.stream()
						.map(dev.corsstarter.core.internal.OriginPatternParser::parse)
						.toList())
					.matches(allowOrigin)).isTrue();
			}
			for (String name : List.of(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS,
					HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS)) {
				String value = headers.get(name);
				if (value != null) {
					assertThat(value.split(", ", -1)).allMatch(HttpTokens::isToken);
				}
			}
		});
	}

	/**
	 * An origin built from a valid (scheme, host, port) is well-formed, is accepted as an
	 * exact pattern, matches that pattern and nothing else, and is its own server's same
	 * origin.
	 */
	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void generatedOriginMatchesExactlyItsOwnExactPattern(long seed) {
		Random random = new Random(seed);
		List<GeneratedOrigin> others = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			others.add(OriginGenerators.validOrigin(random));
		}
		forEachTry(seed, () -> OriginGenerators.validOrigin(random), generated -> {
			String origin = generated.serialized();

			assertThat(OriginHeaderChecks.isWellFormed(origin)).as("well-formed").isTrue();
			OriginPattern pattern = OriginPatternParser.parse(origin);
			assertThat(pattern.kind()).isEqualTo(OriginPattern.Kind.EXACT);
			assertThat(pattern.value()).isEqualTo(origin);
			OriginMatcher matcher = OriginMatcher.of(List.of(pattern));
			assertThat(matcher.matches(origin)).isTrue();

			Set<String> different = new LinkedHashSet<>(OriginGenerators.neighbours(random, generated));
			others.forEach(other -> different.add(other.serialized()));
			different.remove(origin);
			for (String other : different) {
				assertThat(matcher.matches(other)).as("%s must not match %s", origin, other).isFalse();
			}
			assertThat(OriginHeaderChecks.isSameOrigin(origin, generated.scheme(), generated.host(),
					(generated.port() == 0) ? -1 : generated.port()))
				.as("same origin as its own server")
				.isTrue();
		});
	}

	/**
	 * {@code scheme://*.host[:port]} matches every proper subdomain and nothing that only
	 * looks like one.
	 */
	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void subdomainWildcardMatchesSubdomainsOnly(long seed) {
		Random random = new Random(seed);
		forEachTry(seed, () -> OriginGenerators.validOrigin(random), base -> {
			if (base.host().startsWith("[") || base.host().length() > 200) {
				return;
			}
			String portSuffix = (base.port() > 0) ? ":" + base.port() : "";
			OriginMatcher exactPort = OriginMatcher.parse(base.scheme() + "://*." + base.host() + portSuffix);
			OriginMatcher anyPort = OriginMatcher.parse(base.scheme() + "://*." + base.host() + ":*");
			String labels = OriginGenerators.hostName(random, 1 + random.nextInt(2));
			String sub = labels.substring(0, Math.min(labels.length(), 1 + random.nextInt(5)));
			sub = sub.endsWith(".") ? sub + "a" : sub;
			String subdomain = base.scheme() + "://" + sub + "." + base.host() + portSuffix;

			assertThat(exactPort.matches(subdomain)).as(subdomain)
				.isEqualTo(OriginHeaderChecks.isWellFormed(subdomain));
			assertThat(anyPort.matches(subdomain)).as(subdomain).isEqualTo(OriginHeaderChecks.isWellFormed(subdomain));
			assertThat(exactPort.matches(base.serialized())).as("the bare host").isFalse();
			assertThat(anyPort.matches(base.serialized())).as("the bare host").isFalse();
			String glued = base.scheme() + "://" + sub.replace(".", "") + base.host() + portSuffix;
			assertThat(exactPort.matches(glued)).as(glued).isFalse();
			assertThat(anyPort.matches(glued)).as(glued).isFalse();
			String suffixed = base.scheme() + "://" + sub + "." + base.host() + ".evil.example" + portSuffix;
			if (!(sub + "." + base.host() + ".evil.example").endsWith("." + base.host())) {
				assertThat(exactPort.matches(suffixed)).as(suffixed).isFalse();
			}
			String otherPort = base.scheme() + "://" + sub + "." + base.host() + ":" + ((base.port() % 65535) + 1);
			assertThat(exactPort.matches(otherPort)).as(otherPort).isFalse();
			assertThat(anyPort.matches(otherPort)).as(otherPort).isEqualTo(OriginHeaderChecks.isWellFormed(otherPort));
			String otherScheme = (base.scheme().equals("https") ? "http" : "https") + "://" + sub + "." + base.host()
					+ portSuffix;
			assertThat(exactPort.matches(otherScheme)).as(otherScheme).isFalse();
		});
	}

	/**
	 * Whatever string is configured, parsing either accepts it or explains why with a
	 * fix; and an accepted exact origin is one a browser can actually send, so it can
	 * match.
	 */
	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void acceptedExactPatternsCanMatch(long seed) {
		Random random = new Random(seed);
		forEachTry(seed, () -> random.nextBoolean() ? OriginGenerators.arbitrary(random)
				: OriginGenerators.originShaped(random).serialized(), value -> {
					OriginPattern pattern;
					try {
						pattern = OriginPatternParser.parse(value);
					}
					catch (OriginSyntaxException ex) {
						assertThat(ex.getReason()).isNotBlank();
						assertThat(ex.getFix()).isNotBlank();
						return;
					}
					if (pattern.kind() == OriginPattern.Kind.EXACT || pattern.kind() == OriginPattern.Kind.NULL) {
						assertThat(OriginHeaderChecks.isWellFormed(value)).as("accepted exact origin is well-formed")
							.isTrue();
						assertThat(OriginMatcher.of(List.of(pattern)).matches(value)).isTrue();
					}
				});
	}

	private static Action expectedAction(CorsDecision decision) {
		if (decision.isRejected()) {
			return Action.REFUSE;
		}
		return (decision.isAllowed() && decision.type() == RequestType.PREFLIGHT) ? Action.ANSWER_PREFLIGHT
				: Action.CONTINUE;
	}

	private static MapCorsRequest randomRequest(Random random) {
		MapCorsRequest.Builder request = MapCorsRequest.request(pick(random, METHODS), pick(random, PATHS));
		switch (random.nextInt(6)) {
			case 0 -> {
			}
			case 1 -> request.origin(APP);
			case 2 -> request.header(HttpHeaders.ORIGIN, OriginGenerators.arbitrary(random),
					OriginGenerators.arbitrary(random));
			default -> request.origin(OriginGenerators.arbitrary(random));
		}
		if (random.nextInt(3) > 0) {
			request.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD,
					random.nextBoolean() ? pick(random, METHODS) : OriginGenerators.arbitrary(random));
			if (random.nextInt(10) == 0) {
				request.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET");
			}
		}
		switch (random.nextInt(5)) {
			case 0 -> {
			}
			case 1 -> request.requestHeaders("content-type ,  X-TRACE");
			case 2 -> request.requestHeaders(OriginGenerators.randomChars(random, "abc-XYZ, \t", random.nextInt(60)));
			case 3 -> request.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, OriginGenerators.arbitrary(random),
					OriginGenerators.arbitrary(random));
			default -> request.requestHeaders(OriginGenerators.randomChars(random, "x-y,", 4000 + random.nextInt(200)));
		}
		if (random.nextInt(4) == 0) {
			request.header(CorsHeaderNames.ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK,
					random.nextBoolean() ? "true" : OriginGenerators.arbitrary(random));
		}
		if (random.nextInt(6) == 0) {
			request.header(HttpHeaders.UPGRADE,
					random.nextBoolean() ? "websocket" : OriginGenerators.arbitrary(random));
		}
		if (random.nextInt(6) == 0) {
			request.secFetchSite(random.nextBoolean() ? "cross-site" : OriginGenerators.arbitrary(random));
		}
		if (random.nextInt(4) == 0) {
			request.server(random.nextBoolean() ? "https" : OriginGenerators.arbitrary(random),
					OriginGenerators.arbitrary(random), random.nextInt(70000) - 2);
		}
		return request.build();
	}

	private static <T> T pick(Random random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	/**
	 * Run the property {@link #TRIES} times; on failure, report the seed, the try and the
	 * input.
	 */
	private static <T> void forEachTry(long seed, Supplier<T> generator, Consumer<T> property) {
		for (int i = 0; i < TRIES; i++) {
			T input = generator.get();
			try {
				property.accept(input);
			}
			catch (AssertionError | RuntimeException ex) {
				fail("Property failed for seed " + seed + ", try " + i + ", input: " + describe(input), ex);
			}
		}
	}

	/**
	 * The input with control and non-ASCII characters escaped, cut to a readable length.
	 */
	private static String describe(Object input) {
		StringBuilder text = new StringBuilder();
		String value = String.valueOf(input);
		for (int i = 0; i < value.length() && text.length() < 1500; i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c >= 0x7f) {
				text.append(String.format("\\u%04x", (int) c));
			}
			else {
				text.append(c);
			}
		}
		return (text.length() < 1500) ? text.toString() : text + "... (" + value.length() + " characters)";
	}

}
