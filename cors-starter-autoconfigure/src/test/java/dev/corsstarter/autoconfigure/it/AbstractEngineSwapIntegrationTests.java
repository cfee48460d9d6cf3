package dev.corsstarter.autoconfigure.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.lifecycle.PolicyChange;
import dev.corsstarter.core.policy.CorsPolicy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Engines swapped continuously while requests run: every response must carry the headers
 * of exactly one policy generation, never a mixture, and none may be a 5xx. Generation A
 * and B differ in every header they write (max-age, methods, exposed headers) and in one
 * origin each allows alone, so a response decided partly by each shows as a mismatch.
 * Subclasses choose the stack.
 */
@TestPropertySource(properties = { "cors.policies.api.path-patterns=/api/**",
		"cors.policies.api.allowed-origins=https://app.example.com" })
abstract class AbstractEngineSwapIntegrationTests {

	static final int THREADS = 8;

	static final int REQUESTS_PER_THREAD = 250;

	static final String BOTH = "https://app.example.com";

	static final String ONLY_A = "https://a.example.com";

	static final String ONLY_B = "https://b.example.com";

	static final List<CorsPolicy> GENERATION_A = List.of(CorsPolicy.builder("api")
		.pathPatterns("/api/**")
		.allowedOrigins(BOTH, ONLY_A)
		.allowedMethods("GET", "PUT")
		.allowedHeaders("X-A")
		.exposedHeaders("X-Gen-A")
		.maxAge(Duration.ofSeconds(100))
		.build());

	static final List<CorsPolicy> GENERATION_B = List.of(CorsPolicy.builder("api")
		.pathPatterns("/api/**")
		.allowedOrigins(BOTH, ONLY_B)
		.allowedMethods("GET", "PATCH")
		.allowedHeaders("X-B")
		.exposedHeaders("X-Gen-B")
		.maxAge(Duration.ofSeconds(200))
		.build());

	@LocalServerPort
	int port;

	@Autowired
	CorsPolicyRegistry policies;

	abstract String server();

	@Test
	void everyResponseIsDecidedByExactlyOneGeneration(TestReporter reporter) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
		CountDownLatch start = new CountDownLatch(1);
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicLong swaps = new AtomicLong();
		ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
		long[] byGeneration = new long[3]; // A, B, refused
		// generation A is in force before the first request: the configured policy,
		// which writes neither, must not answer a request the checks expect from A or B
		assertThat(this.policies.replace(GENERATION_A).outcome()).isNotEqualTo(PolicyChange.Outcome.REFUSED);
		long startGeneration = this.policies.generation();
		try {
			Future<?> swapper = pool.submit(() -> {
				start.await();
				boolean a = false;
				while (running.get()) {
					PolicyChange change = this.policies.replace(a ? GENERATION_A : GENERATION_B);
					if (change.outcome() != PolicyChange.Outcome.APPLIED) {
						mismatches.add("swap not applied: " + change);
					}
					swaps.incrementAndGet();
					a = !a;
					java.util.concurrent.locks.LockSupport.parkNanos(100_000);
				}
				return null;
			});
			List<Future<long[]>> clients = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				int thread = t;
				clients.add(pool.submit(() -> {
					long[] seen = new long[3];
					try (RawHttpClient.Connection connection = new RawHttpClient.Connection(this.port)) {
						start.await();
						for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
							int kind = (thread + i) % 4;
							String origin = (kind == 2) ? ONLY_A : (kind == 3) ? ONLY_B : BOTH;
							boolean preflight = kind == 1 || (i % 3 == 0);
							String request = preflight
									? "OPTIONS /api/hello HTTP/1.1\r\nHost: localhost\r\nOrigin: " + origin
											+ "\r\nAccess-Control-Request-Method: GET\r\n\r\n"
									: "GET /api/hello HTTP/1.1\r\nHost: localhost\r\nOrigin: " + origin + "\r\n\r\n";
							RawHttpClient.Response response = connection
								.exchange(request.getBytes(StandardCharsets.ISO_8859_1), false);
							String problem = check(response, origin, preflight, seen);
							if (problem != null && mismatches.size() < 30) {
								mismatches.add("[" + thread + "#" + i + "] " + problem + ": " + response.status() + " "
										+ response.headers());
							}
						}
					}
					return seen;
				}));
			}
			start.countDown();
			for (Future<long[]> client : clients) {
				long[] seen = client.get(5, TimeUnit.MINUTES);
				for (int k = 0; k < 3; k++) {
					byGeneration[k] += seen[k];
				}
			}
			running.set(false);
			swapper.get(1, TimeUnit.MINUTES);
		}
		finally {
			running.set(false);
			pool.shutdownNow();
		}
		String summary = String.format(
				"engine swaps on %s: %d swaps (generation %d to %d) during %d requests; answered by A %d, by B %d, "
						+ "refused %d; %d mismatches",
				server(), swaps.get(), startGeneration, this.policies.generation(), THREADS * REQUESTS_PER_THREAD,
				byGeneration[0], byGeneration[1], byGeneration[2], mismatches.size());
		System.out.println(summary);
		reporter.publishEntry("engine swaps", summary);

		assertThat(mismatches).as("%s%n%s", summary, String.join("\n", mismatches)).isEmpty();
		assertThat(swaps.get()).as("swaps happened while requests ran").isGreaterThan(10);
		assertThat(this.policies.generation()).isEqualTo(startGeneration + swaps.get());
		assertThat(byGeneration[0]).as("generation A answered").isPositive();
		assertThat(byGeneration[1]).as("generation B answered").isPositive();
	}

	/** The mismatch, or null when the response is wholly generation A's or wholly B's. */
	private static String check(RawHttpClient.Response response, String origin, boolean preflight, long[] seen) {
		if (response.status() >= 500) {
			return "5xx";
		}
		if (response.status() == 403) {
			// only the generation that does not list the origin refuses it, and writes no
			// Allow-* header
			if (origin.equals(BOTH)) {
				return "an origin both generations allow was refused";
			}
			if (response.value("Access-Control-Allow-Origin") != null) {
				return "a refusal with Allow headers";
			}
			seen[2]++;
			return null;
		}
		String allowOrigin = response.value("Access-Control-Allow-Origin");
		if (!origin.equals(allowOrigin)) {
			return "Allow-Origin is not the request's origin";
		}
		boolean a;
		if (preflight) {
			if (response.status() != 204) {
				return "preflight not 204";
			}
			String methods = response.value("Access-Control-Allow-Methods");
			String maxAge = response.value("Access-Control-Max-Age");
			a = "GET, PUT".equals(methods) && "100".equals(maxAge);
			boolean b = "GET, PATCH".equals(methods) && "200".equals(maxAge);
			if (!a && !b) {
				return "preflight headers of no single generation";
			}
			if (response.value("Access-Control-Expose-Headers") != null) {
				return "a preflight with Expose-Headers";
			}
		}
		else {
			if (response.status() != 200) {
				return "actual request not 200";
			}
			String exposed = response.value("Access-Control-Expose-Headers");
			a = "X-Gen-A".equals(exposed);
			if (!a && !"X-Gen-B".equals(exposed)) {
				return "Expose-Headers of no single generation";
			}
			if (response.value("Access-Control-Max-Age") != null) {
				return "an actual response with Max-Age";
			}
		}
		if ((origin.equals(ONLY_A) && !a) || (origin.equals(ONLY_B) && a)) {
			return "allowed by a generation that does not list the origin";
		}
		seen[a ? 0 : 1]++;
		return null;
	}

}
