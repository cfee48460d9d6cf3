package dev.corsstarter.autoconfigure;

import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.lifecycle.PolicyChange;

/**
 * Recompiles the CORS policies from the environment after every change Spring Cloud
 * reports. Whatever keys changed: a change elsewhere compiles to the same fingerprint and
 * changes nothing, and keys may reach {@code cors.} under names no prefix test would
 * catch (environment variables, placeholders).
 */
final class CorsPolicyReloadListener implements ApplicationListener<EnvironmentChangeEvent> {

	private final CorsPolicyRegistry policies;

	CorsPolicyReloadListener(CorsPolicyRegistry policies) {
		this.policies = policies;
	}

	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		// nobody receives the result of a refresh: a refusal must be logged at ERROR
		this.policies.reload(PolicyChange.Trigger.CONFIGURATION);
	}

}
