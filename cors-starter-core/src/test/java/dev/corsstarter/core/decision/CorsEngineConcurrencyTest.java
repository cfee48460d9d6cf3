package dev.corsstarter.core.decision;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.corsstarter.core.internal.MapCorsRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One engine shared by many threads, as the filters share it: every decision is the one
 * the same request gets alone, whatever the other threads decide at the same time.
 */
class CorsEngineConcurrencyTest {

	static final int REQUESTS = 4_000;

	static final int THREADS = 8;

	static final int ROUNDS = 10;

	@Test
	void concurrentDecisionsEqualTheSingleThreadedOnes() throws Exception {
		CorsEngine engine = CorsEngineFuzzTest.ENGINE;
		SplittableRandom random = new SplittableRandom(20261124L);
		List<MapCorsRequest> requests = new ArrayList<>();
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < REQUESTS; i++) {
			MapCorsRequest request = HostileRequests.generate(random);
			requests.add(request);
			expected.add(describe(engine.evaluate(request)));
		}
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		CountDownLatch start = new CountDownLatch(1);
		ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				long seed = t;
				results.add(pool.submit(() -> {
					List<Integer> order = new ArrayList<>();
					for (int i = 0; i < REQUESTS; i++) {
						order.add(i);
					}
					start.await();
					int decided = 0;
					for (int round = 0; round < ROUNDS; round++) {
						Collections.shuffle(order, new Random(seed * 31 + round));
						for (int i : order) {
							String actual = describe(engine.evaluate(requests.get(i)));
							decided++;
							if (!actual.equals(expected.get(i)) && mismatches.size() < 10) {
								mismatches.add("request #" + i + " " + HostileRequests.describe(requests.get(i))
										+ "\n    alone: " + expected.get(i) + "\n    concurrently: " + actual);
							}
						}
					}
					return decided;
				}));
			}
			start.countDown();
			int decided = 0;
			for (Future<Integer> result : results) {
				decided += result.get(2, TimeUnit.MINUTES);
			}
			System.out.printf("engine concurrency: %d threads, %d decisions, %d mismatches%n", THREADS, decided,
					mismatches.size());
			assertThat(decided).isEqualTo(THREADS * ROUNDS * REQUESTS);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(mismatches).as("decisions that differ from the single-threaded ones").isEmpty();
	}

	private static String describe(CorsDecision decision) {
		Map<String, String> headers = decision.responseHeaders();
		return decision + " " + decision.action() + " " + headers;
	}

}
