package dev.corsstarter.autoconfigure.interop;

import java.util.IdentityHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.web.cors.CorsConfiguration;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.decision.Reason;
import dev.corsstarter.core.policy.CorsPolicy;

/**
 * The compiled policies as Spring {@link CorsConfiguration}s, converted once per engine.
 * Shared by the servlet and reactive {@code CorsConfigurationSource} views.
 */
final class PolicyCorsConfigurations {

	private final CorsPolicyRegistry policies;

	private volatile Snapshot snapshot;

	PolicyCorsConfigurations(CorsPolicyRegistry policies) {
		this.policies = policies;
		this.snapshot = new Snapshot(policies.current());
	}

	CorsEngine engine() {
		return this.policies.current();
	}

	/**
	 * The configuration Spring should use for a request the engine decided, or
	 * {@code null}: for a path no policy covers, a report-only policy (which must never
	 * decide anything) and a request the engine holds to be same-origin (so Spring never
	 * treats it as cross-origin).
	 */
	@Nullable CorsConfiguration configurationFor(CorsDecision decision) {
		CorsPolicy policy = decision.policy();
		if (policy == null || !decision.isEnforced() || decision.reason() == Reason.SAME_ORIGIN) {
			return null;
		}
		Snapshot current = this.snapshot;
		CorsEngine engine = this.policies.current();
		if (current.engine != engine) {
			current = new Snapshot(engine);
			this.snapshot = current;
		}
		CorsConfiguration configuration = current.configurations.get(policy);
		// a decision of an engine replaced meanwhile: convert its policy as it was
		return new CorsConfiguration((configuration != null) ? configuration : toCorsConfiguration(policy));
	}

	/**
	 * One policy as a Spring configuration. Exact origins become allowed origins;
	 * wildcards become origin patterns, {@code host:*} written as Spring's
	 * {@code host:[*]}.
	 */
	static CorsConfiguration toCorsConfiguration(CorsPolicy policy) {
		CorsConfiguration configuration = new CorsConfiguration();
		for (String origin : policy.allowedOrigins()) {
			if (origin.indexOf('*') < 0) {
				configuration.addAllowedOrigin(origin);
			}
			else {
				configuration.addAllowedOriginPattern(
						origin.endsWith(":*") ? origin.substring(0, origin.length() - 1) + "[*]" : origin);
			}
		}
		configuration.setAllowedMethods(policy.allowedMethods());
		configuration.setAllowedHeaders(policy.allowedHeaders());
		configuration.setExposedHeaders(policy.exposedHeaders());
		configuration.setAllowCredentials(policy.allowCredentials());
		configuration.setAllowPrivateNetwork(policy.allowPrivateNetwork());
		configuration.setMaxAge(policy.maxAge().toSeconds());
		return configuration;
	}

	private static final class Snapshot {

		private final CorsEngine engine;

		private final Map<CorsPolicy, CorsConfiguration> configurations = new IdentityHashMap<>();

		Snapshot(CorsEngine engine) {
			this.engine = engine;
			for (CorsPolicy policy : engine.policies()) {
				this.configurations.put(policy, toCorsConfiguration(policy));
			}
		}

	}

}
