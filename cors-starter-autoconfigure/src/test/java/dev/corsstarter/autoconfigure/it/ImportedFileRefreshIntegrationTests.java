package dev.corsstarter.autoconfigure.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real refresh of a real application whose policies live in an imported file, as a
 * mounted ConfigMap or a Config Server answer delivers them: the file is edited,
 * {@code POST
 * /actuator/refresh} reloads it, and requests over HTTP show what serves afterwards. An
 * emptied file must not switch protection off; removing a policy is applied, but never
 * silently.
 */
@ExtendWith(OutputCaptureExtension.class)
class ImportedFileRefreshIntegrationTests {

	private static final String APP = "https://app.example.com";

	private static final String ELSEWHERE = "https://elsewhere.example.net";

	private static final String TWO_POLICIES = """
			cors:
			  policies:
			    api:
			      path-patterns: [/api/**]
			      allowed-origins: [https://app.example.com]
			    trial:
			      path-patterns: [/trial/**]
			      allowed-origins: [https://app.example.com]
			""";

	@TempDir
	Path directory;

	private ConfigurableApplicationContext context;

	private int port;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void anEmptiedFileIsRefusedAndThePoliciesKeepServing(CapturedOutput output) throws Exception {
		Path file = start("""
				cors:
				  policies:
				    api:
				      path-patterns: [/api/**]
				      allowed-origins: [https://app.example.com]
				""");
		assertThat(post("/api/items", ELSEWHERE).status()).isEqualTo(403);

		// what is left of a partly mounted ConfigMap: the file, without the policies
		Files.writeString(file, "management.info.env.enabled: true\n");
		assertThat(refresh().status()).isEqualTo(200);

		assertThat(post("/api/items", ELSEWHERE).status()).as("a cross-site POST after the file was emptied")
			.isEqualTo(403);
		assertThat(post("/api/items", APP).status()).isEqualTo(200);
		String endpoint = get("/actuator/cors").body();
		assertThat(endpoint).contains("\"generation\":1")
			.contains("\"lastReload\":{\"outcome\":\"refused\"")
			.contains("\"rule\":\"no-policies-left\"")
			.contains("\"trigger\":\"configuration\"")
			.contains("\"pathPatterns\":[\"/api/**\"]");
		assertThat(output).containsPattern("ERROR .* CORS policy change from the configuration refused; generation 1")
			.contains("The change leaves no CORS policy")
			.contains("cors.enabled=false");
	}

	@Test
	void removingOnePolicyOfSeveralIsAppliedAndLoggedAsLoosening(CapturedOutput output) throws Exception {
		Path file = start(TWO_POLICIES);
		assertThat(post("/trial/items", ELSEWHERE).status()).isEqualTo(403);

		Files.writeString(file, TWO_POLICIES.substring(0, TWO_POLICIES.indexOf("    trial:")));
		assertThat(refresh().status()).isEqualTo(200);

		assertThat(post("/trial/items", ELSEWHERE).status()).isEqualTo(200);
		String endpoint = get("/actuator/cors").body();
		assertThat(endpoint).contains("\"generation\":2")
			.contains("\"outcome\":\"applied\"")
			.contains("\"trigger\":\"configuration\"")
			.contains("\"changes\":[{\"policy\":\"trial\",\"property\":\"cors.policies.trial\",\"added\":[],"
					+ "\"removed\":[\"/trial/**\"],\"loosens\":true}]");
		assertThat(output).containsPattern("WARN .* CORS policy change loosens protection: .*cors.policies.trial");
		assertThat(get("/actuator/metrics/cors.policy.reloads?tag=outcome:applied&tag=loosened:true").body())
			.contains("\"value\":1.0");
	}

	private Path start(String yaml) throws IOException {
		Path file = this.directory.resolve("cors-live.yml");
		Files.writeString(file, yaml);
		// command-line arguments: Spring Cloud's refresh rebuilds the environment from
		// them
		this.context = new SpringApplicationBuilder(LifecycleTestApplication.class).run("--server.port=0",
				"--spring.main.web-application-type=servlet", "--spring.config.import=file:" + file,
				"--management.endpoints.web.exposure.include=cors,refresh,metrics");
		this.port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		return file;
	}

	private RawHttpClient.Response post(String path, String origin) throws IOException {
		return RawHttpClient.send(this.port, "POST", path, List.of(Map.entry("Origin", origin),
				Map.entry("X-Request-Id", UUID.randomUUID().toString()), Map.entry("Content-Length", "0")));
	}

	private RawHttpClient.Response refresh() throws IOException {
		return RawHttpClient.send(this.port, "POST", "/actuator/refresh", List.of(Map.entry("Content-Length", "0")));
	}

	private RawHttpClient.Response get(String path) throws IOException {
		return RawHttpClient.send(this.port, "GET", path, List.of());
	}

}
