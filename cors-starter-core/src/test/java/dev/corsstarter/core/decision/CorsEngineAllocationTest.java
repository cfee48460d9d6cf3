package dev.corsstarter.core.decision;

import java.lang.management.ManagementFactory;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.internal.MapCorsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The per-request path allocates only the decision it returns: measured in bytes with the
 * JVM's per-thread allocation counter over many decisions, not with a timer.
 */
class CorsEngineAllocationTest {

	/**
	 * The size of one {@link CorsDecision} on a 64-bit JVM with compressed references: a
	 * 12-byte header, seven references and a boolean, padded to 8 bytes. An engine that
	 * allocated anything besides its decision (an iterator, a substring, a boxed value, a
	 * list) would exceed it.
	 */
	static final long DECISION_BYTES = 48;

	static final int DECISIONS = 100_000;

	static final CorsEngine ENGINE = CorsEngine.compile(List.of(CorsPolicy.builder("api")
		.pathPatterns("/api/**")
		.allowedOrigins("https://app.example.com", "https://*.preview.example.com")
		.allowedMethods("GET", "POST", "PUT")
		.allowedHeaders("Content-Type", "Authorization")
		.exposedHeaders("X-Request-Id")
		.allowCredentials(true)
		.build()), dev.corsstarter.core.validation.ValidationContext.DEFAULT);

	static final MapCorsRequest PREFLIGHT = MapCorsRequest.preflight("/api/orders", "https://app.example.com", "PUT")
		.header("Access-Control-Request-Headers", "content-type, authorization")
		.build();

	static final MapCorsRequest ACTUAL = MapCorsRequest.request("POST", "/api/orders")
		.origin("https://pr-7.preview.example.com")
		.build();

	@Test
	void anAllowedPreflightAllocatesOnlyItsDecision() {
		assertAllocatesOnlyTheDecision(PREFLIGHT);
	}

	@Test
	void anAllowedActualRequestAllocatesOnlyItsDecision() {
		assertAllocatesOnlyTheDecision(ACTUAL);
	}

	private static void assertAllocatesOnlyTheDecision(MapCorsRequest request) {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		assumeThat(threads.isThreadAllocatedMemorySupported()).as("thread allocation counter").isTrue();
		threads.setThreadAllocatedMemoryEnabled(true);
		assertThat(ENGINE.evaluate(request).isAllowed()).as("decision of %s", request).isTrue();
		long id = Thread.currentThread().getId();
		for (int i = 0; i < DECISIONS; i++) { // warm up: let the JIT compile the path
			ENGINE.evaluate(request);
		}
		// the least of a few rounds: a round may catch a one-off allocation of the JVM on
		// this thread
		double perDecision = Double.MAX_VALUE;
		for (int round = 0; round < 5; round++) {
			long before = threads.getThreadAllocatedBytes(id);
			for (int i = 0; i < DECISIONS; i++) {
				ENGINE.evaluate(request);
			}
			long after = threads.getThreadAllocatedBytes(id);
			perDecision = Math.min(perDecision, (double) (after - before) / DECISIONS);
		}
		System.out.printf("%s: %.3f bytes/decision%n", request.method(), perDecision);
		assertThat(perDecision)
			.as("bytes allocated per decision of %s; the engine may allocate only its %d-byte decision", request,
					DECISION_BYTES)
			.isLessThanOrEqualTo(DECISION_BYTES);
	}

}
