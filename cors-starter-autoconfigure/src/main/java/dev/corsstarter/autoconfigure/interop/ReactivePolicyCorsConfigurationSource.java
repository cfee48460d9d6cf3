package dev.corsstarter.autoconfigure.interop;

import org.jspecify.annotations.Nullable;

import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.reactive.CorsPolicyWebFilter;
import dev.corsstarter.autoconfigure.reactive.ReactiveCorsRequest;
import dev.corsstarter.autoconfigure.web.CorsRouting;

/** The policies as WebFlux's {@link CorsConfigurationSource}. */
public final class ReactivePolicyCorsConfigurationSource extends PolicyCorsConfigurations
		implements CorsConfigurationSource {

	public ReactivePolicyCorsConfigurationSource(CorsPolicyRegistry policies, CorsRouting routing) {
		super(policies, routing);
	}

	@Override
	public @Nullable CorsConfiguration getCorsConfiguration(ServerWebExchange exchange) {
		return configurationFor(exchange.getAttribute(CorsPolicyWebFilter.DECISION_ATTRIBUTE),
				(routing) -> new ReactiveCorsRequest(exchange.getRequest(), routing));
	}

}
