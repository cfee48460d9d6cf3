package dev.corsstarter.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Many client threads at once against one running server, mixing policies (credentialed
 * {@code api}, wildcard {@code public}, private-network {@code device}, no policy),
 * allowed, refused and absent origins, preflights and actual requests, 200, 404-free
 * error and async answers. Every request from an allowed preview origin carries an origin
 * of its own ({@code https://pr-<thread>-<n>.preview.example.com}), so a header that
 * leaked from another request, or a decision shared between requests, shows as a
 * mismatch: each response must carry exactly the {@code Access-Control-*} headers,
 * {@code Vary} tokens and status of its own request, echo its own request id, and reach a
 * handler exactly when its request should. Subclasses choose the stack.
 */
@TestPropertySource(locations = "classpath:cors-it.properties")
abstract class AbstractConcurrentRequestsIntegrationTests {

	static final int THREADS = 12;

	static final int REQUESTS_PER_THREAD = 300;

	static final String APP = CorsScenario.APP;

	static final String BASIC = CorsScenario.BASIC;

	static final List<String> PREFLIGHT_VARY = List.of("Origin", "Access-Control-Request-Method",
			"Access-Control-Request-Headers");

	@LocalServerPort
	int port;

	abstract String server();

	@Test
	void everyResponseCarriesTheHeadersOfItsOwnRequestOnly(TestReporter reporter) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		CountDownLatch start = new CountDownLatch(1);
		ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
		Map<String, Integer> kinds = new TreeMap<>();
		long started;
		try {
			List<Future<Map<String, Integer>>> workers = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				int thread = t;
				workers.add(pool.submit(() -> {
					Map<String, Integer> sent = new TreeMap<>();
					Random random = new Random(4242L + thread);
					try (RawHttpClient.Connection connection = new RawHttpClient.Connection(this.port)) {
						start.await();
						for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
							Exchange exchange = Exchange.generate(random, thread, i);
							sent.merge(exchange.kind, 1, Integer::sum);
							RawHttpClient.Response response = connection.exchange(exchange.bytes(), false);
							boolean reached = CorsTestApplication.reached.contains(exchange.id);
							for (String problem : exchange.check(response, reached)) {
								if (mismatches.size() < 30) {
									mismatches.add("[thread " + thread + " #" + i + " " + exchange.kind + "] " + problem
											+ "\n    request: "
											+ AbstractHostileInputIntegrationTests
												.escape(new String(exchange.bytes(), StandardCharsets.ISO_8859_1))
											+ "\n    answer: " + ((response != null)
													? response.status() + " " + response.headers() : "none"));
								}
							}
						}
					}
					return sent;
				}));
			}
			started = System.nanoTime();
			start.countDown();
			for (Future<Map<String, Integer>> worker : workers) {
				worker.get(5, TimeUnit.MINUTES).forEach((kind, count) -> kinds.merge(kind, count, Integer::sum));
			}
		}
		finally {
			pool.shutdownNow();
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		int total = kinds.values().stream().mapToInt(Integer::intValue).sum();
		String summary = String.format(
				"concurrent requests on %s: %d threads x %d = %d in %d ms, kinds %s, %d mismatches", server(), THREADS,
				REQUESTS_PER_THREAD, total, millis, kinds, mismatches.size());
		System.out.println(summary);
		reporter.publishEntry("concurrent requests", summary);

		assertThat(mismatches).as("%s%n%s", summary, String.join("\n", mismatches)).isEmpty();
		assertThat(total).isEqualTo(THREADS * REQUESTS_PER_THREAD);
		assertThat(kinds).as("every kind of request was sent").hasSize(Exchange.KINDS.length);
	}

	/** One request and everything its response must show, and nothing more. */
	static final class Exchange {

		static final String[] KINDS = { "api actual, own preview origin", "api actual, app origin",
				"api actual, refused origin", "api preflight, own preview origin", "api preflight, refused origin",
				"api annotated, own preview origin", "api error, own preview origin", "api async, own preview origin",
				"api actual, no origin", "device actual, app origin", "device actual, preview origin refused",
				"device preflight, private network", "public actual, own origin", "no policy, own preview origin" };

		final String kind;

		final String id;

		final String method;

		final String path;

		final Map<String, String> headers = new LinkedHashMap<>();

		int status;

		/** The complete Access-Control-* headers expected, lower-case names. */
		final Map<String, String> accessControl = new TreeMap<>();

		/** The exact Vary tokens expected, or null when not checked. */
		List<String> vary;

		boolean reachesHandler;

		/** Whether the handler echoes the request id. */
		boolean echoes;

		private Exchange(String kind, String id, String method, String path) {
			this.kind = kind;
			this.id = id;
			this.method = method;
			this.path = path;
		}

		static Exchange generate(Random random, int thread, int index) {
			String kind = KINDS[random.nextInt(KINDS.length)];
			String id = "c" + thread + "-" + index;
			String preview = "https://pr-" + thread + "-" + index + ".preview.example.com";
			String evil = "https://evil-" + thread + "-" + index + ".example.org";
			Exchange exchange;
			switch (kind) {
				case "api actual, own preview origin", "api actual, app origin" -> {
					String origin = kind.endsWith("app origin") ? APP : preview;
					exchange = new Exchange(kind, id, "GET", "/api/hello").origin(origin)
						.auth()
						.expect(200)
						.allow(origin, true, "X-Request-Id")
						.vary("Origin")
						.reaches(true)
						.echoes();
				}
				case "api actual, refused origin" ->
					exchange = new Exchange(kind, id, random.nextBoolean() ? "GET" : "POST", "/api/hello").origin(evil)
						.auth()
						.expect(403)
						.vary("Origin")
						.reaches(false);
				case "api preflight, own preview origin" -> {
					exchange = new Exchange(kind, id, "OPTIONS", "/api/hello").origin(preview)
						.header("Access-Control-Request-Method", "PUT")
						.header("Access-Control-Request-Headers", "content-type, x-trace")
						.expect(204)
						.allow(preview, true, null)
						.vary(PREFLIGHT_VARY.toArray(String[]::new))
						.reaches(false);
					exchange.accessControl.put("access-control-allow-methods", "GET, POST, PUT");
					exchange.accessControl.put("access-control-allow-headers", "Content-Type, Authorization, X-Trace");
					exchange.accessControl.put("access-control-max-age", "600");
				}
				case "api preflight, refused origin" ->
					exchange = new Exchange(kind, id, "OPTIONS", "/api/hello").origin(evil)
						.header("Access-Control-Request-Method", "GET")
						.expect(403)
						.vary(PREFLIGHT_VARY.toArray(String[]::new))
						.reaches(false);
				case "api annotated, own preview origin" ->
					exchange = new Exchange(kind, id, "GET", "/api/annotated").origin(preview)
						.auth()
						.expect(200)
						.allow(preview, true, "X-Request-Id")
						.vary("Origin")
						.reaches(true)
						.echoes();
				case "api error, own preview origin" ->
					exchange = new Exchange(kind, id, "GET", "/api/boom").origin(preview)
						.auth()
						.expect(500)
						.allow(preview, true, "X-Request-Id")
						.vary("Origin")
						.reaches(true);
				case "api async, own preview origin" ->
					exchange = new Exchange(kind, id, "GET", "/api/async").origin(preview)
						.auth()
						.expect(200)
						.allow(preview, true, "X-Request-Id")
						.vary("Origin")
						.reaches(true);
				case "api actual, no origin" -> exchange = new Exchange(kind, id, "GET", "/api/hello").auth()
					.expect(200)
					.vary("Origin")
					.reaches(true)
					.echoes();
				case "device actual, app origin" ->
					exchange = new Exchange(kind, id, "GET", "/device/hello").origin(APP)
						.auth()
						.expect(200)
						.allow(APP, false, null)
						.vary("Origin")
						.reaches(true)
						.echoes();
				case "device actual, preview origin refused" ->
					exchange = new Exchange(kind, id, "GET", "/device/hello").origin(preview)
						.auth()
						.expect(403)
						.vary("Origin")
						.reaches(false);
				case "device preflight, private network" -> {
					exchange = new Exchange(kind, id, "OPTIONS", "/device/hello").origin(APP)
						.header("Access-Control-Request-Method", "POST")
						.header("Access-Control-Request-Private-Network", "true")
						.expect(204)
						.allow(APP, false, null)
						.vary("Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers",
								"Access-Control-Request-Private-Network")
						.reaches(false);
					exchange.accessControl.put("access-control-allow-methods", "GET, HEAD, POST");
					exchange.accessControl.put("access-control-max-age", "300");
					exchange.accessControl.put("access-control-allow-private-network", "true");
				}
				case "public actual, own origin" -> exchange = new Exchange(kind, id, "GET", "/api/public/hello")
					.origin("https://site-" + thread + "-" + index + ".example.net")
					.expect(200)
					.allow("*", false, null)
					.vary("Origin")
					.reaches(true)
					.echoes();
				default -> exchange = new Exchange(kind, id, "GET", "/other/hello").origin(preview)
					.auth()
					.expect(200)
					.reaches(true)
					.echoes();
			}
			return exchange;
		}

		Exchange origin(String origin) {
			return header("Origin", origin);
		}

		Exchange auth() {
			return header("Authorization", BASIC);
		}

		Exchange header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

		Exchange expect(int status) {
			this.status = status;
			return this;
		}

		Exchange allow(String origin, boolean credentials, String exposed) {
			this.accessControl.put("access-control-allow-origin", origin);
			if (credentials) {
				this.accessControl.put("access-control-allow-credentials", "true");
			}
			if (exposed != null) {
				this.accessControl.put("access-control-expose-headers", exposed);
			}
			return this;
		}

		Exchange vary(String... tokens) {
			this.vary = List.of(tokens);
			return this;
		}

		Exchange reaches(boolean reaches) {
			this.reachesHandler = reaches;
			return this;
		}

		Exchange echoes() {
			this.echoes = true;
			return this;
		}

		byte[] bytes() {
			StringBuilder request = new StringBuilder(
					this.method + " " + this.path + " HTTP/1.1\r\nHost: localhost\r\n");
			this.headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
			request.append(CorsTestApplication.TEST_ID).append(": ").append(this.id).append("\r\n\r\n");
			return request.toString().getBytes(StandardCharsets.US_ASCII);
		}

		List<String> check(RawHttpClient.Response response, boolean reached) {
			List<String> problems = new ArrayList<>();
			if (response == null) {
				problems.add("no answer");
				return problems;
			}
			if (response.status() != this.status) {
				problems.add("status " + response.status() + " instead of " + this.status);
			}
			Map<String, String> accessControl = new TreeMap<>();
			for (Map.Entry<String, String> header : response.headers()) {
				String name = header.getKey().toLowerCase(Locale.ROOT);
				if (name.startsWith("access-control-") && accessControl.put(name, header.getValue()) != null) {
					problems.add(name + " twice");
				}
			}
			if (!accessControl.equals(this.accessControl)) {
				problems.add("Access-Control-* headers " + accessControl + " instead of " + this.accessControl);
			}
			if (this.vary != null
					&& !response.varyTokens().stream().sorted().toList().equals(this.vary.stream().sorted().toList())) {
				problems.add("Vary " + response.varyTokens() + " instead of " + this.vary);
			}
			if (reached != this.reachesHandler) {
				problems.add(reached ? "reached a handler" : "never reached the handler");
			}
			if (this.echoes && !this.id.equals(response.value(CorsTestApplication.TEST_ID))) {
				problems.add("answer to request " + response.value(CorsTestApplication.TEST_ID));
			}
			return problems;
		}

	}

}
