package dev.corsstarter.autoconfigure.diagnostics;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

class UnsupportedSpringBootVersionFailureAnalyzerTests {

	@Test
	void namesTheRunningAndTheSupportedVersions() {
		BeanCreationException failure = new BeanCreationException("corsAutoConfiguration", "failed",
				new UnsupportedSpringBootVersionException("3.4.9"));

		FailureAnalysis analysis = new UnsupportedSpringBootVersionFailureAnalyzer().analyze(failure);

		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("Spring Boot 3.4.9")
			.contains("supports Spring Boot 3.5.x, 4.0.x and 4.1.x");
		assertThat(analysis.getAction())
			.contains("Upgrade the application to a supported Spring Boot line (3.5.x, 4.0.x and 4.1.x)");
	}

	@Test
	void isRegisteredWithSpringBoot() {
		// Spring Boot's own analyzers need constructor arguments; only whether ours loads
		// matters here.
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, null, (factoryType, implementationName, failure) -> {
			})).hasAtLeastOneElementOfType(UnsupportedSpringBootVersionFailureAnalyzer.class);
	}

}
