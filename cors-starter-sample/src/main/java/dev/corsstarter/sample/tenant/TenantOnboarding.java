package dev.corsstarter.sample.tenant;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.lifecycle.PolicyChange;

/**
 * Adds a tenant origin: stores it and compiles it into the CORS policies, both or neither.
 * <p>
 * The insert and {@link CorsPolicyRegistry#reload()} run in one transaction. The reload calls
 * {@link TenantOriginsCustomizer} on this thread, whose query sees the uncommitted row, so the
 * policies are compiled with the new origin before it is committed. When the registry refuses
 * the change (the origin breaks a validation rule, say {@code https://*.com}), the transaction
 * rolls back: the old policies keep serving and the database never holds an origin the policies
 * refused. A reload on another thread in the meantime ({@code /actuator/refresh}) does not see
 * the uncommitted row; should it run between this reload and the commit, it compiles the
 * policies without the new origin, and the next reload brings it in.
 */
@Service
@ConditionalOnBooleanProperty(name = "cors.enabled", matchIfMissing = true)
class TenantOnboarding {

	private final TenantOriginStore store;

	private final CorsPolicyRegistry policies;

	private final TransactionTemplate transactions;

	TenantOnboarding(TenantOriginStore store, CorsPolicyRegistry policies, TransactionTemplate transactions) {
		this.store = store;
		this.policies = policies;
		this.transactions = transactions;
	}

	/**
	 * @return the change: applied (or unchanged, when a policy allowed the origin already) with
	 * the origin stored; refused, with every violation, and nothing stored
	 * @throws org.springframework.dao.DuplicateKeyException when the origin is stored already
	 */
	PolicyChange add(String origin) {
		return this.transactions.execute((status) -> {
			this.store.insert(origin);
			PolicyChange change = this.policies.reload();
			if (change.isRefused()) {
				status.setRollbackOnly();
			}
			return change;
		});
	}

}
