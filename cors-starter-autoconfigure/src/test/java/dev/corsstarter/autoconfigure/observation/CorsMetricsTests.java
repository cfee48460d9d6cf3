package dev.corsstarter.autoconfigure.observation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.internal.MapCorsRequest;

class CorsMetricsTests {

	private static final String APP = "https://app.example.com";

	private static final String EVIL = "https://evil.example.org";

	private final CorsEngine engine = CorsEngine.create(List.of(CorsPolicy.builder("api")
		.pathPatterns("/api/**")
		.allowedOrigins(APP)
		.allowedHeaders("Content-Type")
		.build(), CorsPolicy.builder("public").pathPatterns("/public/**").allowedOrigins("*").build()));

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final CorsMetrics metrics = new CorsMetrics(this.registry, new CorsPolicyRegistry(this.engine));

	/** {@code method path} to http://localhost:8080, with headers as name/value pairs. */
	private static MapCorsRequest request(String method, String path, String... namesAndValues) {
		MapCorsRequest.Builder request = MapCorsRequest.request(method, path).server("http", "localhost", 8080);
		for (int i = 0; i < namesAndValues.length; i += 2) {
			request.header(namesAndValues[i], namesAndValues[i + 1]);
		}
		return request.build();
	}

	@Test
	void countsCrossOriginDecisionsByPolicyTypeOutcomeAndReason() {
		observe(request("OPTIONS", "/api/a", "Origin", APP, "Access-Control-Request-Method", "POST"));
		observe(request("OPTIONS", "/api/b", "Origin", APP, "Access-Control-Request-Method", "GET"));
		observe(request("OPTIONS", "/api/a", "Origin", EVIL, "Access-Control-Request-Method", "GET"));
		observe(request("OPTIONS", "/api/a", "Origin", APP, "Access-Control-Request-Method", "GET",
				"Access-Control-Request-Headers", "x-evil"));
		observe(request("DELETE", "/api/a", "Origin", APP));
		observe(request("GET", "/public/a", "Origin", EVIL));
		observe(request("GET", "/api/a", "Origin", EVIL, "Upgrade", "websocket"));
		observe(request("GET", "/api/a", "Origin", "https://EVIL.example.org"));

		assertThat(count("api", "preflight", "allowed", "allowed")).isEqualTo(2);
		assertThat(count("api", "preflight", "rejected", "origin-not-allowed")).isEqualTo(1);
		assertThat(count("api", "preflight", "rejected", "header-not-allowed")).isEqualTo(1);
		assertThat(count("api", "actual", "rejected", "method-not-allowed")).isEqualTo(1);
		assertThat(count("public", "actual", "allowed", "allowed")).isEqualTo(1);
		assertThat(count("api", "websocket", "rejected", "origin-not-allowed")).isEqualTo(1);
		assertThat(count("api", "actual", "rejected", "malformed-origin")).isEqualTo(1);
		assertThat(this.registry.getMeters()).hasSize(7);
	}

	@Test
	void neverTagsOriginOrPath() {
		observe(request("GET", "/api/secret-path", "Origin", EVIL));

		Meter meter = this.registry.get("cors.requests").meter();
		assertThat(meter.getId().getTags()).extracting(Tag::getKey)
			.containsExactlyInAnyOrder("policy", "type", "outcome", "reason", "mode");
		assertThat(meter.getId().getTags()).extracting(Tag::getValue)
			.noneMatch(value -> value.contains("evil") || value.contains("secret"));
		assertThat(meter.getId().getDescription()).isEqualTo("CORS decisions on policy paths");
	}

	@Test
	void doesNotCountRequestsThatAreNotCors() {
		observe(request("GET", "/api/a"));
		observe(request("GET", "/api/a", "Origin", "http://localhost:8080"));
		observe(request("GET", "/api/a", "Origin", EVIL, "Sec-Fetch-Site", "same-origin"));
		this.metrics.observe(request("GET", "/other", "Origin", EVIL), CorsDecision.NO_POLICY);

		assertThat(this.registry.getMeters()).isEmpty();
	}

	@Test
	void resolvesEachCounterOnceAndCountsExactlyUnderContention() throws Exception {
		MapCorsRequest request = request("GET", "/api/a", "Origin", APP);
		CorsDecision decision = this.engine.evaluate(request);
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				futures.add(executor.submit(() -> {
					for (int i = 0; i < 5_000; i++) {
						this.metrics.observe(request, decision);
					}
				}));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			executor.shutdown();
		}

		assertThat(this.registry.getMeters()).hasSize(1);
		assertThat(count("api", "actual", "allowed", "allowed")).isEqualTo(20_000);
	}

	@Test
	void countsTheEnforcedDecisionAndTheObservedReportOnlyOneEachUnderItsMode() {
		CorsEngine engine = CorsEngine
			.create(List.of(CorsPolicy.builder("api").pathPatterns("/api/**").allowedOrigins(APP).build(),
					CorsPolicy.builder("acct")
						.pathPatterns("/api/account/**")
						.allowedOrigins(EVIL)
						.mode(dev.corsstarter.core.policy.PolicyMode.REPORT_ONLY)
						.build()));
		MapCorsRequest request = request("POST", "/api/account/me", "Origin", EVIL);

		this.metrics.observe(request, engine.evaluate(request));

		assertThat(this.registry.get("cors.requests")
			.tags("policy", "api", "outcome", "rejected", "mode", "enforce")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("cors.requests")
			.tags("policy", "acct", "outcome", "allowed", "mode", "report-only")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.registry.find("cors.requests").tags("policy", "acct", "mode", "enforce").counters()).isEmpty();
	}

	@Test
	void bindsThePolicyLifecycle() {
		this.metrics.bindTo(this.registry);

		assertThat(this.registry.get("cors.policy.generation").gauge().value()).isEqualTo(1);
		assertThat(this.registry.get("cors.policy.reloads").functionCounters()).hasSize(3)
			.extracting((counter) -> counter.getId().getTag("outcome") + "/" + counter.getId().getTag("loosened"))
			.containsExactlyInAnyOrder("applied/true", "applied/false", "refused/false");
		assertThat(this.registry.get("cors.policy.reloads").functionCounters())
			.allSatisfy((counter) -> assertThat(counter.count()).isZero());
	}

	private void observe(MapCorsRequest request) {
		this.metrics.observe(request, this.engine.evaluate(request));
	}

	private double count(String policy, String type, String outcome, String reason) {
		Counter counter = this.registry.find("cors.requests")
			.tags("policy", policy, "type", type, "outcome", outcome, "reason", reason)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
