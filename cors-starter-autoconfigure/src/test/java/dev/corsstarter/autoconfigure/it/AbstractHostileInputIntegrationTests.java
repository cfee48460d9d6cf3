package dev.corsstarter.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Generated hostile requests over real HTTP, against the application of {@link CorsTestApplication}
 * (Spring Security, a permissive {@code http.cors()}, MVC/WebFlux CORS mappings on {@code /api/**}
 * and {@code @CrossOrigin}): bad, repeated and oddly cased {@code Origin} values, junk
 * {@code Access-Control-Request-*} headers, odd methods and encoded or unnormalised paths, from a
 * {@link Random} with a fixed seed, so every run sends the same requests.
 * <p>
 * For every answer: no 5xx except from the throwing {@code /api/boom} handler; no generated value is
 * reflected unless it is an allowed origin; {@code Access-Control-Allow-Origin} at most once and only
 * for an origin the path's policy allows; each {@code Access-Control-*} header at most once; and a
 * request that carries an {@code Origin} reaches a controller only when the policy allows it (the
 * server itself may refuse malformed requests with 400 before any filter runs). Every violation is
 * collected and reported with the request that caused it. Subclasses choose the stack.
 */
@TestPropertySource(locations = "classpath:cors-it.properties")
abstract class AbstractHostileInputIntegrationTests {

	static final int REQUESTS_PER_SEED = 100;

	static final String APP = CorsScenario.APP;

	static final String BASIC = CorsScenario.BASIC;

	private static final Pattern PREVIEW = Pattern.compile("https://[a-z0-9-]+(\\.[a-z0-9-]+)*\\.preview\\.example\\.com");

	private static final Pattern WELL_FORMED = Pattern.compile(
			"null|[a-z][a-z0-9+.-]*://([a-z0-9_-]+(\\.[a-z0-9_-]+)*|\\[[0-9a-f:.]+\\])(:[1-9][0-9]{0,4})?");

	private static final Pattern MALFORMED_PATH_PARAMETER = Pattern.compile(";[^/]*%(?![0-9a-fA-F]{2})");

	@LocalServerPort
	int port;

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 20240601L, 7L, 424242L })
	void hostileRequestsNeverBreakThePolicy(long seed) throws IOException {
		Random random = new Random(seed);
		List<String> violations = new ArrayList<>();
		Map<Integer, Integer> statuses = new TreeMap<>();
		int reached = 0;
		for (int i = 0; i < REQUESTS_PER_SEED; i++) {
			HostileRequest request = HostileRequest.generate(random);
			int callsBefore = CorsTestApplication.calls.get();
			RawHttpClient.Response response;
			try {
				response = RawHttpClient.sendRaw(this.port, request.bytes(this.port));
			}
			catch (IOException ex) {
				violations.add(describe(seed, i, request, "no answer: " + ex));
				continue;
			}
			int calls = CorsTestApplication.calls.get() - callsBefore;
			reached += calls;
			statuses.merge((response != null) ? response.status() : 0, 1, Integer::sum);
			if (response != null) {
				for (String problem : check(request, response, calls)) {
					violations.add(describe(seed, i, request, problem + "\n    answer: " + response.status() + " "
							+ response.headers() + " " + abbreviate(response.body())));
				}
			}
		}
		assertThat(violations).as("%d hostile requests (seed %d, statuses %s) broke the policy:%n%s", REQUESTS_PER_SEED,
				seed, statuses, String.join("\n", violations)).isEmpty();
		assertThat(reached).as("requests that reached a controller (statuses %s)", statuses).isPositive();
	}

	/** Everything wrong with one answer. */
	private static List<String> check(HostileRequest request, RawHttpClient.Response response, int calls) {
		List<String> problems = new ArrayList<>();
		// the family of the policy that covers the target, or "none"
		String family = request.covered ? request.family : "none";
		boolean thrownByHandler = request.basePath.equals("/api/boom") && calls > 0;
		// Tomcat answers CONNECT itself with 501, before any filter runs
		boolean connectRefusedByServer = request.method.equals("CONNECT") && response.status() == 501 && calls == 0;
		// Spring's own ServletRequestPathFilter (in Security's filter chain) fails with 500 on a
		// malformed escape inside a path parameter, which Tomcat lets through; only a request the
		// CORS filter passes on gets that far
		boolean refusedBySpringPathParser = MALFORMED_PATH_PARAMETER.matcher(request.target).find()
				&& request.passesCorsFilter(family);
		if (response.status() >= 500 && !thrownByHandler && !connectRefusedByServer && !refusedBySpringPathParser) {
			problems.add("5xx");
		}
		String answer = (response.headers() + "\n" + response.body()).toLowerCase(Locale.ROOT);
		for (String value : request.hostileValues()) {
			if (answer.contains(value.toLowerCase(Locale.ROOT))) {
				problems.add("reflects " + escape(value));
			}
		}
		Map<String, Long> accessControl = new TreeMap<>();
		response.accessControlHeaderNames().forEach(name -> accessControl.merge(name.toLowerCase(Locale.ROOT), 1L, Long::sum));
		accessControl.forEach((name, count) -> {
			if (count > 1) {
				problems.add(name + " " + count + " times");
			}
		});
		List<String> allowOrigin = response.values("Access-Control-Allow-Origin");
		if (!allowOrigin.isEmpty()) {
			String origin = request.singleOrigin();
			String value = allowOrigin.get(0);
			if (origin == null || !allows(family, origin)) {
				problems.add("Access-Control-Allow-Origin for an origin the policy (" + family + ") does not allow");
			}
			else if (!value.equals(family.equals("public") ? "*" : origin)) {
				problems.add("Access-Control-Allow-Origin is " + escape(value));
			}
			if (request.isPreflight() && !request.preflightAllowed(family)) {
				problems.add("preflight allowed although its method, headers or private-network ask are not");
			}
		}
		if (calls > 0 && !request.origins.isEmpty() && !request.family.equals("other")) {
			String origin = request.singleOrigin();
			if (!request.covered) {
				problems.add("reached a controller with an Origin through a path no policy covers");
			}
			else if (origin == null || !allows(family, origin) || !methods(family).contains(request.method)) {
				problems.add("reached the controller although the policy refuses the request");
			}
			else if (request.isPreflight()) {
				problems.add("a preflight reached the controller");
			}
		}
		return problems;
	}

	/** Whether the policy of a path family allows an origin, written independently of the engine. */
	static boolean allows(String family, String origin) {
		return switch (family) {
			case "api" -> origin.equals(APP) || PREVIEW.matcher(origin).matches();
			case "device" -> origin.equals(APP);
			case "public" -> isWellFormed(origin);
			default -> false;
		};
	}

	/** A serialised origin as browsers send it (DESIGN: lower case, ASCII, valid labels and port). */
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

	private static String describe(long seed, int index, HostileRequest request, String problem) {
		String wire = escape(new String(request.bytes(0), StandardCharsets.ISO_8859_1));
		return "  [seed " + seed + " #" + index + "] " + problem + "\n    request: "
				+ ((wire.length() > 800) ? wire.substring(0, 800) + "..." : wire);
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
	 * One generated request. Values carrying the marker {@code zq<random>} are hostile input that
	 * must never come back; origins are classified independently of the engine under test.
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

		final String method;

		final String basePath;

		final String family;

		/** Whether a policy covers the target (no policy covers {@code /other/**}). */
		final boolean covered;

		final String target;

		final List<String> origins = new ArrayList<>();

		final List<String[]> headers = new ArrayList<>();

		private final List<String> hostile = new ArrayList<>();

		private final String marker;

		private HostileRequest(Random random) {
			this.marker = "zq" + Integer.toString(100_000 + random.nextInt(900_000), 36);
			String[] base = BASE_PATHS[random.nextInt(BASE_PATHS.length)];
			this.basePath = base[0];
			this.family = base[1];
			this.method = random.nextBoolean() ? BENIGN_METHODS[random.nextInt(BENIGN_METHODS.length)]
					: METHODS[random.nextInt(METHODS.length)];
			String[] odd = random.nextBoolean() ? new String[] { this.basePath, "covered" } : oddPath(random, this.basePath);
			this.target = odd[0];
			this.covered = odd[1].equals("covered") && !this.family.equals("other");
		}

		static HostileRequest generate(Random random) {
			HostileRequest request = new HostileRequest(random);
			request.addOrigins(random);
			request.addPreflightHeaders(random);
			request.addOthers(random);
			java.util.Collections.shuffle(request.headers, random);
			return request;
		}

		private void addOrigins(Random random) {
			int count = switch (random.nextInt(10)) {
				case 0 -> 0;
				case 1, 2 -> 2;
				case 3 -> 3;
				default -> 1;
			};
			for (int i = 0; i < count; i++) {
				String origin = origin(random);
				this.origins.add(origin);
				this.headers.add(new String[] { casing(random, "Origin"), origin });
			}
			// an origin no policy lists must never come back; the marker covers the generated ones
			for (String origin : this.origins) {
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
					"https://app.example.com:", "https://app.example.com.", "https://" + m + "..example.org",
					"", " ", "https://app.example.com, https://" + m + ".example.org",
					"https://app.example.com https://" + m + ".example.org", "https://\u00c3\u00a4pp-" + m + ".example.com",
					"https://app-" + m + "\u00e4.example.com", "https://app-" + m + "\u0001.example.com",
					"https://app-" + m + "\u007f.example.com", "https://app-" + m + "\t.example.com",
					"https://" + m + "a".repeat(200 + random.nextInt(400)) + ".example.com",
					"https://" + (m + ".").repeat(40) + "example.com", "https://[::1]:" + (1000 + random.nextInt(9000)),
					"https://[" + m + "]", "file://", "https://", "//app.example.com", "app.example.com",
					"javascript://" + m + ".example.org", "https://*.preview.example.com", "*",
					"https://%61pp.example.com", "https://app.example.com%00" + m, "<script>" + m + "</script>",
					"capacitor://localhost-" + m, "https://pr-1.preview.example.com.evil-" + m + ".org" };
			return origins[random.nextInt(origins.length)];
		}

		private void addPreflightHeaders(Random random) {
			String m = this.marker;
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
							"content-type,\u00a0x-" + m };
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
			if (random.nextInt(3) != 0) {
				this.headers.add(new String[] { "Authorization", BASIC });
			}
			if (random.nextInt(8) == 0) {
				String[] values = { "websocket", "WebSocket", "websocket, h2c", m };
				header(random, "Upgrade", values[random.nextInt(values.length)]);
				this.headers.add(new String[] { "Sec-WebSocket-Version", "13" });
				this.headers.add(new String[] { "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==" });
			}
			if (random.nextInt(8) == 0) {
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
				default -> name;
			};
		}

		/**
		 * Odd spellings of a path. Those in {@code covered} keep the segments the policy patterns look
		 * at, as the engine sees them: decoded, without path parameters, and for the policy choice also
		 * normalised (empty, {@code .} and {@code ..} segments resolved, {@code %2F} a separator). Those
		 * in {@code uncovered} change the leading segment, so no policy covers them: such a path must
		 * not reach a controller with an Origin, nor get CORS headers from anything else.
		 */
		private static String[] oddPath(Random random, String path) {
			int slash = path.indexOf('/', 1);
			String first = path.substring(1, slash);
			String rest = path.substring(slash + 1);
			int last = path.lastIndexOf('/');
			String dir = path.substring(0, last);
			String leaf = path.substring(last + 1);
			String dirName = dir.substring(dir.lastIndexOf('/') + 1);
			String[] covered = { path + "/", path + ";jsessionid=x", "/" + first + ";a=b/" + rest,
					dir + "/./" + leaf, dir + "/../" + dirName + "/" + leaf, dir + "/..;/" + dirName + "/" + leaf,
					dir + "/%2e%2e/" + dirName + "/" + leaf, dir + "/" + leaf + "/..", path + "/%2e%2e/", path + "/.",
					"/%" + Integer.toHexString(first.charAt(0)) + first.substring(1) + "/" + rest, path + "%00",
					path + "%2F", path + "?q=%zz", path + "#frag", "/" + first + ";x=%zz/" + rest, path + ";%",
					path + ";a=%", dir + "/%zz/" + leaf, dir + "/hel%C0%AElo", dir + "/h\u00e9llo", dir + "//" + leaf,
					"http://localhost" + path, path + "/" + "x".repeat(3000), "/" + path, "/%2e" + path, "/;" + path,
					"/.;" + path, "/." + path, "/x/.." + path, "/%2e%2e" + path, "/x/..;" + path,
					"/" + first + "%2F" + rest, "/x%2F..%2F" + first + "/" + rest };
			String[] uncovered = { "/" + first.toUpperCase(Locale.ROOT) + "/" + rest, "/" + first + "%5C" + rest, "/" + first + "\\" + rest, "/" + first + "x/" + rest, "*", "" };
			return random.nextInt(3) != 0 ? new String[] { covered[random.nextInt(covered.length)], "covered" }
					: new String[] { uncovered[random.nextInt(uncovered.length)], "uncovered" };
		}

		/** Whether the CORS filter lets this request continue to the rest of the chain. */
		boolean passesCorsFilter(String family) {
			if (this.origins.isEmpty() || family.equals("none")) {
				return true;
			}
			String origin = singleOrigin();
			return origin != null && allows(family, origin) && !isPreflight()
					&& (methods(family).contains(this.method) || isWebSocket());
		}

		boolean isWebSocket() {
			List<String> upgrade = values("Upgrade");
			return this.method.equals("GET") && !upgrade.isEmpty() && upgrade.get(0).equalsIgnoreCase("websocket");
		}

		/** The one Origin sent, or null when none or several. */
		String singleOrigin() {
			return (this.origins.size() == 1) ? this.origins.get(0) : null;
		}

		boolean isPreflight() {
			return this.method.equals("OPTIONS") && !values("Access-Control-Request-Method").isEmpty();
		}

		/** Whether a preflight asks only for what the family's policy allows (origin aside). */
		boolean preflightAllowed(String family) {
			List<String> requestMethod = values("Access-Control-Request-Method");
			if (requestMethod.size() != 1 || !methods(family).contains(requestMethod.get(0))) {
				return false;
			}
			for (String value : values("Access-Control-Request-Headers")) {
				for (String name : value.split(",")) {
					String trimmed = name.strip().toLowerCase(Locale.ROOT);
					if (!trimmed.isEmpty() && !headers(family).contains(trimmed)) {
						return false;
					}
				}
			}
			List<String> privateNetwork = values("Access-Control-Request-Private-Network");
			return privateNetwork.isEmpty() || !privateNetwork.get(0).equals("true") || family.equals("device");
		}

		List<String> values(String name) {
			return this.headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
		}

		/** Values that must never appear in an answer. */
		List<String> hostileValues() {
			return this.hostile;
		}

		/** The request on the wire; header values as ISO-8859-1 bytes, so non-ASCII goes out raw. */
		byte[] bytes(int port) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			out.writeBytes((this.method + " " + this.target + " HTTP/1.1\r\n").getBytes(StandardCharsets.ISO_8859_1));
			out.writeBytes(("Host: localhost:" + port + "\r\n").getBytes(StandardCharsets.US_ASCII));
			for (String[] header : this.headers) {
				out.writeBytes((header[0] + ": " + header[1] + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			}
			out.writeBytes("Connection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			return out.toByteArray();
		}

	}

}
