package dev.corsstarter.autoconfigure.interop;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.web.cors.CorsConfiguration;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.web.CorsRouting;
import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.decision.Reason;
import dev.corsstarter.core.internal.OriginPattern;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.request.CorsRequest;

/**
 * The policies as Spring's {@code CorsConfigurationSource} on either stack: for each
 * request, the configuration of the policy the CORS filter decided it with (or would
 * decide it with, for a request the filter has not seen), so code that asks Spring for
 * CORS configuration, such as Spring Security's {@code cors()}, sees the same policies.
 * It never makes Spring decide again: a response the filter allowed already carries
 * {@code Access-Control-Allow-Origin}, which Spring's {@code DefaultCorsProcessor} takes
 * as handled, and a refused request never reaches the application. Report-only policies,
 * paths no policy covers and requests the filter holds to be same-origin have no
 * configuration here. Each engine's routes are converted once.
 */
public abstract class PolicyCorsConfigurations {

	private final CorsPolicyRegistry policies;

	private final CorsRouting routing;

	private volatile Converted converted;

	PolicyCorsConfigurations(CorsPolicyRegistry policies, CorsRouting routing) {
		this.policies = policies;
		this.routing = routing;
		this.converted = new Converted(policies.current(), null);
	}

	/**
	 * The configuration for a request.
	 * @param decided what the filter left on the request, if anything
	 * @param request the request as the engine reads it, for a request not decided yet
	 */
	final @Nullable CorsConfiguration configurationFor(@Nullable Object decided,
			Function<CorsRouting, CorsRequest> request) {
		CorsEngine engine = this.policies.current();
		CorsDecision decision = (decided instanceof CorsDecision cors) ? cors
				: engine.evaluate(request.apply(this.routing));
		CorsPolicy policy = decision.policy();
		if (policy == null || !decision.isEnforced() || decision.reason() == Reason.SAME_ORIGIN) {
			return null;
		}
		Converted converted = this.converted;
		if (converted.engine != engine) {
			converted = new Converted(engine, converted);
			this.converted = converted;
		}
		CorsConfiguration configuration = converted.get(policy);
		return (configuration != null) ? new CorsConfiguration(configuration) : null;
	}

	/**
	 * A route's policy as a Spring configuration: exact origins as allowed origins,
	 * wildcards as origin patterns, {@code host:*} written as Spring's {@code host:[*]}.
	 */
	static CorsConfiguration toCorsConfiguration(CorsEngine.Route route) {
		CorsConfiguration configuration = new CorsConfiguration();
		for (OriginPattern origin : route.origins()) {
			String value = origin.value();
			switch (origin.kind()) {
				case EXACT, NULL -> configuration.addAllowedOrigin(value);
				default -> configuration
					.addAllowedOriginPattern(origin.anyPort() ? value.substring(0, value.length() - 1) + "[*]" : value);
			}
		}
		CorsPolicy policy = route.policy();
		configuration.setAllowedMethods(policy.allowedMethods());
		configuration.setAllowedHeaders(policy.allowedHeaders());
		configuration.setExposedHeaders(policy.exposedHeaders());
		configuration.setAllowCredentials(policy.allowCredentials());
		configuration.setAllowPrivateNetwork(policy.allowPrivateNetwork());
		configuration.setMaxAge(policy.maxAge().toSeconds());
		return configuration;
	}

	/** One engine's policies converted, and those of the engine before it. */
	private static final class Converted {

		private final CorsEngine engine;

		private final Map<CorsPolicy, CorsConfiguration> configurations = new IdentityHashMap<>();

		private final Map<CorsPolicy, CorsConfiguration> before;

		Converted(CorsEngine engine, @Nullable Converted before) {
			this.engine = engine;
			this.before = (before != null) ? before.configurations : Map.of();
			for (CorsEngine.Route route : engine.routes()) {
				this.configurations.computeIfAbsent(route.policy(), (policy) -> toCorsConfiguration(route));
			}
		}

		/** A decision made just before a change has a policy of the engine before. */
		@Nullable CorsConfiguration get(CorsPolicy policy) {
			return this.configurations.getOrDefault(policy, this.before.get(policy));
		}

	}

}
