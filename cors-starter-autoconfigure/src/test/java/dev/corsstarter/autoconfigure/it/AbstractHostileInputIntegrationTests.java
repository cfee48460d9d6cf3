package dev.corsstarter.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Generated hostile requests over real HTTP, against the application of
 * {@link CorsTestApplication} (Spring Security, a permissive {@code http.cors()},
 * MVC/WebFlux CORS mappings on {@code /api/**} and {@code @CrossOrigin}), 2,500 per fixed
 * seed, so every run sends the same {@code 10,000} requests: bad, repeated and oddly
 * cased {@code Origin} values, junk {@code Access-Control-Request-*} headers, odd methods
 * and encoded or unnormalised paths; and on the wire, duplicate headers, over-long values
 * and lines up to and beyond the server's limits, raw control and non-ASCII bytes, CR/LF
 * injection and folded lines, randomly cased header names, hundreds of headers, junk
 * {@code Host} and forwarded headers. They go out over a raw socket from
 * {@value #CLIENT_THREADS} client threads, on kept-alive connections where the framing is
 * sound and on a connection of their own where it is not.
 * <p>
 * Every answer is checked against an oracle written independently of the engine, over the
 * request as a lenient server parses its bytes (lines end at CRLF, LF or CR): no 5xx
 * except from the throwing {@code /api/boom} handler and from the server or Spring before
 * the CORS filter (listed in the summary); no generated value is reflected;
 * {@code Access-Control-Allow-Origin} at most once and only for the request's one origin,
 * which the path's policy allows; each {@code Access-Control-*} header at most once; a
 * preflight allowed only for what the policy allows; and a request with an {@code Origin}
 * reaches a handler only when the policy allows it, never through a path no policy covers
 * (the server itself may refuse malformed requests with a 4xx before any filter runs).
 * Every violation is reported with the seed, the request's number and its bytes.
 * Afterwards the server must still answer ordinary requests as before. Subclasses choose
 * the stack.
 * <p>
 * For exploratory runs, {@code -Dcors.fuzz.seed=<seed>} adds the requests of one more
 * seed and {@code -Dcors.hostile.requests-per-seed=<n>} changes how many each seed sends.
 */
@TestPropertySource(locations = "classpath:cors-it.properties")
abstract class AbstractHostileInputIntegrationTests {

	static final long[] SEEDS = { 20240601L, 7L, 424242L, 20261123L };

	static final int REQUESTS_PER_SEED = Integer.getInteger("cors.hostile.requests-per-seed", 2_500);

	static final int CLIENT_THREADS = 4;

	static final String APP = CorsScenario.APP;

	static final String BASIC = CorsScenario.BASIC;

	private static final Pattern PREVIEW = Pattern
		.compile("https://[a-z0-9-]+(\\.[a-z0-9-]+)*\\.preview\\.example\\.com");

	private static final Pattern WELL_FORMED = Pattern
		.compile("null|[a-z][a-z0-9+.-]*://([a-z0-9_-]+(\\.[a-z0-9_-]+)*\\.?|\\[[0-9a-f:.]+\\])(:[1-9][0-9]{0,4})?");

	private static final Pattern MALFORMED_PATH_PARAMETER = Pattern.compile(";[^/]*%(?![0-9a-fA-F]{2})");

	private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

	@LocalServerPort
	int port;

	/** The server under test, for the summary line. */
	abstract String server();

	/**
	 * The context path (servlet) or base path (WebFlux) the application runs under, or
	 * empty. Under one, every target gets a spelling of it: as is, doubled slashes, path
	 * parameters, {@code ..;} re-entry, encoded characters, and spellings that do not
	 * lead to the application.
	 */
	String contextPath() {
		return "";
	}

	@Test
	void hostileRequestsNeverBreakThePolicy(TestReporter reporter) throws Exception {
		List<HostileRequest> requests = new ArrayList<>();
		List<Long> seeds = seeds();
		for (int s = 0; s < seeds.size(); s++) {
			Random random = new Random(seeds.get(s));
			for (int i = 0; i < REQUESTS_PER_SEED; i++) {
				// ids differ between test classes: handlers record them in one set for
				// the whole JVM
				requests.add(HostileRequest.generate(random, seeds.get(s), i,
						"h" + Integer.toString(server().hashCode() & 0xffff, 36) + "-" + s + "-" + i, contextPath()));
			}
		}
		Result[] results = new Result[requests.size()];
		long started = System.nanoTime();
		ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
		int connections = 0;
		try {
			List<Future<Integer>> workers = new ArrayList<>();
			for (int t = 0; t < CLIENT_THREADS; t++) {
				int first = t;
				workers.add(pool.submit(() -> {
					try (RawHttpClient.Connection connection = new RawHttpClient.Connection(this.port)) {
						for (int i = first; i < requests.size(); i += CLIENT_THREADS) {
							results[i] = send(connection, requests.get(i));
						}
						return connection.opened();
					}
				}));
			}
			for (Future<Integer> worker : workers) {
				connections += worker.get(5, TimeUnit.MINUTES);
			}
		}
		finally {
			pool.shutdownNow();
		}
		long millis = (System.nanoTime() - started) / 1_000_000;

		Map<Integer, Integer> statuses = new TreeMap<>();
		Map<String, Integer> mix = new TreeMap<>();
		Map<String, Integer> exempted = new TreeMap<>();
		List<String> violations = new ArrayList<>();
		int reached = 0;
		int ownConnection = 0;
		for (int i = 0; i < results.length; i++) {
			HostileRequest request = requests.get(i);
			Result result = results[i];
			statuses.merge((result.response != null) ? result.response.status() : 0, 1, Integer::sum);
			request.mix.forEach(kind -> mix.merge(kind, 1, Integer::sum));
			reached += result.reached ? 1 : 0;
			ownConnection += request.framingRisk() ? 1 : 0;
			if (result.exempted != null) {
				exempted.merge(result.exempted, 1, Integer::sum);
			}
			for (String problem : result.problems) {
				violations.add(describe(request,
						problem + ((result.response != null) ? "\n    answer: " + result.response.status() + " "
								+ result.response.headers() + " " + abbreviate(result.response.body()) : "")));
			}
		}
		String summary = String.format(
				"hostile requests on %s: %d sent (%d seeds x %d, %d client threads, %d on a connection of their own, "
						+ "%d connections in all, %d ms), statuses %s (0 = no HTTP answer), %d reached a handler, "
						+ "5xx not from the CORS filter %s, mix %s, %d violations",
				server(), requests.size(), seeds.size(), REQUESTS_PER_SEED, CLIENT_THREADS, ownConnection,
				connections + ownConnection, millis, statuses, reached, exempted, mix, violations.size());
		System.out.println(summary);
		reporter.publishEntry("hostile requests", summary);

		assertThat(violations)
			.as("%s%nviolations (first 30):%n%s", summary,
					String.join("\n", violations.subList(0, Math.min(30, violations.size()))))
			.isEmpty();
		if (System.getProperty("cors.hostile.requests-per-seed") == null) {
			assertThat(requests).hasSizeGreaterThanOrEqualTo(10_000);
		}
		assertThat(reached).as("requests that reached a handler").isGreaterThan(requests.size() / 20);
		assertThat(statuses.keySet()).as("statuses").contains(200, 204, 400, 401, 403);
		serverStillAnswersNormally();
	}

	/**
	 * After the storm: an allowed preflight, an allowed and a refused actual request, as
	 * ever.
	 */
	private void serverStillAnswersNormally() throws IOException {
		RawHttpClient.Response preflight = RawHttpClient.send(this.port, "OPTIONS", contextPath() + "/api/hello",
				List.of(Map.entry("Origin", APP), Map.entry("Access-Control-Request-Method", "PUT"),
						Map.entry("Access-Control-Request-Headers", "content-type")));
		assertThat(preflight.status()).as("allowed preflight afterwards").isEqualTo(204);
		assertThat(preflight.values("Access-Control-Allow-Origin")).containsExactly(APP);
		assertThat(preflight.values("Access-Control-Allow-Methods")).containsExactly("GET, POST, PUT");

		RawHttpClient.Response actual = RawHttpClient.send(this.port, "GET", contextPath() + "/api/hello",
				List.of(Map.entry("Origin", APP), Map.entry("Authorization", BASIC)));
		assertThat(actual.status()).as("allowed actual request afterwards").isEqualTo(200);
		assertThat(actual.body()).isEqualTo("hello");
		assertThat(actual.values("Access-Control-Allow-Origin")).containsExactly(APP);
		assertThat(actual.values("Access-Control-Allow-Credentials")).containsExactly("true");

		int before = CorsTestApplication.calls.get();
		RawHttpClient.Response refused = RawHttpClient.send(this.port, "POST", contextPath() + "/api/hello",
				List.of(Map.entry("Origin", "https://evil.example.org"), Map.entry("Authorization", BASIC)));
		assertThat(refused.status()).as("refused actual request afterwards").isEqualTo(403);
		assertThat(refused.accessControlHeaderNames()).isEmpty();
		assertThat(CorsTestApplication.calls.get()).isEqualTo(before);
	}

	private Result send(RawHttpClient.Connection connection, HostileRequest request) {
		RawHttpClient.Response response;
		try {
			response = request.framingRisk() ? RawHttpClient.sendRaw(this.port, request.bytes(this.port, false))
					: connection.exchange(request.bytes(this.port, true), request.method.equals("HEAD"));
		}
		catch (IOException | RuntimeException ex) {
			return new Result(null, false, null, List.of("no answer: " + ex));
		}
		boolean reached = CorsTestApplication.reached.contains(request.id);
		if (response == null) {
			return new Result(null, reached, null,
					reached ? List.of("closed without answering, after a handler ran") : List.of());
		}
		return check(request, response, reached, server().startsWith("reactor"));
	}

	record Result(RawHttpClient.Response response, boolean reached, String exempted, List<String> problems) {
	}

	/** Everything wrong with one answer. */
	private static Result check(HostileRequest request, RawHttpClient.Response response, boolean reached,
			boolean reactive) {
		List<String> problems = new ArrayList<>();
		Wire wire = request.wire();
		// the family of the policy that covers the target, or "none"
		String family = request.covered ? request.family : "none";
		String exempted = null;
		if (response.status() >= 500) {
			if (request.basePath.equals("/api/boom") && reached) {
				exempted = "handler /api/boom";
			}
			else if (!request.contextPath.isEmpty() && !request.target.startsWith(request.contextPath + "/") && !reached
					&& (reactive || wire.passesCorsFilter(family))) {
				// Spring fails on a spelling of the context path other than the plain
				// one: WebFlux's
				// base-path handler matches raw text (/ctxx/..., /ctx;x/...) and its
				// request observation
				// then fails before any web filter runs; on a servlet container Spring's
				// path parser
				// refuses the context path Tomcat reports for //ctx/... or
				// /ctx;x/..;/ctx/..., once the
				// CORS filter has let the request pass
				exempted = "Spring's context path handling";
			}
			else if (request.method.equals("CONNECT") && response.status() == 501 && !reached) {
				// Tomcat answers CONNECT itself, before any filter runs
				exempted = "CONNECT refused by the server";
			}
			else if ((MALFORMED_PATH_PARAMETER.matcher(request.target).find() || wire.values("X-Forwarded-Prefix")
				.stream()
				.anyMatch(prefix -> !prefix.startsWith("/") || prefix.contains("%")))
					&& wire.passesCorsFilter(family)) {
				// Spring's own ServletRequestPathFilter (in Security's filter chain)
				// fails on a malformed
				// escape inside a path parameter, which Tomcat lets through, and on the
				// context path
				// ForwardedHeaderFilter makes of such an X-Forwarded-Prefix; only a
				// request the CORS filter
				// passes on gets that far
				exempted = "Spring's path parser";
			}
			else {
				problems.add("5xx");
			}
		}
		String answer = (response.headers() + "\n" + response.body()).toLowerCase(Locale.ROOT);
		for (String value : request.hostileValues()) {
			if (answer.contains(value.toLowerCase(Locale.ROOT))) {
				problems.add("reflects " + escape(value));
			}
		}
		Map<String, Long> accessControl = new TreeMap<>();
		response.accessControlHeaderNames()
			.forEach(name -> accessControl.merge(name.toLowerCase(Locale.ROOT), 1L, Long::sum));
		accessControl.forEach((name, count) -> {
			if (count > 1) {
				problems.add(name + " " + count + " times");
			}
		});
		List<String> allowOrigin = response.values("Access-Control-Allow-Origin");
		if (!allowOrigin.isEmpty()) {
			String origin = wire.singleOrigin();
			String value = allowOrigin.get(0);
			if (origin == null || !allows(family, origin)) {
				problems.add("Access-Control-Allow-Origin for an origin the policy (" + family + ") does not allow");
			}
			else if (!value.equals(family.equals("public") ? "*" : origin)) {
				problems.add("Access-Control-Allow-Origin is " + escape(value));
			}
			if (wire.isPreflight() && !wire.preflightAllowed(family)) {
				problems.add("preflight allowed although its method, headers or private-network ask are not");
			}
		}
		if (reached && !wire.values("Origin").isEmpty() && !request.family.equals("other")) {
			String origin = wire.singleOrigin();
			if (!request.covered) {
				problems.add("reached a handler with an Origin through a path no policy covers");
			}
			else if (origin == null || !allows(family, origin) || !methods(family).contains(request.method)) {
				problems.add("reached the handler although the policy refuses the request");
			}
			else if (wire.isPreflight()) {
				problems.add("a preflight reached the handler");
			}
		}
		return new Result(response, reached, exempted, problems);
	}

	/**
	 * Whether the policy of a path family allows an origin, written independently of the
	 * engine.
	 */
	static boolean allows(String family, String origin) {
		return switch (family) {
			case "api" -> origin.equals(APP) || PREVIEW.matcher(origin).matches();
			case "device" -> origin.equals(APP);
			case "public" -> isWellFormed(origin);
			default -> false;
		};
	}

	/**
	 * A serialised origin as browsers send it (lower case, ASCII, valid labels and port).
	 */
	static boolean isWellFormed(String origin) {
		if (origin.length() > 300 || !WELL_FORMED.matcher(origin).matches()) {
			return false;
		}
		if (origin.equals("null")) {
			return true;
		}
		String authority = origin.substring(origin.indexOf("://") + 3);
		int colon = authority.lastIndexOf(':');
		String host = authority;
		if (colon > authority.lastIndexOf(']')) {
			host = authority.substring(0, colon);
			if (Integer.parseInt(authority.substring(colon + 1)) > 65535) {
				return false;
			}
		}
		if (host.startsWith("[")) {
			return true;
		}
		// a fully qualified host may end in one dot (http://localhost.:8080), not counted
		// in its length
		host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
		if (host.length() > 253) {
			return false;
		}
		for (String label : host.split("\\.")) {
			if (label.length() > 63) {
				return false;
			}
		}
		return true;
	}

	static Set<String> methods(String family) {
		return switch (family) {
			case "api" -> Set.of("GET", "POST", "PUT");
			default -> Set.of("GET", "HEAD", "POST");
		};
	}

	static Set<String> headers(String family) {
		return family.equals("api") ? Set.of("content-type", "authorization", "x-trace") : Set.of();
	}

	static List<Long> seeds() {
		List<Long> seeds = new ArrayList<>();
		for (long seed : SEEDS) {
			seeds.add(seed);
		}
		String extra = System.getProperty("cors.fuzz.seed");
		if (extra != null && !extra.isBlank()) {
			seeds.add(Long.decode(extra.strip()));
		}
		return seeds;
	}

	private static String describe(HostileRequest request, String problem) {
		String wire = escape(new String(request.bytes(0, false), StandardCharsets.ISO_8859_1));
		return "  [seed " + request.seed + " #" + request.index + "] " + problem + "\n    request: "
				+ ((wire.length() > 800) ? wire.substring(0, 800) + "... (" + wire.length() + " characters)" : wire);
	}

	private static String abbreviate(String body) {
		return escape((body.length() > 300) ? body.substring(0, 300) + "..." : body);
	}

	static String escape(String value) {
		StringBuilder escaped = new StringBuilder();
		for (char c : value.toCharArray()) {
			if (c == '\r') {
				escaped.append("\\r");
			}
			else if (c == '\n') {
				escaped.append("\\n");
			}
			else if (c < 0x20 || c >= 0x7f) {
				escaped.append(String.format("\\x%02x", (int) c));
			}
			else {
				escaped.append(c);
			}
		}
		return escaped.toString();
	}

	/**
	 * The request as a lenient server reads its bytes: lines end at CRLF, a bare LF or a
	 * bare CR, names compare case-insensitively, values lose surrounding spaces and tabs.
	 * Where a server is stricter it refuses the request with a 4xx, which the oracle
	 * accepts; where it is as lenient, it sees exactly these headers.
	 */
	static final class Wire {

		final String method;

		final List<String[]> headers = new ArrayList<>();

		Wire(String method, byte[] bytes) {
			this.method = method;
			String text = new String(bytes, StandardCharsets.ISO_8859_1);
			String head = text.substring(0, text.indexOf("\r\n\r\n"));
			String[] lines = head.split("\r\n|\n|\r", -1);
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon > 0) {
					this.headers
						.add(new String[] { lines[i].substring(0, colon), strip(lines[i].substring(colon + 1)) });
				}
			}
		}

		private static String strip(String value) {
			int start = 0;
			int end = value.length();
			while (start < end && (value.charAt(start) == ' ' || value.charAt(start) == '\t')) {
				start++;
			}
			while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
				end--;
			}
			return value.substring(start, end);
		}

		List<String> values(String name) {
			return this.headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
		}

		/** The one Origin sent, or null when none or several. */
		String singleOrigin() {
			List<String> origins = values("Origin");
			return (origins.size() == 1) ? origins.get(0) : null;
		}

		boolean isPreflight() {
			return this.method.equals("OPTIONS") && !values("Access-Control-Request-Method").isEmpty();
		}

		boolean isWebSocket() {
			List<String> upgrade = values("Upgrade");
			return this.method.equals("GET") && !upgrade.isEmpty() && upgrade.get(0).equalsIgnoreCase("websocket");
		}

		/**
		 * Whether the CORS filter lets this request continue to the rest of the chain.
		 */
		boolean passesCorsFilter(String family) {
			if (values("Origin").isEmpty() || family.equals("none")) {
				return true;
			}
			String origin = singleOrigin();
			return origin != null && allows(family, origin) && !isPreflight()
					&& (methods(family).contains(this.method) || isWebSocket());
		}

		/**
		 * Whether a preflight asks only for what the family's policy allows (origin
		 * aside).
		 */
		boolean preflightAllowed(String family) {
			List<String> requestMethod = values("Access-Control-Request-Method");
			if (requestMethod.size() != 1 || !methods(family).contains(requestMethod.get(0))) {
				return false;
			}
			for (String value : values("Access-Control-Request-Headers")) {
				for (String name : value.split(",")) {
					String trimmed = strip(name).toLowerCase(Locale.ROOT);
					if (!trimmed.isEmpty() && !headers(family).contains(trimmed)) {
						return false;
					}
				}
			}
			List<String> privateNetwork = values("Access-Control-Request-Private-Network");
			return privateNetwork.isEmpty() || !privateNetwork.get(0).equals("true") || family.equals("device");
		}

	}

	/**
	 * One generated request. Values carrying the marker {@code zq<random>} are hostile
	 * input that must never come back; origins are classified independently of the engine
	 * under test.
	 */
	static final class HostileRequest {

		/** Paths the controller serves, with the policy family that covers them. */
		private static final String[][] BASE_PATHS = { { "/api/hello", "api" }, { "/api/boom", "api" },
				{ "/api/async", "api" }, { "/api/annotated", "api" }, { "/api/missing", "api" },
				{ "/api/public/hello", "public" }, { "/device/hello", "device" }, { "/other/hello", "other" } };

		private static final String[] METHODS = { "GET", "GET", "GET", "POST", "POST", "PUT", "OPTIONS", "OPTIONS",
				"OPTIONS", "HEAD", "DELETE", "PATCH", "get", "Get", "post", "options", "TRACE", "FOO", "M-SEARCH",
				"PROPFIND", "G%45T", "GET\u00e4", "CONNECT" };

		private static final String[] BENIGN_METHODS = { "GET", "POST", "OPTIONS" };

		final long seed;

		final int index;

		/**
		 * Sent as {@code X-Test-Id}, so a handler run is attributed to this request
		 * whatever the thread.
		 */
		final String id;

		final String method;

		final String basePath;

		/** The application's context or base path, or empty. */
		final String contextPath;

		final String family;

		/** Whether a policy covers the target (no policy covers {@code /other/**}). */
		final boolean covered;

		final String target;

		final List<String[]> headers = new ArrayList<>();

		/** Replacement {@code Host} lines; empty for the ordinary one. */
		final List<String[]> hostLines = new ArrayList<>();

		/** What the request tries, for the summary. */
		final List<String> mix = new ArrayList<>();

		private final List<String> hostile = new ArrayList<>();

		private final String marker;

		private Wire wire;

		/**
		 * A request a browser could send for an allowed page, before the wire is abused.
		 */
		private final boolean valid;

		private HostileRequest(Random random, long seed, int index, String id, String contextPath) {
			this.contextPath = contextPath;
			this.seed = seed;
			this.index = index;
			this.id = id;
			this.marker = "zq" + Integer.toString(100_000 + random.nextInt(900_000), 36);
			this.valid = random.nextInt(10) < 3;
			String[] base = BASE_PATHS[random.nextInt(BASE_PATHS.length)];
			this.basePath = base[0];
			this.family = base[1];
			this.method = (this.valid || random.nextBoolean()) ? BENIGN_METHODS[random.nextInt(BENIGN_METHODS.length)]
					: METHODS[random.nextInt(METHODS.length)];
			String[] odd = (this.valid || random.nextBoolean()) ? new String[] { this.basePath, "covered" }
					: oddPath(random, this.basePath);
			String target = odd[0];
			if (random.nextInt(40) == 0) {
				// a request line up to and beyond the servers' limits (Tomcat 8 KB for
				// the head, Netty 4 KB for the line)
				target = target + "?q=" + "q".repeat(pickInt(random, 1000, 4000, 9000, 20000));
				this.mix.add("over-long request line");
			}
			boolean covered = odd[1].equals("covered");
			if (!contextPath.isEmpty() && target.startsWith("/")) {
				String[] spelled = contextSpelling(random, contextPath);
				target = spelled[0] + target;
				covered &= spelled[1].equals("covered");
				if (!spelled[0].equals(contextPath)) {
					this.mix.add("context path spelling");
				}
			}
			this.target = target;
			this.covered = covered && !this.family.equals("other");
		}

		/**
		 * A spelling of the context path: mostly as is; otherwise one a container may
		 * resolve to it ({@code covered}: the request may reach the application and must
		 * then meet the policy of its path) or one that leads nowhere
		 * ({@code uncovered}).
		 */
		private static String[] contextSpelling(Random random, String contextPath) {
			if (random.nextInt(3) != 0) {
				return new String[] { contextPath, "covered" };
			}
			String name = contextPath.substring(1);
			String[] covered = { "/" + contextPath, "//" + contextPath, contextPath + ";a=b",
					contextPath + ";jsessionid=1", contextPath + "/..;" + contextPath,
					contextPath + ";x/..;" + contextPath, contextPath + "/.;", contextPath + "/;x",
					"/x/..;" + contextPath, "/%" + Integer.toHexString(name.charAt(0)) + name.substring(1),
					contextPath + "/.", contextPath + "/", "/.;" + contextPath };
			String[] uncovered = { contextPath.toUpperCase(Locale.ROOT), contextPath + "x", "/x" + contextPath };
			return random.nextInt(4) != 0 ? new String[] { covered[random.nextInt(covered.length)], "covered" }
					: new String[] { uncovered[random.nextInt(uncovered.length)], "uncovered" };
		}

		static HostileRequest generate(Random random, long seed, int index, String id, String contextPath) {
			HostileRequest request = new HostileRequest(random, seed, index, id, contextPath);
			request.addOrigins(random);
			request.addPreflightHeaders(random);
			request.addOthers(random);
			Collections.shuffle(request.headers, random);
			int mangles = switch (random.nextInt(20)) {
				case 0 -> 2;
				case 1, 2, 3, 4, 5, 6, 7 -> 1;
				default -> 0;
			};
			for (int i = 0; i < mangles; i++) {
				request.mangle(random);
			}
			if (request.mix.isEmpty()) {
				request.mix.add("plain");
			}
			return request;
		}

		private void addOrigins(Random random) {
			if (this.valid) {
				String origin = switch (this.family) {
					case "api" ->
						random.nextBoolean() ? APP : "https://pr-" + random.nextInt(100) + ".preview.example.com";
					case "public" -> "https://site-" + random.nextInt(100) + ".example.net";
					default -> APP;
				};
				this.headers.add(new String[] { casing(random, "Origin"), origin });
				this.mix.add("valid before abuse");
				return;
			}
			int count = switch (random.nextInt(10)) {
				case 0 -> 0;
				case 1, 2 -> 2;
				case 3 -> 3;
				default -> 1;
			};
			if (count > 1) {
				this.mix.add("repeated Origin");
			}
			List<String> origins = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String origin = origin(random);
				origins.add(origin);
				this.headers.add(new String[] { casing(random, "Origin"), origin });
			}
			// an origin no policy lists must never come back; the marker covers the
			// generated ones
			for (String origin : origins) {
				if (origin.length() >= 8 && !allows("api", origin) && !allows("device", origin)) {
					this.hostile.add(origin.contains(this.marker) ? this.marker : origin);
				}
			}
		}

		private String origin(Random random) {
			String m = this.marker;
			if (random.nextInt(5) < 2) {
				return random.nextBoolean() ? APP : "https://pr-" + random.nextInt(100) + ".preview.example.com";
			}
			String[] origins = { APP, "https://pr-" + random.nextInt(100) + ".preview.example.com",
					"https://a.b.preview.example.com", "https://evil-" + m + ".example.org",
					"https://app.example.com.evil-" + m + ".org", "https://" + m + "preview.example.com",
					"https://preview.example.com", "http://app.example.com", "https://app.example.com:8443",
					"https://app.example.com:443", "null", "NULL", "https://APP.example.com", "HTTPS://app.example.com",
					"https://app.example.com/", "https://app.example.com/" + m, "https://app.example.com?" + m,
					"https://user@app.example.com", "https://app.example.com:0", "https://app.example.com:99999",
					"https://app.example.com:", "https://app.example.com.", "https://" + m + "..example.org", "", " ",
					"https://app.example.com, https://" + m + ".example.org",
					"https://app.example.com https://" + m + ".example.org",
					"https://\u00c3\u00a4pp-" + m + ".example.com", "https://app-" + m + "\u00e4.example.com",
					"https://app-" + m + "\u0001.example.com", "https://app-" + m + "\u007f.example.com",
					"https://app-" + m + "\t.example.com",
					"https://" + m + "a".repeat(200 + random.nextInt(400)) + ".example.com",
					"https://" + (m + ".").repeat(40) + "example.com", "https://[::1]:" + (1000 + random.nextInt(9000)),
					"https://[" + m + "]", "file://", "https://", "//app.example.com", "app.example.com",
					"javascript://" + m + ".example.org", "https://*.preview.example.com", "*",
					"https://%61pp.example.com", "https://app.example.com%00" + m, "<script>" + m + "</script>",
					"capacitor://localhost-" + m, "https://pr-1.preview.example.com.evil-" + m + ".org",
					"https://\u00e0pp-" + m + ".example.com", "https://app.example.com\u00a0",
					"https://app.example.com\u0000", "https://app-" + m + ".example.com\u00ff",
					"https://pr-" + m + ".preview.example.com\u00e2\u0080\u008b" };
			return origins[random.nextInt(origins.length)];
		}

		private void addPreflightHeaders(Random random) {
			String m = this.marker;
			if (this.valid) {
				if (this.method.equals("OPTIONS")) {
					header(random, "Access-Control-Request-Method", pick(random, "GET", "POST", "PUT"));
					if (random.nextBoolean()) {
						header(random, "Access-Control-Request-Headers",
								pick(random, "content-type", "Content-Type, X-Trace"));
					}
					if (this.family.equals("device") && random.nextBoolean()) {
						header(random, "Access-Control-Request-Private-Network", "true");
					}
				}
				return;
			}
			boolean preflightish = this.method.equalsIgnoreCase("OPTIONS") || random.nextInt(4) == 0;
			if (preflightish && random.nextInt(6) != 0) {
				int count = (random.nextInt(8) == 0) ? 2 : 1;
				for (int i = 0; i < count; i++) {
					String[] methods = { "GET", "POST", "PUT", "PUT", "DELETE", "put", "HEAD", "", " ", "GET, PUT",
							"GET PUT", m, "X-" + m, "<" + m + ">", m + "\u00e4", m + "\u0001", "*", "CONNECT",
							"a".repeat(3000) + m };
					String value = methods[random.nextInt(methods.length)];
					header(random, "Access-Control-Request-Method", value);
				}
			}
			if (preflightish && random.nextInt(3) != 0) {
				int count = (random.nextInt(6) == 0) ? 2 : 1;
				for (int i = 0; i < count; i++) {
					String[] names = { "content-type", "Content-Type, X-Trace", "CONTENT-TYPE,authorization",
							" x-trace ,content-type ", "", ",", ",,content-type,,", "x-" + m, "content-type, x-" + m,
							"content-type;" + m, "content-type, <" + m + ">", "x-" + m + "\u00e4", "x-" + m + "\u0001",
							"\tx-" + m + "\t", ("content-type, x-" + m + ", ").repeat(200), "*", "x-" + m + " x-trace",
							"content-type,\u00a0x-" + m, "content-type,,,,authorization, ,x-trace",
							"content-type,".repeat(350) + "x-trace" };
					header(random, "Access-Control-Request-Headers", names[random.nextInt(names.length)]);
				}
			}
			if (preflightish && random.nextInt(4) == 0) {
				String[] values = { "true", "TRUE", "false", "", m };
				header(random, "Access-Control-Request-Private-Network", values[random.nextInt(values.length)]);
			}
		}

		private void addOthers(Random random) {
			String m = this.marker;
			if (this.valid || random.nextInt(3) != 0) {
				this.headers.add(new String[] { "Authorization", BASIC });
			}
			if (this.valid) {
				return;
			}
			if (random.nextInt(8) == 0) {
				String[] values = { "websocket", "WebSocket", "websocket, h2c", m };
				header(random, "Upgrade", values[random.nextInt(values.length)]);
				this.headers.add(new String[] { "Sec-WebSocket-Version", "13" });
				this.headers.add(new String[] { "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==" });
			}
			if (random.nextInt(8) == 0) {
				// never "same-origin": that one rightly lets any Origin through as not
				// cross-origin
				String[] values = { "cross-site", "same-site", "none", m };
				header(random, "Sec-Fetch-Site", values[random.nextInt(values.length)]);
			}
			if (random.nextInt(10) == 0) {
				header(random, "Vary", "Origin, X-" + m);
			}
			if (random.nextInt(10) == 0) {
				header(random, "X-" + m, "Access-Control-Allow-Origin: https://" + m + ".example.org");
			}
		}

		/** One abuse of the wire format on top of the request. */
		private void mangle(Random random) {
			String m = this.marker;
			switch (random.nextInt(11)) {
				case 0 -> {
					// hundreds of headers: Tomcat refuses more than 100, Netty only looks
					// at their total size
					int count = pickInt(random, 50, 99, 101, 150, 300, 600);
					for (int i = 0; i < count; i++) {
						this.headers.add(new String[] { "X-Junk-" + i + "-" + m, "v" + i });
					}
					this.hostile.add(m);
					this.mix.add("hundreds of headers");
				}
				case 1 -> {
					// one value up to and beyond the servers' 8 KB limit for the head
					int length = pickInt(random, 2000, 7000, 8200, 9000, 20000, 70000);
					String name = pick(random, "X-Long-" + m, "Origin", "Access-Control-Request-Headers", "Cookie");
					String value = switch (name) {
						case "Origin" -> "https://" + m + "a".repeat(length) + ".example.com";
						case "Access-Control-Request-Headers" -> ("x-" + m + ",").repeat(length / 10) + "content-type";
						default -> m + "a".repeat(length);
					};
					this.headers.add(new String[] { name, value });
					this.hostile.add(m);
					this.mix.add("over-long value");
				}
				case 2 -> {
					// raw control and non-ASCII bytes in a name or a value
					String[] names = { "X-" + m + "\u0001", "X-" + m + "\u00ff", "X " + m, "X-" + m + " ",
							"X-" + m + "\t", "X-" + m + "\u0000", "X-" + m + "\u007f", "X-" + m + "\u00c3\u00a4" };
					String[] values = { "\u0000" + m, m + "\u0001\u0002", m + "\u007f", m + "\u00ff\u00fe",
							m + "\u00c3\u00a4\u00e2\u0080\u008b", m + "\u001b[31m", m + "\u0085" };
					if (random.nextBoolean()) {
						this.headers.add(new String[] { pick(random, names), "v" });
					}
					else {
						this.headers
							.add(new String[] { pick(random, "X-Junk", "Origin", "Access-Control-Request-Method",
									"Access-Control-Request-Headers", "Accept"), pick(random, values) });
					}
					this.hostile.add(m);
					this.mix.add("control or non-ASCII bytes");
				}
				case 3 -> {
					// CR/LF in a value: a lenient server starts a new header line there,
					// a strict one refuses
					String[] injected = { "X-Injected-" + m + ": 1", "Origin: https://evil-" + m + ".example.org",
							"Access-Control-Request-Headers: x-" + m,
							"Access-Control-Allow-Origin: https://evil-" + m + ".example.org",
							"Set-Cookie: " + m + "=1" };
					String separator = pick(random, "\n", "\r", "\r\n");
					String line = pick(random, injected);
					appendToAHeader(random, separator + line);
					this.hostile.add(m);
					this.mix.add("CR/LF injection");
				}
				case 4 -> {
					// obsolete line folding: a continuation line starting with a space or
					// a tab
					appendToAHeader(random, "\r\n" + pick(random, " ", "\t") + pick(random, "x-" + m,
							", https://evil-" + m + ".example.org", "Origin: https://evil-" + m + ".example.org"));
					this.hostile.add(m);
					this.mix.add("folded line");
				}
				case 5 -> {
					for (String[] header : this.headers) {
						header[0] = randomCase(random, header[0]);
					}
					this.mix.add("odd casing");
				}
				case 6 -> {
					// a preflight's requested headers over hundreds of lines
					int lines = pickInt(random, 20, 99, 150, 300);
					String name = pick(random, "content-type", "x-trace", "x-" + m);
					for (int i = 0; i < lines; i++) {
						this.headers.add(new String[] { casing(random, "Access-Control-Request-Headers"), name });
					}
					this.hostile.add(m);
					this.mix.add("hundreds of request-header lines");
				}
				case 7 -> {
					// Host the server may refuse; never one a generated origin could be
					// the same origin as
					String host = pick(random, "h-" + m + ".invalid", "h-" + m + ".invalid:99999", "", "h " + m, "[::1",
							"h-" + m + ".invalid, localhost", "h-" + m + "\u00e4.invalid");
					this.hostLines.add(new String[] { "Host", host });
					if (random.nextBoolean()) {
						this.hostLines.add(new String[] { "Host", "localhost" });
					}
					this.hostile.add(m);
					this.mix.add("junk Host");
				}
				case 8 -> {
					// forwarded headers (the application trusts them) with junk values
					String[][] forwarded = { { "X-Forwarded-Host", "fw-" + m + ".invalid" },
							{ "X-Forwarded-Host", "fw-" + m + ".invalid:abc" }, { "X-Forwarded-Port", "abc" },
							{ "X-Forwarded-Port", "99999" }, { "X-Forwarded-Port", "-1" },
							{ "X-Forwarded-Proto", "ht tp" }, { "X-Forwarded-Proto", "javascript" },
							{ "Forwarded", "for=\"[::1\";host=fw-" + m + ".invalid" },
							{ "Forwarded", "junk;;;=,proto=" }, { "X-Forwarded-Prefix", "/pfx" },
							{ "X-Forwarded-Prefix", "pfx" }, { "X-Forwarded-Prefix", "/a/../.." },
							{ "X-Forwarded-Prefix", "/%zz" },
							{ "X-Forwarded-Host", "fw-" + m + ".invalid, fw2-" + m + ".invalid" } };
					int count = 1 + random.nextInt(3);
					for (int i = 0; i < count; i++) {
						String[] header = pick(random, forwarded);
						this.headers.add(new String[] { header[0], header[1] });
					}
					this.hostile.add(m);
					this.mix.add("junk forwarded headers");
				}
				case 9 -> {
					// the same header twice where once is expected
					String[][] twice = { { "Access-Control-Request-Private-Network", "true" },
							{ "Sec-Fetch-Site", "cross-site" }, { "Authorization", BASIC },
							{ "Content-Type", "text/plain" }, { "Upgrade", "websocket" }, { "Origin", APP } };
					String[] header = pick(random, twice);
					this.headers.add(new String[] { header[0], header[1] });
					this.headers.add(new String[] { casing(random, header[0]), header[1] });
					this.mix.add("duplicate headers");
				}
				default -> {
					// an Origin in a form a browser never sends, with non-ASCII as UTF-8
					// bytes
					this.headers.add(new String[] { "Origin",
							pick(random, "https://\u00c3\u00a4pp.example.com",
									"https://app.example.com\u00e2\u0080\u008b",
									"https://xn--pp-" + m + ".example.com\u00ef\u00bc\u008e",
									"\u00ef\u00bb\u00bfhttps://app.example.com") });
					this.hostile.add(m);
					this.mix.add("UTF-8 bytes in Origin");
				}
			}
			this.wire = null;
		}

		/** Append to the value of a header that matters to CORS, or add one. */
		private void appendToAHeader(Random random, String suffix) {
			List<String[]> candidates = this.headers.stream()
				.filter(h -> h[0].equalsIgnoreCase("Origin")
						|| h[0].toLowerCase(Locale.ROOT).startsWith("access-control-"))
				.toList();
			if (candidates.isEmpty() || random.nextInt(4) == 0) {
				this.headers.add(new String[] { "X-Carrier", "v" + suffix });
			}
			else {
				String[] header = candidates.get(random.nextInt(candidates.size()));
				header[1] = header[1] + suffix;
			}
		}

		private void header(Random random, String name, String value) {
			this.headers.add(new String[] { casing(random, name), value });
			if (value.contains(this.marker) && !this.hostile.contains(this.marker)) {
				this.hostile.add(this.marker);
			}
		}

		private static String casing(Random random, String name) {
			return switch (random.nextInt(6)) {
				case 0 -> name.toLowerCase(Locale.ROOT);
				case 1 -> name.toUpperCase(Locale.ROOT);
				case 2 -> randomCase(random, name);
				default -> name;
			};
		}

		private static String randomCase(Random random, String name) {
			StringBuilder text = new StringBuilder(name.length());
			for (char c : name.toCharArray()) {
				text.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
			}
			return text.toString();
		}

		@SafeVarargs
		private static <T> T pick(Random random, T... values) {
			return values[random.nextInt(values.length)];
		}

		private static int pickInt(Random random, int... values) {
			return values[random.nextInt(values.length)];
		}

		/**
		 * Odd spellings of a path. Those in {@code covered} keep the segments the policy
		 * patterns look at, as the engine sees them: decoded, without path parameters,
		 * and for the policy choice also normalised (empty, {@code .} and {@code ..}
		 * segments resolved, {@code %2F} a separator). Those in {@code uncovered} change
		 * the leading segment, so no policy covers them: such a path must not reach a
		 * controller with an Origin, nor get CORS headers from anything else.
		 */
		private static String[] oddPath(Random random, String path) {
			int slash = path.indexOf('/', 1);
			String first = path.substring(1, slash);
			String rest = path.substring(slash + 1);
			int last = path.lastIndexOf('/');
			String dir = path.substring(0, last);
			String leaf = path.substring(last + 1);
			String dirName = dir.substring(dir.lastIndexOf('/') + 1);
			String[] covered = { path + "/", path + ";jsessionid=x", "/" + first + ";a=b/" + rest, dir + "/./" + leaf,
					dir + "/../" + dirName + "/" + leaf, dir + "/..;/" + dirName + "/" + leaf,
					dir + "/%2e%2e/" + dirName + "/" + leaf, dir + "/" + leaf + "/..", path + "/%2e%2e/", path + "/.",
					"/%" + Integer.toHexString(first.charAt(0)) + first.substring(1) + "/" + rest, path + "%00",
					path + "%2F", path + "?q=%zz", path + "#frag", "/" + first + ";x=%zz/" + rest, path + ";%",
					path + ";a=%", dir + "/%zz/" + leaf, dir + "/hel%C0%AElo", dir + "/h\u00e9llo", dir + "//" + leaf,
					"http://localhost" + path, path + "/" + "x".repeat(3000), "/" + path, "/%2e" + path, "/;" + path,
					"/.;" + path, "/." + path, "/x/.." + path, "/%2e%2e" + path, "/x/..;" + path,
					"/" + first + "%2F" + rest, "/x%2F..%2F" + first + "/" + rest };
			String[] uncovered = { "/" + first.toUpperCase(Locale.ROOT) + "/" + rest, "/" + first + "%5C" + rest,
					"/" + first + "\\" + rest, "/" + first + "x/" + rest, "*", "" };
			return random.nextInt(3) != 0 ? new String[] { covered[random.nextInt(covered.length)], "covered" }
					: new String[] { uncovered[random.nextInt(uncovered.length)], "uncovered" };
		}

		/** Values that must never appear in an answer. */
		List<String> hostileValues() {
			return this.hostile;
		}

		/** The request as a lenient server parses it. */
		Wire wire() {
			if (this.wire == null) {
				this.wire = new Wire(this.method, bytes(0, false));
			}
			return this.wire;
		}

		/**
		 * Whether the request could leave a kept-alive connection out of step with the
		 * server, so it goes on a connection of its own: bytes outside visible ASCII
		 * (line ends aside), a folded line, a head near or over the limits, many headers,
		 * an upgrade, or an odd method or target.
		 */
		boolean framingRisk() {
			String head = new String(bytes(0, true), StandardCharsets.ISO_8859_1);
			String lines = head.substring(0, head.length() - 4);
			if (lines.length() > 6000 || lines.split("\r\n").length > 60 || !TOKEN.matcher(this.method).matches()
					|| !this.target.startsWith("/") || !this.hostLines.isEmpty()) {
				return true;
			}
			String[] split = lines.split("\r\n");
			for (int l = 1; l < split.length; l++) {
				String line = split[l];
				int colon = line.indexOf(':');
				// Reactor Netty leaves a kept-alive connection unanswered after some
				// malformed header names
				if (colon <= 0 || !TOKEN.matcher(line.substring(0, colon)).matches()
						|| line.regionMatches(true, 0, "Upgrade:", 0, 8)) {
					return true;
				}
				for (int i = 0; i < line.length(); i++) {
					char c = line.charAt(i);
					if ((c < 0x20 && c != '\t') || c >= 0x7f) {
						return true;
					}
				}
			}
			return false;
		}

		/**
		 * The request on the wire; values as ISO-8859-1 bytes, so non-ASCII goes out raw.
		 * A kept-alive request says nothing about the connection; any other asks the
		 * server to close it.
		 */
		byte[] bytes(int port, boolean keepAlive) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			out.writeBytes((this.method + " " + this.target + " HTTP/1.1\r\n").getBytes(StandardCharsets.ISO_8859_1));
			if (this.hostLines.isEmpty()) {
				out.writeBytes(("Host: localhost:" + port + "\r\n").getBytes(StandardCharsets.US_ASCII));
			}
			for (String[] header : this.hostLines) {
				out.writeBytes((header[0] + ": " + header[1] + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			}
			for (String[] header : this.headers) {
				out.writeBytes((header[0] + ": " + header[1] + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			}
			out.writeBytes((CorsTestApplication.TEST_ID + ": " + this.id + "\r\n").getBytes(StandardCharsets.US_ASCII));
			out.writeBytes((keepAlive ? "\r\n" : "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			return out.toByteArray();
		}

	}

}
