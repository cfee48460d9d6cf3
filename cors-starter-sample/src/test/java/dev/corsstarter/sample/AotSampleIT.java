package dev.corsstarter.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged sample as users run it: {@code java -Dspring.aot.enabled=true -jar}, in
 * its own JVM, with the bean definitions that {@code spring-boot:process-aot} generated
 * at build time for the default (servlet) stack. Proves the jar is executable, the
 * AOT-processed context starts with the starter in it, and the starter's filter answers a
 * preflight.
 */
class AotSampleIT {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

	@TempDir
	static Path logDir;

	private static Process process;

	private static Path log;

	private static int port;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@BeforeAll
	static void startAotProcessedJar() throws Exception {
		Path jar = Paths.get(System.getProperty("sample.jar", "target/cors-starter-sample-0.1.0-SNAPSHOT.jar"));
		assertThat(jar).as("the executable sample jar (built by the package phase)").isRegularFile();
		port = freePort();
		log = logDir.resolve("sample.log");
		List<String> command = new ArrayList<>();
		command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Dspring.aot.enabled=true");
		command.add("-jar");
		command.add(jar.toString());
		command.add("--server.port=" + port);
		// never a cors-live.yml someone left in the working directory (see
		// application.yml)
		command.add("--sample.live-config=" + logDir.resolve("absent-cors-live.yml"));
		process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		waitUntilHealthy();
	}

	@AfterAll
	static void stop() throws InterruptedException {
		if (process != null) {
			process.destroy();
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	@Test
	void startsFromTheAotGeneratedContext() throws IOException {
		assertThat(Files.readString(log)).contains("Starting AOT-processed SampleApplication")
			.contains("Tomcat started on port " + port);
	}

	@Test
	void answersAPreflightFromAnAllowedOrigin() throws Exception {
		HttpRequest preflight = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/public/echo"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://app.example.com")
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "content-type")
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = this.client.send(preflight, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
		assertThat(response.headers().firstValue("Access-Control-Allow-Methods"))
			.hasValueSatisfying((methods) -> assertThat(methods).contains("POST"));
		assertThat(response.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
	}

	@Test
	void refusesAPreflightFromAnotherOrigin() throws Exception {
		HttpRequest preflight = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/public/echo"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://evil.example")
			.header("Access-Control-Request-Method", "POST")
			.timeout(Duration.ofSeconds(10))
			.build();
		HttpResponse<String> response = this.client.send(preflight, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void reloadsTheConfigurationOnRefresh() throws Exception {
		// Spring Cloud Context in the AOT-processed application: /actuator/refresh
		// answers with
		// the keys that changed (none) and the policies stay as they were
		HttpRequest refresh = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/refresh"))
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString("demo:demo-password".getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(30))
			.build();
		HttpResponse<String> response = this.client.send(refresh, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("[]");
		assertThat(Files.readString(log)).doesNotContain("CORS policy change from the configuration refused");
	}

	private static void waitUntilHealthy() throws Exception {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new AssertionError(
						"The sample exited with " + process.exitValue() + ":\n" + Files.readString(log));
			}
			try {
				if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new AssertionError(
				"The sample did not become healthy within " + STARTUP_TIMEOUT + ":\n" + Files.readString(log));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
