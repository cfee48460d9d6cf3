package dev.corsstarter.autoconfigure.interop;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.reactive.CorsPolicyWebFilter;
import dev.corsstarter.autoconfigure.reactive.ReactiveCorsRequests;
import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.request.PathMatching;

/**
 * The policies as WebFlux's {@link CorsConfigurationSource}: for each exchange, the
 * configuration of the policy the CORS web filter decided it with (or would decide it
 * with, for an exchange the filter has not seen), so code that asks Spring for CORS
 * configuration, such as Spring Security's {@code cors()}, sees the same policies. It
 * never makes Spring decide again: a response the filter allowed already carries
 * {@code Access-Control-Allow-Origin}, which Spring's {@code DefaultCorsProcessor} takes
 * as handled, and a refused request never reaches the application. Report-only policies,
 * paths no policy covers and requests the filter holds to be same-origin have no
 * configuration here.
 */
public final class ReactivePolicyCorsConfigurationSource implements CorsConfigurationSource {

	private final PolicyCorsConfigurations configurations;

	private final Supplier<PathMatching> pathMatching;

	public ReactivePolicyCorsConfigurationSource(CorsPolicyRegistry policies) {
		this(policies, () -> PathMatching.DEFAULT);
	}

	/**
	 * @param pathMatching how the application's handler mappings match paths, as the web
	 * filter reads it, for an exchange the filter has not decided
	 */
	public ReactivePolicyCorsConfigurationSource(CorsPolicyRegistry policies, Supplier<PathMatching> pathMatching) {
		this.configurations = new PolicyCorsConfigurations(policies);
		this.pathMatching = pathMatching;
	}

	@Override
	public @Nullable CorsConfiguration getCorsConfiguration(ServerWebExchange exchange) {
		Object decided = exchange.getAttribute(CorsPolicyWebFilter.DECISION_ATTRIBUTE);
		CorsDecision decision = (decided instanceof CorsDecision cors) ? cors : this.configurations.engine()
			.evaluate(ReactiveCorsRequests.of(exchange.getRequest(), this.pathMatching.get()));
		return this.configurations.configurationFor(decision);
	}

}
