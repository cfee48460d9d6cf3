package dev.corsstarter.autoconfigure.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.internal.MapCorsRequest;

class CorsDecisionObserverTests {

	private final CorsEngine engine = CorsEngine.create(List
		.of(CorsPolicy.builder("api").pathPatterns("/api/**").allowedOrigins("https://app.example.com").build()));

	private final MapCorsRequest request = MapCorsRequest.get("/api/a").origin("https://evil.example.org").build();

	private final CorsDecision decision = this.engine.evaluate(this.request);

	private final CorsDecisionObserver failing = (request, decision) -> {
		throw new IllegalStateException("observer failed");
	};

	@Test
	void aFailingObserverNeverBreaksTheRequestEvenWhenItIsTheOnlyOne() {
		CorsDecisionObserver observer = CorsDecisionObserver.of(List.of(this.failing));

		assertThatNoException().isThrownBy(() -> observer.observe(this.request, this.decision));
	}

	@Test
	void theObserversAfterAFailingOneAreStillCalled() {
		List<CorsDecision> seen = new ArrayList<>();
		CorsDecisionObserver observer = CorsDecisionObserver.of(List.of(this.failing, (r, d) -> seen.add(d)));

		observer.observe(this.request, this.decision);

		assertThat(seen).containsExactly(this.decision);
	}

}
