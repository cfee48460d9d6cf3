package dev.corsstarter.sample.tenant;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.lifecycle.PolicyChange;

/**
 * Adds a tenant origin: compiles it into the CORS policies and stores it, or neither.
 * <p>
 * {@link CorsPolicyRegistry} serialises changes with a lock, and a change reads the
 * tenant origins from the database while it holds that lock
 * ({@link TenantOriginsCustomizer}). So no transaction, and no pooled connection, is held
 * here while waiting for the lock: otherwise waiting additions take every connection of
 * the pool and the change holding the lock cannot get one to read the tenants (a refresh
 * then fails and is refused, and the additions stall until the pool gives up, answering
 * 500). Instead, in three steps, each its own unit:
 * <ol>
 * <li>Compile the origin in first, without storing it:
 * {@link CorsPolicyRegistry#reload()} with the origin as this thread's candidate, which
 * only this thread's reload sees (the customizer reads the committed tenants and adds
 * it). When the policies refuse it, nothing is stored and no other reload ever saw it, so
 * a bad tenant can never make a refresh fail.</li>
 * <li>Store it, in a transaction of its own (one insert).</li>
 * <li>Reload once more, now from the committed tenants. A reload that ran between the
 * first step and the commit (a refresh, another tenant) compiled the policies without
 * this origin; this one waits for it behind the lock and brings the origin back, so
 * whatever the interleaving, the last change compiles every stored tenant. It changes
 * nothing when nothing ran in between.</li>
 * </ol>
 * Only when the configuration changed in between so that it now refuses this very origin
 * does the last reload refuse it: the row is deleted again (the database never keeps an
 * origin the policies refuse, which would make every later reload fail) and the
 * configuration is reloaded without it. A reload refused for a reason of the
 * configuration's own keeps the origin, which was valid, stored: the next applied reload
 * compiles it, as it applies the rest of the configuration.
 */
@Service
@ConditionalOnBooleanProperty(name = "cors.enabled", matchIfMissing = true)
class TenantOnboarding {

	private final TenantOriginStore store;

	private final TenantOriginsCustomizer customizer;

	private final CorsPolicyRegistry policies;

	TenantOnboarding(TenantOriginStore store, TenantOriginsCustomizer customizer, CorsPolicyRegistry policies) {
		this.store = store;
		this.customizer = customizer;
		this.policies = policies;
	}

	/**
	 * @return the change that compiled the origin in: applied (or unchanged, when a
	 * policy allowed the origin already) with the origin stored; refused, with every
	 * violation, and nothing stored
	 * @throws DuplicateKeyException when the origin is stored already
	 */
	PolicyChange add(String origin) {
		if (this.store.contains(origin)) {
			throw new DuplicateKeyException("The tenant origin " + origin + " is stored already");
		}
		PolicyChange change = this.customizer.withCandidate(origin, this.policies::reload);
		if (change.isRefused()) {
			return change;
		}
		try {
			this.store.insert(origin);
		}
		catch (RuntimeException ex) {
			if (!(ex instanceof DuplicateKeyException)) {
				// not stored: take it out of the policies again (a duplicate was stored
				// by the
				// request that added it at the same time, which compiles it in itself)
				this.policies.reload();
			}
			throw ex;
		}
		PolicyChange committed = this.policies.reload();
		if (committed.isRefused() && refuses(committed, origin)) {
			this.store.delete(origin);
			this.policies.reload();
			return committed;
		}
		return change;
	}

	private static boolean refuses(PolicyChange change, String origin) {
		return change.violations()
			.stream()
			.anyMatch((violation) -> violation.isError() && origin.equals(violation.value()));
	}

}
