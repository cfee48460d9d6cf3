package dev.corsstarter.autoconfigure.lifecycle;

import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;

/**
 * Reloads the policies after every change Spring Cloud reports, whatever keys changed:
 * keys may reach {@code cors.} under names no prefix test would catch (environment
 * variables, placeholders), and a change elsewhere compiles to the same fingerprint.
 */
public final class CorsPolicyReloadListener implements ApplicationListener<EnvironmentChangeEvent> {

	private final CorsPolicyRegistry policies;

	public CorsPolicyReloadListener(CorsPolicyRegistry policies) {
		this.policies = policies;
	}

	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		// nobody receives the result of a refresh: a refusal is logged at ERROR
		this.policies.reload(PolicyChange.Trigger.CONFIGURATION);
	}

}
