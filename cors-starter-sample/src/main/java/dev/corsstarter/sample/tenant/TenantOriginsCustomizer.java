package dev.corsstarter.sample.tenant;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import dev.corsstarter.autoconfigure.lifecycle.CorsPoliciesCustomizer;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.core.policy.CorsPolicy;

/**
 * Adds the stored tenant origins to the {@value #POLICY} policy whenever the CORS
 * policies are compiled: at startup, on a reload of the configuration
 * ({@code /actuator/refresh}) and when {@link TenantOnboarding} adds a tenant. Never per
 * request: the filter decides with the compiled engine and does not touch the database.
 * The read is a query of its own, outside any transaction, made while the registry holds
 * its lock.
 */
@Component
@ConditionalOnBooleanProperty(name = "cors.enabled", matchIfMissing = true)
class TenantOriginsCustomizer implements CorsPoliciesCustomizer {

	/**
	 * The policy that tenant origins join: the credentialed API, /api/** in
	 * application.yml.
	 */
	static final String POLICY = "api";

	/**
	 * The origin this thread is adding: {@link CorsPolicyRegistry#reload()} calls the
	 * customizers on the thread that asks for the reload, under the registry's lock, so
	 * only that reload compiles the candidate; every other reload reads the committed
	 * tenants alone.
	 */
	private static final ThreadLocal<String> candidate = new ThreadLocal<>();

	private final TenantOriginStore store;

	TenantOriginsCustomizer(TenantOriginStore store) {
		this.store = store;
	}

	/**
	 * Runs {@code reload} (a {@link CorsPolicyRegistry#reload()}) with {@code origin}
	 * compiled in as if it were stored, without storing it.
	 */
	<T> T withCandidate(String origin, Supplier<T> reload) {
		candidate.set(origin);
		try {
			return reload.get();
		}
		finally {
			candidate.remove();
		}
	}

	@Override
	public List<CorsPolicy> customize(List<CorsPolicy> policies) {
		List<String> tenants = new ArrayList<>(this.store.origins());
		String adding = candidate.get();
		if (adding != null && !tenants.contains(adding)) {
			tenants.add(adding);
		}
		if (tenants.isEmpty()) {
			return policies;
		}
		return policies.stream()
			.map((policy) -> policy.name().equals(POLICY) ? withOrigins(policy, tenants) : policy)
			.toList();
	}

	/** The policy with the tenant origins it does not list yet appended to its own. */
	private static CorsPolicy withOrigins(CorsPolicy policy, List<String> tenants) {
		List<String> origins = new ArrayList<>(policy.allowedOrigins());
		for (String tenant : tenants) {
			if (!origins.contains(tenant)) {
				origins.add(tenant);
			}
		}
		return CorsPolicy.builder(policy.name())
			.pathPatterns(policy.pathPatterns())
			.allowedOrigins(origins)
			.allowedMethods(policy.allowedMethods())
			.allowedHeaders(policy.allowedHeaders())
			.exposedHeaders(policy.exposedHeaders())
			.allowCredentials(policy.allowCredentials())
			.allowPrivateNetwork(policy.allowPrivateNetwork())
			.maxAge(policy.maxAge())
			.mode(policy.mode())
			.build();
	}

}
