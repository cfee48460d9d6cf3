package dev.corsstarter.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;

import dev.corsstarter.core.decision.CompiledPolicy;
import dev.corsstarter.core.decision.CorsEngine;

/** The one INFO line cors-starter logs when it installs its filter. */
final class CorsStartupLog {

	private static final Log logger = LogFactory.getLog(CorsAutoConfiguration.class);

	private CorsStartupLog() {
	}

	/**
	 * Log the stack, each policy with its path patterns, the filter order and whether production
	 * rules apply and why.
	 */
	static void installed(String stack, CorsEngine engine, int order, ObjectProvider<CorsConfigurationReport> report) {
		if (logger.isInfoEnabled()) {
			logger.info(summary(stack, engine, order, report.getIfAvailable(() -> CorsConfigurationReport.NONE)));
		}
	}

	static String summary(String stack, CorsEngine engine, int order, CorsConfigurationReport report) {
		List<String> policies = new ArrayList<>();
		for (CompiledPolicy policy : engine.policies()) {
			policies.add(policy.name() + " " + policy.policy().pathPatterns());
		}
		return "CORS filter installed on the " + stack + " stack at order " + order + " with "
				+ policies.size() + ((policies.size() == 1) ? " policy: " : " policies: ") + String.join(", ", policies)
				+ "; production rules " + report.productionRules();
	}

}
