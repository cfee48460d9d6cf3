package dev.corsstarter.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Tenant additions racing a revoking reload of the configuration, over real HTTP: the
 * live file grants {@value #REVOKED} on the {@code api} policy at startup; while
 * {@value #TENANTS} admins add tenant origins at once (some refused, some twice), the
 * file drops that origin and {@code POST /actuator/refresh} reloads. Every answer must be
 * one the admin flow documents (201, 400 or 409, never a 5xx nor a stall), the revocation
 * must be applied, and afterwards the policies must allow exactly the stored tenants and
 * refuse the revoked origin. Subclasses choose the stack and the live file, each in a
 * context of its own, discarded afterwards.
 */
abstract class AbstractTenantRefreshRaceHttpTests {

	static final String REVOKED = "https://partner.example";

	/**
	 * The live file at startup: the development origins of application.yml and the
	 * partner.
	 */
	static final String GRANTING = """
			cors:
			  policies:
			    api:
			      allowed-origins: [https://app.example.com, "http://localhost:*", https://partner.example]
			""";

	private static final String REVOKING = """
			cors:
			  policies:
			    api:
			      allowed-origins: [https://app.example.com, "http://localhost:*"]
			""";

	/**
	 * Concurrent additions: enough to exceed the connection pool (10) and the reactive
	 * executor (8).
	 */
	private static final int TENANTS = 60;

	/**
	 * How long a request of the race may take. Longer than the connection pool's 30 s, so
	 * that a request stuck behind the pool ends as the 500 the server answers, not as a
	 * client time-out; and generous, because 61 requests at once on a machine busy with
	 * other builds can take a while to be served.
	 */
	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

	@LocalServerPort
	int port;

	SampleClient http;

	/**
	 * The file the application imports, relative to the working directory as the
	 * application reads it.
	 */
	abstract Path liveConfig();

	@BeforeEach
	void client() {
		this.http = new SampleClient(this.port);
	}

	@Test
	void tenantAdditionsRacingARevokingRefreshAllAnswerAndTheRevocationHolds() throws Exception {
		assertThat(this.http.preflight("/api/items", REVOKED, "GET").statusCode()).isEqualTo(204);
		// the admin flow's first request (security, JSON, JDBC) before the race, not in
		// it
		assertThat(this.http.tenants()).isEmpty();
		// every tenth origin is refused (a path is never part of an origin), every tenth
		// is sent twice
		List<String> origins = new ArrayList<>();
		for (int i = 0; i < TENANTS; i++) {
			origins.add(switch (i % 10) {
				case 4 -> "https://tenant-" + i + ".example/";
				case 5 -> "https://tenant-" + (i - 2) + ".example";
				default -> "https://tenant-" + i + ".example";
			});
		}
		write(REVOKING);

		ExecutorService clients = Executors.newFixedThreadPool(TENANTS + 1);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<String>> additions = new ArrayList<>();
			for (String origin : origins) {
				additions.add(clients.submit(answer(start, () -> this.http.addTenant(origin, REQUEST_TIMEOUT))));
			}
			Future<String> refresh = clients.submit(answer(start, this::refresh));
			start.countDown();

			Map<String, Integer> answers = new LinkedHashMap<>();
			List<String> failures = new ArrayList<>();
			for (int i = 0; i < origins.size(); i++) {
				String answer = additions.get(i).get(REQUEST_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS);
				if (answer.matches("\\d{3} .*")) {
					int status = Integer.parseInt(answer.substring(0, 3));
					answers.merge(origins.get(i), status, (first, second) -> (first == 201) ? first : second);
					if (status != 201 && status != 400 && status != 409) {
						failures.add(origins.get(i) + ": " + answer);
					}
				}
				else {
					failures.add(origins.get(i) + ": " + answer);
				}
			}
			String refreshed = refresh.get(REQUEST_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS);
			assertThat(failures).as("additions that did not answer 201, 400 or 409").isEmpty();
			assertThat(refreshed).as("the refresh").startsWith("200 ").contains("cors.policies.api.allowed-origins[2]");

			Set<String> added = new LinkedHashSet<>();
			answers.forEach((origin, status) -> {
				if (status == 201) {
					added.add(origin);
				}
			});
			// each valid origin was added exactly once, each refused one not at all
			Set<String> valid = new LinkedHashSet<>(origins.stream().filter((o) -> !o.endsWith("/")).toList());
			assertThat(added).containsExactlyInAnyOrderElementsOf(valid);
			assertThat(this.http.tenants()).containsExactlyInAnyOrderElementsOf(valid);
		}
		finally {
			clients.shutdownNow();
		}

		// the revocation was applied, and the tenants added around it were kept
		HttpResponse<String> revoked = this.http.preflight("/api/items", REVOKED, "GET");
		assertThat(revoked.statusCode()).isEqualTo(403);
		assertThat(revoked.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
		List<String> allowed = SampleClient
			.strings(this.http.corsEndpoint().get("policies").get("api").get("allowedOrigins"));
		assertThat(allowed).doesNotContain(REVOKED);
		for (String origin : new LinkedHashSet<>(origins)) {
			int expected = origin.endsWith("/") ? 403 : 204;
			String preflightOrigin = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
			assertThat(this.http.preflight("/api/items", preflightOrigin, "GET").statusCode()).as(origin)
				.isEqualTo(expected);
			if (expected == 204) {
				assertThat(allowed).contains(origin);
			}
		}
	}

	/**
	 * The status and body of a request once the start gate opens, or what went wrong
	 * instead.
	 */
	private static Callable<String> answer(CountDownLatch start, Callable<HttpResponse<String>> request) {
		return () -> {
			start.await();
			try {
				HttpResponse<String> response = request.call();
				return response.statusCode() + " " + response.body();
			}
			catch (IOException ex) {
				return ex.toString();
			}
		};
	}

	private HttpResponse<String> refresh() throws IOException, InterruptedException {
		return this.http.send(this.http.request("/actuator/refresh")
			.timeout(REQUEST_TIMEOUT)
			.header("Authorization", SampleClient.DEMO_LOGIN)
			.POST(HttpRequest.BodyPublishers.noBody()));
	}

	private void write(String yaml) throws IOException {
		writeLiveConfig(liveConfig(), yaml);
	}

	static void writeLiveConfig(Path file, String yaml) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.writeString(file, yaml);
	}

}
