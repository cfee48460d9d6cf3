package dev.corsstarter.autoconfigure.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.validation.InvalidCorsConfigurationException;
import dev.corsstarter.core.validation.ValidationContext;

@ExtendWith(OutputCaptureExtension.class)
class InvalidCorsConfigurationFailureAnalyzerTests {

	@Test
	void describesEveryErrorWithPropertyValueReasonAndFix() {
		CorsPolicy policy = CorsPolicy.builder("api")
			.pathPatterns("/api/**")
			.allowedOrigins("https://app.example.com/", "*", "https://x.example.com:443")
			.allowCredentials(true)
			.build();
		InvalidCorsConfigurationException failure = catchThrowableOfType(InvalidCorsConfigurationException.class,
				() -> CorsEngine.compile(List.of(policy), ValidationContext.DEFAULT));

		FailureAnalysis analysis = new InvalidCorsConfigurationFailureAnalyzer().analyze(failure);

		assertThat(analysis.getDescription()).contains("3 problems")
			.contains("cors.policies.api.allowed-origins[0]", "\"https://app.example.com/\"", "trailing slash")
			.contains("cors.policies.api.allowed-origins[1]", "\"*\"", "cookies")
			.contains("cors.policies.api.allowed-origins[2]", "default port");
		assertThat(analysis.getAction())
			.contains("cors.policies.api.allowed-origins[0]: Remove the trailing slash: https://app.example.com")
			.contains("cors.policies.api.allowed-origins[2]: Remove the port: https://x.example.com")
			.contains("allow-credentials=false");
	}

	@Test
	void applicationFailsToStartWithTheAnalysis(CapturedOutput output) {
		SpringApplication application = new SpringApplication(InvalidApplication.class);
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> application.run("--server.port=0",
				"--spring.main.banner-mode=off", "--cors.policies.api.path-patterns=/api/**",
				"--cors.policies.api.allowed-origins=https://App.example.com",
				"--cors.policies.api.allowed-methods=GET,TRACE"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("cors.policies.api.allowed-origins[0]")
			.contains("https://App.example.com")
			.contains("Write it in lower case: https://app.example.com")
			.contains("cors.policies.api.allowed-methods[1]")
			.contains("TRACE");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class InvalidApplication {

	}

}
