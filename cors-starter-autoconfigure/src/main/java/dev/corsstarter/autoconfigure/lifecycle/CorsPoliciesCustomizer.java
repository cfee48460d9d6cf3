package dev.corsstarter.autoconfigure.lifecycle;

import java.util.List;

import dev.corsstarter.core.policy.CorsPolicy;

/**
 * Adjusts the policies bound from {@code cors.policies.*} before they are compiled: at
 * startup and on every reload. Application code contributes policies or origins kept
 * elsewhere (tenant origins in a database, say) this way, so a reload of the
 * configuration keeps them; after the data changes, {@link CorsPolicyRegistry#reload()}
 * compiles them in. Called only when policies are compiled, never per request.
 */
@FunctionalInterface
public interface CorsPoliciesCustomizer {

	/**
	 * @param policies the policies so far, in declaration order
	 * @return the policies to compile
	 */
	List<CorsPolicy> customize(List<CorsPolicy> policies);

}
