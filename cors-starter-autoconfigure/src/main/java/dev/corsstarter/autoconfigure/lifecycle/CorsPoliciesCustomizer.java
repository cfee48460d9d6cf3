package dev.corsstarter.autoconfigure.lifecycle;

import java.util.List;

import dev.corsstarter.core.policy.CorsPolicy;

/**
 * Adjusts the policies bound from {@code cors.policies.*} before every compile, at
 * startup and on every reload: how origins kept elsewhere (tenants in a database) come in
 * and outlive a reload; after they change, {@link CorsPolicyRegistry#reload()}.
 */
@FunctionalInterface
public interface CorsPoliciesCustomizer {

	/** The policies to compile, from those so far, in declaration order. */
	List<CorsPolicy> customize(List<CorsPolicy> policies);

}
