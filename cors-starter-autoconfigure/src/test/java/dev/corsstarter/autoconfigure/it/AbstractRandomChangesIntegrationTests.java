package dev.corsstarter.autoconfigure.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.lifecycle.PolicyChange;
import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;
import dev.corsstarter.core.internal.MapCorsRequest;
import dev.corsstarter.core.validation.ViolationRule;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of policy changes (a policy added or removed, narrowed or widened,
 * report-only turned on or off, every policy removed) applied through the registry while
 * clients send cross-origin requests over real HTTP. Every change is marked: its policies
 * expose the header {@code X-Gen-<n>} and send
 * {@code Access-Control-Max-Age: <1000 + n>}, so a response with CORS headers names the
 * change that decided it. Afterwards every response is checked against the engines of the
 * generations that may have served it (those current between the request being sent and
 * its response arriving):
 * <ul>
 * <li>a response with CORS headers carries exactly the headers the engine of its
 * generation writes, from a generation in that window: never a mixture of two;</li>
 * <li>a refusal ({@code 403}) comes from a generation whose engine refuses;</li>
 * <li>a request let through untouched (no CORS headers, not refused) was let through by a
 * generation in the window whose <em>enforced</em> policies alone (its report-only
 * policies removed) do not refuse it: a report-only policy never lets through what
 * enforcement refuses;</li>
 * <li>a change that removes every policy is refused ({@code no-policies-left});</li>
 * <li>no response is a 5xx.</li>
 * </ul>
 * The seed is fixed (and printed) so the changes and requests are the same on every run;
 * the interleaving with the server's threads is not. {@code -Dcors.changes.seed=<seed>}
 * runs another seed. Subclasses choose the stack.
 */
@TestPropertySource(properties = { "cors.policies.api.path-patterns=/api/**",
		"cors.policies.api.allowed-origins=https://app.example.com" })
abstract class AbstractRandomChangesIntegrationTests {

	static final long SEED = Long.getLong("cors.changes.seed", 20261206L);

	static final int CLIENT_THREADS = 4;

	static final int REQUESTS_PER_THREAD = 300;

	static final int MAX_CHANGES = 400;

	/**
	 * Each policy's one path pattern: policies never share a pattern, so no change is
	 * refused for it.
	 */
	static final Map<String, String> PATTERNS = new TreeMap<>(
			Map.of("api", "/api/**", "account", "/api/account/**", "items", "/api/items/**", "trial", "/trial/**"));

	static final List<String> ORIGINS = List.of("https://a.example.com", "https://b.example.com",
			"https://c.example.com", "https://*.example.com");

	static final List<String> REQUEST_ORIGINS = List.of("https://a.example.com", "https://b.example.com",
			"https://c.example.com", "https://d.example.com", "https://evil.example.org");

	static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE");

	static final List<String> HEADERS = List.of("X-A", "X-B");

	static final List<String> PATHS = List.of("/api/items", "/api/items/1", "/api/account/me", "/api/other",
			"/trial/x");

	@LocalServerPort
	int port;

	@Autowired
	CorsPolicyRegistry policies;

	abstract String server();

	@Test
	void randomChangesNeverMixGenerationsNorLetThroughWhatEnforcementRefuses(TestReporter reporter) throws Exception {
		List<CorsPolicy> initial = this.policies.current().policies();
		Random random = new Random(SEED);
		List<List<CorsPolicy>> candidates = new ArrayList<>();
		List<Sent> requests = new ArrayList<>();
		for (int i = 0; i < CLIENT_THREADS * REQUESTS_PER_THREAD; i++) {
			requests.add(Sent.generate(random));
		}
		Map<Integer, Long> generationOfMarker = new ConcurrentHashMap<>();
		Map<Long, CorsEngine> engines = new ConcurrentHashMap<>();
		ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
		Map<String, Integer> operations = new TreeMap<>();
		Result[] results = new Result[requests.size()];
		ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS + 1);
		CountDownLatch start = new CountDownLatch(1);
		AtomicBoolean running = new AtomicBoolean(true);
		try {
			// the first change marks the policies serving, so every response of the run
			// names its change
			List<CorsPolicy> serving = marked(initial, 0);
			apply(serving, 0, generationOfMarker, engines, problems);
			Random changes = new Random(SEED ^ 0x5DEECE66DL);
			Future<?> changer = pool.submit(() -> {
				start.await();
				List<CorsPolicy> model = serving;
				for (int marker = 1; marker <= MAX_CHANGES && running.get(); marker++) {
					Operation operation = Operation.values()[changes.nextInt(Operation.values().length)];
					operations.merge(operation.name().toLowerCase(Locale.ROOT), 1, Integer::sum);
					List<CorsPolicy> candidate = (operation == Operation.EMPTY) ? List.of()
							: marked(operation.apply(model, changes), marker);
					candidates.add(candidate);
					PolicyChange change = apply(candidate, marker, generationOfMarker, engines, problems);
					if (change.isApplied()) {
						model = candidate;
					}
					LockSupport.parkNanos(2_000_000);
				}
				return null;
			});
			List<Future<?>> clients = new ArrayList<>();
			for (int t = 0; t < CLIENT_THREADS; t++) {
				int first = t;
				clients.add(pool.submit(() -> {
					try (RawHttpClient.Connection connection = new RawHttpClient.Connection(this.port)) {
						start.await();
						for (int i = first; i < requests.size(); i += CLIENT_THREADS) {
							long before = this.policies.generation();
							RawHttpClient.Response response = connection.exchange(requests.get(i).bytes(), false);
							results[i] = new Result(before, this.policies.generation(), response);
						}
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> client : clients) {
				client.get(5, TimeUnit.MINUTES);
			}
			running.set(false);
			changer.get(1, TimeUnit.MINUTES);
		}
		finally {
			running.set(false);
			pool.shutdownNow();
			this.policies.replace(initial);
		}

		Oracle oracle = new Oracle(engines);
		Map<String, Integer> outcomes = new TreeMap<>();
		for (int i = 0; i < requests.size(); i++) {
			String problem = oracle.check(requests.get(i), results[i], generationOfMarker, outcomes);
			if (problem != null) {
				problems.add("#" + i + " " + requests.get(i) + " served between generations " + results[i].before()
						+ " and " + results[i].after() + ": " + problem);
			}
		}
		String summary = String.format(
				"random changes on %s, seed %d: %d changes %s, %d generations applied, "
						+ "%d requests %s; %d problems %s",
				server(), SEED, candidates.size(), operations, engines.size(), requests.size(), outcomes,
				problems.size(), oracle.kinds);
		System.out.println(summary);
		reporter.publishEntry("random changes", summary);
		assertThat(problems).as("%s%n%s", summary, String.join("\n", problems.stream().limit(40).toList())).isEmpty();
		assertThat(operations.getOrDefault("empty", 0)).as("empty changes tried").isPositive();
		assertThat(outcomes.keySet()).as("responses of every kind").contains("allowed", "refused", "untouched");
		assertThat(outcomes.getOrDefault("generations seen", 0)).as("responses from several generations")
			.isGreaterThan(2);
	}

	/**
	 * Apply a change and record the engine of the generation it made; a change that
	 * leaves no policy must be refused for exactly that.
	 */
	private PolicyChange apply(List<CorsPolicy> candidate, int marker, Map<Integer, Long> generationOfMarker,
			Map<Long, CorsEngine> engines, ConcurrentLinkedQueue<String> problems) {
		PolicyChange change = this.policies.replace(candidate);
		if (candidate.isEmpty()) {
			if (!change.isRefused() || change.violations()
				.stream()
				.noneMatch(violation -> violation.rule() == ViolationRule.NO_POLICIES_LEFT)) {
				problems.add("a change that leaves no policy was not refused for it: " + change);
			}
		}
		else if (change.isApplied()) {
			// only this thread changes the policies: what serves now is this change's
			// engine
			engines.put(change.generation(), this.policies.current());
			generationOfMarker.put(marker, change.generation());
		}
		else {
			problems.add("change " + marker + " " + candidate + " not applied: " + change);
		}
		return change;
	}

	/**
	 * The policies with this change's marker: an exposed header and a max-age of their
	 * own.
	 */
	static List<CorsPolicy> marked(List<CorsPolicy> policies, int marker) {
		return policies.stream()
			.map(policy -> copy(policy).exposedHeaders("X-Gen-" + marker)
				.maxAge(Duration.ofSeconds(1000 + marker))
				.build())
			.toList();
	}

	static CorsPolicy.Builder copy(CorsPolicy policy) {
		return CorsPolicy.builder(policy.name())
			.pathPatterns(policy.pathPatterns())
			.allowedOrigins(policy.allowedOrigins())
			.allowedMethods(policy.allowedMethods())
			.allowedHeaders(policy.allowedHeaders())
			.exposedHeaders(policy.exposedHeaders())
			.allowCredentials(policy.allowCredentials())
			.allowPrivateNetwork(policy.allowPrivateNetwork())
			.maxAge(policy.maxAge())
			.mode(policy.mode());
	}

	/** One kind of change, applied to the policies serving. */
	enum Operation {

		ADD {
			@Override
			List<CorsPolicy> apply(List<CorsPolicy> policies, Random random) {
				List<String> free = PATTERNS.keySet()
					.stream()
					.filter(name -> policies.stream().noneMatch(p -> p.name().equals(name)))
					.toList();
				if (free.isEmpty()) {
					return REMOVE.apply(policies, random);
				}
				String name = free.get(random.nextInt(free.size()));
				List<CorsPolicy> result = new ArrayList<>(policies);
				result.add(CorsPolicy.builder(name)
					.pathPatterns(PATTERNS.get(name))
					.allowedOrigins(subset(ORIGINS, random))
					.allowedMethods(subset(METHODS, random))
					.allowedHeaders(random.nextBoolean() ? subset(HEADERS, random) : List.of())
					.allowCredentials(random.nextBoolean())
					.mode(random.nextInt(3) == 0 ? PolicyMode.REPORT_ONLY : PolicyMode.ENFORCE)
					.build());
				return result;
			}
		},

		REMOVE {
			@Override
			List<CorsPolicy> apply(List<CorsPolicy> policies, Random random) {
				List<CorsPolicy> result = new ArrayList<>(policies);
				result.remove(random.nextInt(result.size()));
				return result;
			}
		},

		NARROW {
			@Override
			List<CorsPolicy> apply(List<CorsPolicy> policies, Random random) {
				return changeOne(policies, random, (policy, builder) -> {
					switch (random.nextInt(4)) {
						case 0 -> builder.allowedOrigins(without(policy.allowedOrigins(), random));
						case 1 -> builder.allowedMethods(without(policy.allowedMethods(), random));
						case 2 -> builder.allowedHeaders(policy.allowedHeaders().isEmpty() ? List.of()
								: policy.allowedHeaders().subList(1, policy.allowedHeaders().size()));
						default -> builder.allowCredentials(false);
					}
				});
			}
		},

		WIDEN {
			@Override
			List<CorsPolicy> apply(List<CorsPolicy> policies, Random random) {
				return changeOne(policies, random, (policy, builder) -> {
					switch (random.nextInt(4)) {
						case 0 -> builder.allowedOrigins(with(policy.allowedOrigins(), ORIGINS, random));
						case 1 -> builder.allowedMethods(with(policy.allowedMethods(), METHODS, random));
						case 2 -> builder.allowedHeaders(with(policy.allowedHeaders(), HEADERS, random));
						default -> builder.allowCredentials(true);
					}
				});
			}
		},

		REPORT_ONLY_ON {
			@Override
			List<CorsPolicy> apply(List<CorsPolicy> policies, Random random) {
				return changeOne(policies, random, (policy, builder) -> builder.mode(PolicyMode.REPORT_ONLY));
			}
		},

		REPORT_ONLY_OFF {
			@Override
			List<CorsPolicy> apply(List<CorsPolicy> policies, Random random) {
				return changeOne(policies, random, (policy, builder) -> builder.mode(PolicyMode.ENFORCE));
			}
		},

		EMPTY {
			@Override
			List<CorsPolicy> apply(List<CorsPolicy> policies, Random random) {
				return List.of();
			}
		};

		abstract List<CorsPolicy> apply(List<CorsPolicy> policies, Random random);

		static List<CorsPolicy> changeOne(List<CorsPolicy> policies, Random random,
				BiConsumer<CorsPolicy, CorsPolicy.Builder> change) {
			List<CorsPolicy> result = new ArrayList<>(policies);
			int index = random.nextInt(result.size());
			CorsPolicy.Builder builder = copy(result.get(index));
			change.accept(result.get(index), builder);
			result.set(index, builder.build());
			return result;
		}

		/** A non-empty random subset, in the pool's order. */
		static List<String> subset(List<String> pool, Random random) {
			List<String> subset = new ArrayList<>();
			for (String value : pool) {
				if (random.nextBoolean()) {
					subset.add(value);
				}
			}
			return subset.isEmpty() ? List.of(pool.get(random.nextInt(pool.size()))) : subset;
		}

		/** The values without one of them, unless it is the last. */
		static List<String> without(List<String> values, Random random) {
			if (values.size() < 2) {
				return values;
			}
			List<String> result = new ArrayList<>(values);
			result.remove(random.nextInt(result.size()));
			return result;
		}

		/** The values with one more from the pool, when one is missing. */
		static List<String> with(List<String> values, List<String> pool, Random random) {
			List<String> missing = pool.stream().filter(value -> !values.contains(value)).toList();
			if (missing.isEmpty()) {
				return values;
			}
			List<String> result = new ArrayList<>(values);
			result.add(missing.get(random.nextInt(missing.size())));
			return result;
		}

	}

	/** One request as sent on the wire and as the engine sees it. */
	record Sent(String method, String path, String origin, String requestMethod, String requestHeaders) {

		static Sent generate(Random random) {
			String path = PATHS.get(random.nextInt(PATHS.size()));
			String origin = REQUEST_ORIGINS.get(random.nextInt(REQUEST_ORIGINS.size()));
			String method = METHODS.get(random.nextInt(METHODS.size()));
			if (random.nextBoolean()) {
				String headers = switch (random.nextInt(4)) {
					case 0 -> "X-A";
					case 1 -> "X-B";
					case 2 -> "X-A, X-B";
					default -> null;
				};
				return new Sent("OPTIONS", path, origin, method, headers);
			}
			return new Sent(method, path, origin, null, null);
		}

		boolean preflight() {
			return this.requestMethod != null;
		}

		byte[] bytes() {
			StringBuilder request = new StringBuilder(this.method).append(' ')
				.append(this.path)
				.append(" HTTP/1.1\r\nHost: localhost\r\nOrigin: ")
				.append(this.origin)
				.append("\r\n");
			if (preflight()) {
				request.append("Access-Control-Request-Method: ").append(this.requestMethod).append("\r\n");
				if (this.requestHeaders != null) {
					request.append("Access-Control-Request-Headers: ").append(this.requestHeaders).append("\r\n");
				}
			}
			else {
				request.append("Content-Length: 0\r\n");
			}
			return request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
		}

		MapCorsRequest request() {
			if (!preflight()) {
				return MapCorsRequest.request(this.method, this.path).origin(this.origin).build();
			}
			MapCorsRequest.Builder preflight = MapCorsRequest.preflight(this.path, this.origin, this.requestMethod);
			return (this.requestHeaders != null) ? preflight.requestHeaders(this.requestHeaders).build()
					: preflight.build();
		}

		@Override
		public String toString() {
			return this.method + " " + this.path + " Origin: " + this.origin
					+ (preflight() ? " ACRM: " + this.requestMethod : "")
					+ ((this.requestHeaders != null) ? " ACRH: " + this.requestHeaders : "");
		}

	}

	/**
	 * @param before the generation serving before the request was sent
	 * @param after the generation serving once its response arrived
	 * @param response the response, {@code null} when the server closed the connection
	 */
	record Result(long before, long after, RawHttpClient.Response response) {
	}

	/**
	 * What the engines of the generations that may have served a request say about it.
	 */
	static final class Oracle {

		private final Map<Long, CorsEngine> engines;

		private final Map<Long, CorsEngine> enforcedOnly = new HashMap<>();

		private final Set<Long> seen = new HashSet<>();

		/** The problems found, by kind. */
		final Map<String, Integer> kinds = new TreeMap<>();

		Oracle(Map<Long, CorsEngine> engines) {
			this.engines = engines;
		}

		/** The problem with one response, or {@code null} when there is none. */
		String check(Sent sent, Result result, Map<Integer, Long> generationOfMarker, Map<String, Integer> outcomes) {
			String problem = problem(sent, result, generationOfMarker, outcomes);
			if (problem != null) {
				this.kinds.merge(problem.substring(0, problem.indexOf(':')), 1, Integer::sum);
			}
			return problem;
		}

		/** The problem, its kind before the first colon. */
		private String problem(Sent sent, Result result, Map<Integer, Long> generationOfMarker,
				Map<String, Integer> outcomes) {
			RawHttpClient.Response response = result.response();
			if (response == null) {
				return "no response: the server closed the connection";
			}
			if (response.status() >= 500) {
				return "5xx: status " + response.status();
			}
			MapCorsRequest request = sent.request();
			Map<String, String> headers = accessControlHeaders(response.headers());
			if (!headers.isEmpty()) {
				Integer marker = marker(sent, headers);
				Long generation = (marker != null) ? generationOfMarker.get(marker) : null;
				if (generation == null) {
					return "headers of no change: " + headers;
				}
				if (generation < result.before() || generation > result.after()) {
					return "stale generation: CORS headers of generation " + generation
							+ ", not serving while the request ran";
				}
				this.seen.add(generation);
				outcomes.put("generations seen", this.seen.size());
				CorsDecision decision = this.engines.get(generation).evaluate(request);
				Map<String, String> expected = accessControlHeaders(decision.responseHeaders());
				if (!decision.isAllowed() || !decision.isEnforced() || !expected.equals(headers)) {
					return "mixed headers: " + headers + " are not those generation " + generation + " writes: "
							+ describe(decision) + " " + expected;
				}
				if (response.status() != (sent.preflight() ? 204 : 200)) {
					return "wrong status: " + response.status() + " with the CORS headers of an allowed request";
				}
				CorsDecision enforced = enforcedOnly(generation).evaluate(request);
				if (enforced.isRejected()) {
					return "allowed against enforcement: allowed by generation " + generation
							+ " although its enforced policies refuse it: " + describe(enforced);
				}
				outcomes.merge("allowed", 1, Integer::sum);
				return null;
			}
			List<Long> window = new ArrayList<>();
			for (long generation = result.before(); generation <= result.after(); generation++) {
				if (this.engines.containsKey(generation)) {
					window.add(generation);
				}
			}
			if (response.status() == 403) {
				outcomes.merge("refused", 1, Integer::sum);
				return window.stream().anyMatch(generation -> refuses(this.engines.get(generation), request)) ? null
						: "refused by no generation: no generation serving while it ran refuses it: "
								+ decisions(window, request);
			}
			// let through untouched: by a generation where no enforced policy decided
			outcomes.merge("untouched", 1, Integer::sum);
			List<Long> untouched = window.stream().filter(generation -> {
				CorsDecision decision = this.engines.get(generation).evaluate(request);
				return !decision.hasPolicy() || !decision.isEnforced();
			}).toList();
			if (untouched.isEmpty()) {
				return "untouched by no generation: status " + response.status() + " without CORS headers, but "
						+ "every generation serving while it ran decides it with an enforced policy: "
						+ decisions(window, request);
			}
			if (untouched.stream().allMatch(generation -> refuses(enforcedOnly(generation), request))) {
				boolean reportOnly = untouched.stream()
					.allMatch(generation -> this.engines.get(generation).evaluate(request).hasPolicy());
				String kind = reportOnly ? "a report-only policy lifted an enforced refusal"
						: "let through against enforcement";
				return kind + ": let through (status " + response.status() + ") although the enforced policies of the "
						+ "generation serving it refuse it: " + decisions(untouched, request);
			}
			return null;
		}

		private static boolean refuses(CorsEngine engine, MapCorsRequest request) {
			CorsDecision decision = engine.evaluate(request);
			return decision.isRejected() && decision.isEnforced();
		}

		/** The generation's engine with its report-only policies removed. */
		private CorsEngine enforcedOnly(long generation) {
			return this.enforcedOnly.computeIfAbsent(generation,
					(g) -> CorsEngine.create(this.engines.get(g)
						.policies()
						.stream()
						.filter(policy -> policy.mode() == PolicyMode.ENFORCE)
						.toList()));
		}

		private String decisions(List<Long> generations, MapCorsRequest request) {
			StringBuilder text = new StringBuilder();
			for (long generation : generations) {
				text.append("\n      generation ")
					.append(generation)
					.append(": ")
					.append(describe(this.engines.get(generation).evaluate(request)))
					.append("; enforced policies alone: ")
					.append(describe(enforcedOnly(generation).evaluate(request)))
					.append("; policies ")
					.append(this.engines.get(generation).policies());
			}
			return text.toString();
		}

		private static String describe(CorsDecision decision) {
			return decision.hasPolicy() ? decision.outcome().tag() + " by " + decision.policyName() + " ("
					+ decision.mode().tag() + ", " + decision.reason().tag() + ")" : "no policy";
		}

		/**
		 * The change named by an allowed response: its exposed header, or for a preflight
		 * its max-age.
		 */
		private static Integer marker(Sent sent, Map<String, String> headers) {
			try {
				if (sent.preflight()) {
					String maxAge = headers.get("access-control-max-age");
					return (maxAge != null) ? Integer.parseInt(maxAge) - 1000 : null;
				}
				String exposed = headers.get("access-control-expose-headers");
				return (exposed != null && exposed.startsWith("X-Gen-")) ? Integer.parseInt(exposed.substring(6))
						: null;
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

		private static Map<String, String> accessControlHeaders(List<Map.Entry<String, String>> headers) {
			Map<String, String> result = new TreeMap<>();
			for (Map.Entry<String, String> header : headers) {
				String name = header.getKey().toLowerCase(Locale.ROOT);
				if (name.startsWith("access-control-")) {
					result.merge(name, header.getValue(), (a, b) -> a + ", " + b);
				}
			}
			return result;
		}

		private static Map<String, String> accessControlHeaders(Map<String, String> headers) {
			return accessControlHeaders(List.copyOf(headers.entrySet()));
		}

	}

}
