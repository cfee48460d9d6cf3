package dev.corsstarter.fleet;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.jayway.jsonpath.DocumentContext;
import dev.corsstarter.fleet.app.FleetApplication;
import dev.corsstarter.fleet.configserver.FleetConfigServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fleet as it runs in production, on one machine: a Spring Cloud Config Server (native
 * backend on a temporary directory) holds the policy, two instances of
 * {@link FleetApplication} read it at startup and listen on Spring Cloud Bus over a real
 * (embedded, KRaft) Kafka broker. A policy change is written to the server's directory
 * and announced with {@code POST /actuator/busrefresh} on ONE instance; both must
 * converge on it, as seen over HTTP: preflight answers, {@code /actuator/cors}
 * ({@code generation}, {@code fingerprint}, {@code lastReload}) and the reload metrics. A
 * change the starter refuses must be refused by every instance, each keeping the policy
 * it served; once the configuration is taken back, every instance reports the refused
 * change as no longer pending ({@code unchanged}).
 * <p>
 * The steps build on each other and run in order on one fleet.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 90)
class FleetIT {

	private static final String ORIGIN_A = "https://a.fleet.example";

	private static final String ORIGIN_B = "https://b.fleet.example";

	/** How long a change may take to reach every instance. */
	private static final Duration CONVERGENCE = Duration.ofSeconds(30);

	private static final String APPLICATION_NAME = "fleet-app";

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private Path configDirectory;

	private EmbeddedKafkaKraftBroker broker;

	private ConfigurableApplicationContext configServer;

	private final List<FleetInstance> fleet = new ArrayList<>();

	/** The fingerprint of the policy in force before the current step. */
	private String previousFingerprint;

	@BeforeAll
	@Timeout(120)
	void startFleet() throws IOException {
		this.configDirectory = Files.createTempDirectory("cors-fleet-config");
		writePolicy(policyAllowing(ORIGIN_A));

		this.broker = new EmbeddedKafkaKraftBroker(1, 1);
		this.broker.kafkaPorts(0);
		this.broker.afterPropertiesSet();

		this.configServer = run(FleetConfigServer.class, "--spring.application.name=fleet-config-server",
				"--spring.profiles.active=native",
				"--spring.cloud.config.server.native.search-locations=file:" + this.configDirectory + "/",
				// The server is no client of itself and no member of the bus.
				"--spring.cloud.config.enabled=false", "--spring.cloud.config.import-check.enabled=false",
				"--spring.cloud.bus.enabled=false",
				"--spring.cloud.stream.kafka.binder.brokers=" + this.broker.getBrokersAsString(),
				"--server.address=127.0.0.1", "--server.port=0", "--management.endpoints.web.exposure.include=health");
		String configServerUrl = "http://127.0.0.1:" + FleetInstance.port(this.configServer);

		for (String busId : List.of(APPLICATION_NAME + ":one", APPLICATION_NAME + ":two")) {
			ConfigurableApplicationContext context = run(FleetApplication.class,
					"--spring.application.name=" + APPLICATION_NAME,
					"--spring.config.import=configserver:" + configServerUrl,
					// The config server shares this test classpath, and its jar turns the
					// config
					// client off unless it is enabled explicitly; a real instance has no
					// server jar.
					"--spring.cloud.config.enabled=true", "--spring.cloud.config.fail-fast=true",
					"--spring.cloud.bus.id=" + busId,
					"--spring.cloud.stream.kafka.binder.brokers=" + this.broker.getBrokersAsString(),
					"--spring.kafka.bootstrap-servers=" + this.broker.getBrokersAsString(),
					// Each instance consumes the bus in a group of its own (Bus's
					// anonymous group),
					// which by default starts at the latest offset once its partitions
					// are assigned:
					// an event published between startup and assignment would be lost.
					// The topic is
					// new for this fleet, so reading it from the start delivers every
					// event exactly
					// once whatever the timing.
					"--spring.cloud.stream.kafka.bindings.springCloudBusInput.consumer.startOffset=earliest",
					"--server.address=127.0.0.1", "--server.port=0",
					"--management.endpoints.web.exposure.include=cors,busrefresh,refresh,metrics,env,health",
					"--management.endpoint.env.show-values=always", "--logging.level.org.apache.kafka=WARN");
			this.fleet.add(new FleetInstance(busId, context, this.http));
		}
	}

	private static ConfigurableApplicationContext run(Class<?> application, String... args) {
		SpringApplication springApplication = new SpringApplication(application);
		springApplication.setMainApplicationClass(application);
		return springApplication.run(args);
	}

	@AfterAll
	void stopFleet() throws IOException {
		for (FleetInstance instance : this.fleet) {
			instance.close();
		}
		if (this.configServer != null) {
			this.configServer.close();
		}
		if (this.broker != null) {
			this.broker.destroy();
		}
		if (this.configDirectory != null) {
			try (Stream<Path> files = Files.walk(this.configDirectory)) {
				for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
					Files.deleteIfExists(file);
				}
			}
		}
	}

	@Test
	@Order(1)
	void everyInstanceStartsOnThePolicyFromTheConfigServer() {
		String fingerprint = null;
		for (FleetInstance instance : this.fleet) {
			assertAllows(instance, ORIGIN_A);
			assertRefuses(instance, ORIGIN_B);
			DocumentContext cors = instance.cors();
			assertThat(allowedOrigins(cors)).as("%s allowedOrigins", instance).containsExactly(ORIGIN_A);
			assertThat(cors.read("$.generation", Integer.class)).as("%s generation", instance).isEqualTo(1);
			Map<String, Object> descriptor = cors.read("$");
			assertThat(descriptor).as("%s /actuator/cors before any change", instance)
				.containsEntry("lastReload", null);
			String own = cors.read("$.fingerprint", String.class);
			assertThat(own).as("%s fingerprint", instance).matches("[0-9a-f]{64}");
			if (fingerprint != null) {
				assertThat(own).as("%s fingerprint, equal on every instance", instance).isEqualTo(fingerprint);
			}
			fingerprint = own;
			assertThat(instance.metric("cors.policy.generation")).as("%s gauge cors.policy.generation", instance)
				.isEqualTo(1.0);
			assertThat(instance.metric("cors.policy.reloads", "outcome:applied"))
				.as("%s cors.policy.reloads{outcome=applied}", instance)
				.isEqualTo(0.0);
			assertThat(instance.metric("cors.policy.reloads", "outcome:refused"))
				.as("%s cors.policy.reloads{outcome=refused}", instance)
				.isEqualTo(0.0);
		}
		this.previousFingerprint = fingerprint;
	}

	@Test
	@Order(2)
	void aChangeAnnouncedOnOneInstanceReachesTheWholeFleet() throws IOException {
		writePolicy(policyAllowing(ORIGIN_B));

		assertThat(this.fleet.get(0).busRefresh()).as("POST /actuator/busrefresh").isBetween(200, 204);

		awaitEnvironment(ORIGIN_B);
		await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			for (FleetInstance instance : this.fleet) {
				DocumentContext cors = instance.cors();
				assertThat(cors.read("$.generation", Integer.class)).as("%s generation", instance).isEqualTo(2);
				assertThat(cors.read("$.lastReload.outcome", String.class)).as("%s lastReload.outcome", instance)
					.isEqualTo("applied");
			}
		});

		String fingerprint = null;
		for (FleetInstance instance : this.fleet) {
			assertAllows(instance, ORIGIN_B);
			assertRefuses(instance, ORIGIN_A);
			DocumentContext cors = instance.cors();
			assertThat(allowedOrigins(cors)).as("%s allowedOrigins", instance).containsExactly(ORIGIN_B);
			assertThat(cors.read("$.lastReload.generation", Integer.class)).as("%s lastReload.generation", instance)
				.isEqualTo(2);
			assertThat(cors.read("$.lastReload.time", String.class)).as("%s lastReload.time", instance).isNotBlank();
			assertThat(violations(cors)).as("%s lastReload.violations", instance).isEmpty();
			String own = cors.read("$.fingerprint", String.class);
			assertThat(own).as("%s fingerprint after the change", instance)
				.matches("[0-9a-f]{64}")
				.isNotEqualTo(this.previousFingerprint);
			if (fingerprint != null) {
				assertThat(own).as("%s fingerprint, equal on every instance", instance).isEqualTo(fingerprint);
			}
			fingerprint = own;
			assertThat(instance.metric("cors.policy.generation")).as("%s gauge cors.policy.generation", instance)
				.isEqualTo(2.0);
			assertThat(instance.metric("cors.policy.reloads", "outcome:applied"))
				.as("%s cors.policy.reloads{outcome=applied}", instance)
				.isEqualTo(1.0);
		}
		this.previousFingerprint = fingerprint;
	}

	@Test
	@Order(3)
	void aRefusedChangeIsRefusedByEveryInstanceWhichKeepsServingThePreviousPolicy() throws IOException {
		writePolicy("""
				cors:
				  policies:
				    api:
				      path-patterns: [/api/**]
				      allowed-origins: ['*']
				      allowed-methods: [GET, POST]
				      allow-credentials: true
				""");

		assertThat(this.fleet.get(0).busRefresh()).as("POST /actuator/busrefresh").isBetween(200, 204);

		awaitEnvironment("*");
		await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			for (FleetInstance instance : this.fleet) {
				assertThat(instance.cors().read("$.lastReload.outcome", String.class))
					.as("%s lastReload.outcome", instance)
					.isEqualTo("refused");
			}
		});

		for (FleetInstance instance : this.fleet) {
			DocumentContext cors = instance.cors();
			assertThat(violations(cors)).as("%s lastReload.violations", instance).anySatisfy((violation) -> {
				assertThat(violation).containsEntry("rule", "wildcard-with-credentials")
					.containsEntry("property", "cors.policies.api.allowed-origins[0]")
					.containsEntry("value", "*");
			});
			assertThat(cors.read("$.lastReload.time", String.class)).as("%s lastReload.time", instance).isNotBlank();
			assertThat(cors.read("$.lastReload.generation", Integer.class))
				.as("%s lastReload.generation, the one still serving", instance)
				.isEqualTo(2);
			assertThat(cors.read("$.generation", Integer.class)).as("%s generation", instance).isEqualTo(2);
			assertThat(cors.read("$.fingerprint", String.class)).as("%s fingerprint", instance)
				.isEqualTo(this.previousFingerprint);
			assertThat(allowedOrigins(cors)).as("%s allowedOrigins", instance).containsExactly(ORIGIN_B);
			assertAllows(instance, ORIGIN_B);
			assertRefuses(instance, ORIGIN_A);
			assertThat(instance.metric("cors.policy.reloads", "outcome:refused"))
				.as("%s cors.policy.reloads{outcome=refused}", instance)
				.isEqualTo(1.0);
			assertThat(instance.metric("cors.policy.reloads", "outcome:applied"))
				.as("%s cors.policy.reloads{outcome=applied}", instance)
				.isEqualTo(1.0);
			assertThat(instance.metric("cors.policy.generation")).as("%s gauge cors.policy.generation", instance)
				.isEqualTo(2.0);
		}
	}

	@Test
	@Order(4)
	void takingTheRefusedChangeBackShowsEveryInstanceUnchanged() throws IOException {
		writePolicy(policyAllowing(ORIGIN_B));

		assertThat(this.fleet.get(1).busRefresh()).as("POST /actuator/busrefresh").isBetween(200, 204);

		awaitEnvironment(ORIGIN_B);
		await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			for (FleetInstance instance : this.fleet) {
				assertThat(instance.cors().read("$.lastReload.outcome", String.class))
					.as("%s lastReload.outcome", instance)
					.isEqualTo("unchanged");
			}
		});

		for (FleetInstance instance : this.fleet) {
			DocumentContext cors = instance.cors();
			assertThat(violations(cors)).as("%s lastReload.violations", instance).isEmpty();
			assertThat(cors.read("$.generation", Integer.class)).as("%s generation", instance).isEqualTo(2);
			assertThat(cors.read("$.fingerprint", String.class)).as("%s fingerprint", instance)
				.isEqualTo(this.previousFingerprint);
			assertAllows(instance, ORIGIN_B);
			assertRefuses(instance, ORIGIN_A);
			assertThat(instance.metric("cors.policy.reloads", "outcome:refused"))
				.as("%s cors.policy.reloads{outcome=refused}", instance)
				.isEqualTo(1.0);
			assertThat(instance.metric("cors.policy.reloads", "outcome:applied"))
				.as("%s cors.policy.reloads{outcome=applied}", instance)
				.isEqualTo(1.0);
		}
	}

	/**
	 * Waits until the bus has carried the refresh to every instance and each has fetched
	 * the new file from the config server: its Environment holds {@code origin} as the
	 * first allowed origin. What the starter makes of it is asserted separately, so a
	 * failure says which side did not move.
	 */
	private void awaitEnvironment(String origin) {
		await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
			for (FleetInstance instance : this.fleet) {
				assertThat(instance.property("cors.policies.api.allowed-origins[0]"))
					.as("%s Environment: cors.policies.api.allowed-origins[0]", instance)
					.isEqualTo(origin);
			}
		});
	}

	private static List<String> allowedOrigins(DocumentContext cors) {
		return cors.read("$.policies.api.allowedOrigins");
	}

	private static List<Map<String, Object>> violations(DocumentContext cors) {
		return cors.read("$.lastReload.violations");
	}

	private static void assertAllows(FleetInstance instance, String origin) {
		HttpResponse<String> response = instance.preflight(origin);
		assertThat(response.statusCode()).as("%s preflight from %s", instance, origin).isEqualTo(204);
		assertThat(response.headers().allValues("Access-Control-Allow-Origin"))
			.as("%s Access-Control-Allow-Origin for %s", instance, origin)
			.containsExactly(origin);
	}

	private static void assertRefuses(FleetInstance instance, String origin) {
		HttpResponse<String> response = instance.preflight(origin);
		assertThat(response.statusCode()).as("%s preflight from %s", instance, origin).isEqualTo(403);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
			.as("%s Access-Control-Allow-Origin for %s", instance, origin)
			.isEmpty();
	}

	/** The fleet's {@code api} policy, allowing one origin, with credentials. */
	private static String policyAllowing(String origin) {
		return """
				cors:
				  policies:
				    api:
				      path-patterns: [/api/**]
				      allowed-origins: [%s]
				      allowed-methods: [GET, POST]
				      allow-credentials: true
				""".formatted(origin);
	}

	/**
	 * Replaces {@code fleet-app.yml} in the config server's directory in one step, so the
	 * server never reads half a file.
	 */
	private void writePolicy(String yaml) throws IOException {
		Path staged = Files.writeString(this.configDirectory.resolve(APPLICATION_NAME + ".yml.tmp"), yaml);
		Files.move(staged, this.configDirectory.resolve(APPLICATION_NAME + ".yml"), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
	}

}
