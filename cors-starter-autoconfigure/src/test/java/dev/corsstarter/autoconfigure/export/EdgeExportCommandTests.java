package dev.corsstarter.autoconfigure.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link EdgeExportCommand}: the export from the application's configuration, without
 * running it, loaded by Spring Boot's config data and under the same binding and
 * validation as the starter.
 */
class EdgeExportCommandTests {

	private static final String SAMPLE_LIKE = """
			cors:
			  policies:
			    api:
			      path-patterns: [/api/**]
			      allowed-origins: [https://app.example.com]
			      allow-credentials: true
			      max-age: 10m
			---
			spring:
			  config:
			    activate:
			      on-profile: "!prod & !production"
			cors:
			  policies:
			    api:
			      allowed-origins: [https://app.example.com, "http://localhost:*"]
			""";

	@TempDir
	Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void printsTheServerPartWithTheDocumentsOfNoProfile() throws IOException {
		Files.writeString(this.dir.resolve("application.yml"), SAMPLE_LIKE);
		assertThat(run("--config=" + this.dir, "--part=server")).as(err()).isEqualTo(EdgeExportCommand.EXPORTED);
		assertThat(out()).startsWith("# cors-starter policies exported for nginx\n# generation 1, fingerprint ")
			.contains("location ^~ \"/api/\" {")
			.contains("proxy_pass http://app;");
		assertThat(run("--config=" + this.dir, "--part=http")).isEqualTo(EdgeExportCommand.EXPORTED);
		assertThat(out()).contains("\"~^(http://localhost(?::[0-9]{1,5})?)$\" $1;");
	}

	@Test
	void aProductionProfileLeavesOutTheDevelopmentDocument() throws IOException {
		Files.writeString(this.dir.resolve("application.yml"), SAMPLE_LIKE);
		assertThat(run("--config=" + this.dir, "--profile=prod", "--part=http")).as(err())
			.isEqualTo(EdgeExportCommand.EXPORTED);
		assertThat(out()).contains("\"~^https://app\\\\.example\\\\.com$\" \"https://app.example.com\";")
			.doesNotContain("localhost");
	}

	@Test
	void profileFilesOverrideAndTheContextPathPrefixesEveryLocation() throws IOException {
		Files.writeString(this.dir.resolve("application.yml"), SAMPLE_LIKE);
		Files.writeString(this.dir.resolve("application-edge.properties"),
				"server.servlet.context-path=/shop\ncors.policies.api.path-patterns=/orders/**\n");
		assertThat(run("--config=" + this.dir, "--profile=edge", "--part=server", "--upstream=http://10.0.0.5:8080"))
			.as(err())
			.isEqualTo(EdgeExportCommand.EXPORTED);
		assertThat(out()).contains("location ^~ \"/shop/orders/\" {")
			.contains("proxy_pass http://10.0.0.5:8080;")
			.doesNotContain("\"/api/\"");
	}

	@Test
	void invalidConfigurationIsRefusedWithTheStartupReport() throws IOException {
		Files.writeString(this.dir.resolve("application.yml"), SAMPLE_LIKE);
		Files.writeString(this.dir.resolve("application-prod.yml"), """
				cors:
				  policies:
				    api:
				      allowed-origins: ["*", https://app.example.com/]
				""");
		assertThat(run("--config=" + this.dir, "--profile=prod", "--part=http"))
			.isEqualTo(EdgeExportCommand.INVALID_CONFIGURATION);
		assertThat(out()).isEmpty();
		assertThat(err()).contains("The CORS configuration is invalid or dangerous (2 problems):")
			.contains("Property: cors.policies.api.allowed-origins[0]")
			.contains("application-prod.yml")
			.contains("Reason: An origin has no trailing slash, so this never matches.")
			.contains("cors.policies.api.allowed-origins[1]: Remove the trailing slash: https://app.example.com");
	}

	@Test
	void productionRulesApplyUnderAProductionProfile() throws IOException {
		Files.writeString(this.dir.resolve("application.yml"), """
				cors:
				  policies:
				    api:
				      path-patterns: [/api/**]
				      allowed-origins: ["http://localhost:*"]
				""");
		assertThat(run("--config=" + this.dir, "--part=http")).isEqualTo(EdgeExportCommand.EXPORTED);
		assertThat(run("--config=" + this.dir, "--profile=production", "--part=http"))
			.isEqualTo(EdgeExportCommand.INVALID_CONFIGURATION);
		assertThat(err()).contains("Property: cors.policies.api.allowed-origins[0]").contains("localhost");
	}

	@Test
	void aMisspeltKeyIsRefusedAsAtStartup() throws IOException {
		Files.writeString(this.dir.resolve("application.properties"), """
				cors.policies.api.path-patterns=/api/**
				cors.policies.api.allowed-origins=https://app.example.com
				cors.policies.api.allow-credential=true
				""");
		assertThat(run("--config=" + this.dir, "--part=http")).isEqualTo(EdgeExportCommand.INVALID_CONFIGURATION);
		assertThat(err()).contains("cors.policies.api.allow-credential")
			.contains("Did you mean cors.policies.api.allow-credentials?");
	}

	@Test
	void policiesNginxCannotMatchAreRefusedWithEveryReason() throws IOException {
		Files.writeString(this.dir.resolve("application.properties"), """
				cors.policies.api.path-patterns=/api/*/items,/orders/{id}
				cors.policies.api.allowed-origins=https://app.example.com
				spring.mvc.hiddenmethod.filter.enabled=true
				""");
		assertThat(run("--config=" + this.dir, "--part=server")).isEqualTo(EdgeExportCommand.NOT_EXPORTABLE);
		assertThat(out()).isEmpty();
		assertThat(err()).contains("cannot be exported to nginx (3 reasons)")
			.contains("path pattern '/api/*/items' of policy 'api' has a wildcard")
			.contains("path pattern '/orders/{id}' of policy 'api' has a wildcard")
			.contains("the application honours a method override");
	}

	@Test
	void writesBothPartsToADirectory() throws IOException {
		Files.writeString(this.dir.resolve("application.yml"), SAMPLE_LIKE);
		Path output = this.dir.resolve("nginx");
		assertThat(run("--config=" + this.dir.resolve("application.yml"), "--output-dir=" + output, "--generation=4"))
			.as(err())
			.isEqualTo(EdgeExportCommand.EXPORTED);
		assertThat(Files.readString(output.resolve("cors-http.conf"))).contains("# generation 4, fingerprint ")
			.contains("map $http_origin $cors_p1_origin {");
		assertThat(Files.readString(output.resolve("cors-server.conf"))).contains("location = \"/api\" {");
		assertThat(err()).contains("Wrote " + output.resolve("cors-http.conf"));
	}

	@Test
	void withoutPoliciesThereIsNothingToExport() {
		assertThat(run("--part=http")).isEqualTo(EdgeExportCommand.INVALID_CONFIGURATION);
		assertThat(err()).contains("No CORS policy is configured under cors.policies.<name> in classpath:");
	}

	@Test
	void theActiveProfilesOfTheEnvironmentApplyAsInTheApplication() throws IOException {
		Files.writeString(this.dir.resolve("application.yml"), SAMPLE_LIKE);
		System.setProperty("spring.profiles.active", "prod");
		try {
			assertThat(run("--config=" + this.dir, "--part=http")).as(err()).isEqualTo(EdgeExportCommand.EXPORTED);
		}
		finally {
			System.clearProperty("spring.profiles.active");
		}
		assertThat(out()).contains("\"~^https://app\\\\.example\\\\.com$\" \"https://app.example.com\";")
			.doesNotContain("localhost");
	}

	@Test
	void profileGroupsImportsAndConfigFoldersAreLoadedAsInTheApplication() throws IOException {
		Path config = Files.createDirectories(this.dir.resolve("config"));
		Files.writeString(this.dir.resolve("application.yml"), SAMPLE_LIKE + """
				---
				spring:
				  profiles:
				    group:
				      live: prod
				  config:
				    import: optional:file:${user.dir}/no-such-file.yml
				""");
		Files.writeString(config.resolve("application-prod.properties"),
				"spring.config.import=file:" + this.dir.resolve("edge.properties") + "\n");
		Files.writeString(this.dir.resolve("edge.properties"), "server.servlet.context-path=/shop\n");
		assertThat(run("--config=" + this.dir, "--config=" + config, "--profile=live", "--part=server")).as(err())
			.isEqualTo(EdgeExportCommand.EXPORTED);
		assertThat(out()).contains("location ^~ \"/shop/api/\" {");
		assertThat(run("--config=" + this.dir, "--config=" + config, "--profile=live", "--part=http")).as(err())
			.isEqualTo(EdgeExportCommand.EXPORTED);
		assertThat(out()).doesNotContain("localhost");
	}

	@Test
	void theFormatIsAnOption() throws IOException {
		Files.writeString(this.dir.resolve("application.yml"), SAMPLE_LIKE);
		assertThat(run("--config=" + this.dir, "--format=nginx", "--part=http")).isEqualTo(EdgeExportCommand.EXPORTED);
		assertThat(run("--config=" + this.dir, "--format=haproxy", "--part=http")).isEqualTo(EdgeExportCommand.USAGE);
		assertThat(err()).contains("Unknown format --format=haproxy");
	}

	@Test
	void usage() {
		assertThat(run("--config=x")).isEqualTo(EdgeExportCommand.USAGE);
		assertThat(err()).contains("Give exactly one of --part and --output-dir").contains("Usage: java -cp");
		assertThat(run("--part=location")).isEqualTo(EdgeExportCommand.USAGE);
		assertThat(run("--colour=blue", "--part=http")).isEqualTo(EdgeExportCommand.USAGE);
	}

	private int run(String... args) {
		this.out.reset();
		this.err.reset();
		return EdgeExportCommand.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
