package dev.corsstarter.autoconfigure.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Names the running and the supported Spring Boot versions when the starter refuses. */
class UnsupportedSpringBootVersionFailureAnalyzer
		extends AbstractFailureAnalyzer<UnsupportedSpringBootVersionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnsupportedSpringBootVersionException cause) {
		return new FailureAnalysis(
				"cors-starter does not support Spring Boot " + cause.getVersion() + ". It supports Spring Boot "
						+ SpringBootLines.SUPPORTED + ".",
				"Upgrade the application to a supported Spring Boot line (" + SpringBootLines.SUPPORTED
						+ "), or remove cors-spring-boot-starter.",
				cause);
	}

}
