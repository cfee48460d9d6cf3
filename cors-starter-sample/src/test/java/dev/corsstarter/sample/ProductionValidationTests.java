package dev.corsstarter.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The sample under the production profile refuses a development origin added to a policy,
 * with the starter's failure analysis naming the property; the same origin starts outside
 * production.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionValidationTests {

	private static final String ORIGINS_WITH_LOCALHOST = "--cors.policies.api.allowed-origins="
			+ "https://app.example.com,http://localhost:3000";

	@Test
	void localhostOriginStopsTheApplicationUnderProd(CapturedOutput output) {
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> SpringApplication
			.run(SampleApplication.class, "--server.port=0", "--spring.profiles.active=prod", ORIGINS_WITH_LOCALHOST));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("cors.policies.api.allowed-origins[1]")
			.contains("http://localhost:3000");
	}

	@Test
	void localhostOriginStartsOutsideProduction() {
		try (var context = SpringApplication.run(SampleApplication.class, "--server.port=0", ORIGINS_WITH_LOCALHOST)) {
			assertThat(context.isRunning()).isTrue();
		}
	}

}
