package dev.corsstarter.autoconfigure.diagnostics;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootVersion;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class SpringBootLinesTests {

	@Test
	void supportedLinesPass() {
		for (String version : new String[] { "3.5.0", "3.5.7", "4.0.7", "4.1.2", "4.1.0-RC1" }) {
			assertThatNoException().as(version).isThrownBy(() -> SpringBootLines.check(version));
		}
	}

	@Test
	void runningVersionPasses() {
		assertThatNoException().isThrownBy(() -> SpringBootLines.check(SpringBootVersion.getVersion()));
	}

	@Test
	void laterLinesAreNotRefused() {
		assertThatNoException().isThrownBy(() -> SpringBootLines.check("4.2.0"));
		assertThatNoException().isThrownBy(() -> SpringBootLines.check("5.0.0-M1"));
	}

	@Test
	void unknownVersionIsNotChecked() {
		assertThatNoException().isThrownBy(() -> SpringBootLines.check(null));
		assertThatNoException().isThrownBy(() -> SpringBootLines.check("unknown"));
	}

	@Test
	void olderLinesAreRefusedNamingTheSupportedOnes() {
		for (String version : new String[] { "3.4.9", "3.0.0", "2.7.18", "1.5.22.RELEASE" }) {
			assertThatExceptionOfType(UnsupportedSpringBootVersionException.class).as(version)
				.isThrownBy(() -> SpringBootLines.check(version))
				.withMessageContaining(version)
				.withMessageContaining("3.5.x, 4.0.x and 4.1.x");
		}
	}

}
