package dev.corsstarter.core.decision;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.server.PathContainer;

import dev.corsstarter.core.internal.CorsHeaderNames;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.request.RequestType;
import dev.corsstarter.core.internal.MapCorsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Property test of the engine over generated hostile requests ({@link HostileRequests}):
 * seeded, without shrinking, and reproducible. Each seed sends 30,000 requests to
 * policies of every kind (exact origins, subdomain wildcard, {@code *} without
 * credentials, credentials, private network, {@code null} and a non-http scheme, any
 * port, and a credentialed policy nested in a wildcard one), writes each decision's
 * headers as a filter would, and checks:
 * <ul>
 * <li>{@code evaluate} and {@code writeHeaders} never throw;</li>
 * <li>{@code Access-Control-Allow-Origin} is absent, {@code *} on a wildcard policy
 * without credentials, or the request's one {@code Origin}, which every policy that
 * decides the path matches;</li>
 * <li>no header name or value can break a header line: visible ASCII and spaces only, and
 * the rendered header block has exactly one line per header;</li>
 * <li>a rejected, not-CORS or no-policy decision carries no {@code Access-Control-*}
 * header;</li>
 * <li>credentials, private-network access, methods and headers are granted only as the
 * policy says and cover what the preflight asked for;</li>
 * <li>the decision equals the one a reference model, written independently of the engine,
 * gives.</li>
 * </ul>
 * A failure names the seed, the request's number and the request itself. For an
 * exploratory run, {@code -Dcors.fuzz.seed=<seed>} adds a seed and
 * {@code -Dcors.fuzz.requests=<n>} changes the number of requests per seed.
 */
class CorsEngineFuzzTest {

	static final int REQUESTS_PER_SEED = Integer.getInteger("cors.fuzz.requests", 30_000);

	static final String APP = "https://app.example.com";

	static final CorsPolicy EXACT = CorsPolicy.builder("exact")
		.pathPatterns("/exact/**")
		.allowedOrigins(APP, "https://admin.example.com:8443")
		.allowedMethods("GET", "POST", "PUT")
		.allowedHeaders("Content-Type", "X-Trace")
		.build();

	static final CorsPolicy SUBDOMAIN = CorsPolicy.builder("subdomain")
		.pathPatterns("/sub/**")
		.allowedOrigins("https://*.preview.example.com")
		.allowedMethods("GET", "POST", "DELETE")
		.allowedHeaders("Authorization", "content-type")
		.exposedHeaders("X-Request-Id")
		.allowCredentials(true)
		.maxAge(Duration.ofMinutes(10))
		.build();

	static final CorsPolicy ANY = CorsPolicy.builder("any")
		.pathPatterns("/any/**")
		.allowedOrigins("*")
		.allowedMethods("*")
		.allowedHeaders("*")
		.exposedHeaders("X-Total")
		.build();

	static final CorsPolicy ANY_SECURE = CorsPolicy.builder("any-secure")
		.pathPatterns("/any/secure/**")
		.allowedOrigins(APP)
		.allowedHeaders("Authorization")
		.allowCredentials(true)
		.build();

	static final CorsPolicy CREDENTIALS = CorsPolicy.builder("creds")
		.pathPatterns("/creds/**")
		.allowedOrigins(APP, "http://localhost:3000")
		.allowedMethods("*")
		.allowedHeaders("*")
		.allowCredentials(true)
		.build();

	static final CorsPolicy PRIVATE_NETWORK = CorsPolicy.builder("pna")
		.pathPatterns("/pna/**")
		.allowedOrigins(APP, "http://192.168.1.20:8080", "http://[::1]:8080")
		.allowedHeaders("X-Device-Key")
		.allowPrivateNetwork(true)
		.maxAge(Duration.ofHours(1))
		.build();

	static final CorsPolicy OPAQUE = CorsPolicy.builder("opaque")
		.pathPatterns("/opaque/**")
		.allowedOrigins("null", "capacitor://localhost")
		.allowedMethods("GET", "POST")
		.build();

	static final CorsPolicy ANY_PORT = CorsPolicy.builder("port")
		.pathPatterns("/port/**")
		.allowedOrigins("http://localhost:*", "https://*.example.org:*")
		.build();

	static final CorsEngine ENGINE = CorsEngine
		.create(List.of(EXACT, SUBDOMAIN, ANY, ANY_SECURE, CREDENTIALS, PRIVATE_NETWORK, OPAQUE, ANY_PORT));

	/**
	 * Which origins each policy allows, written by hand from the origin grammar rather
	 * than from the configuration.
	 */
	static final Map<String, Predicate<String>> ALLOWED_ORIGINS = Map.of("exact",
			Set.of(APP, "https://admin.example.com:8443")::contains, "subdomain",
			regex("https://([a-z0-9_-]+\\.)+preview\\.example\\.com"), "any", origin -> true, "any-secure", APP::equals,
			"creds", Set.of(APP, "http://localhost:3000")::contains, "pna",
			Set.of(APP, "http://192.168.1.20:8080", "http://[::1]:8080")::contains, "opaque",
			Set.of("null", "capacitor://localhost")::contains, "port",
			regex("http://localhost(:[0-9]+)?").or(regex("https://([a-z0-9_-]+\\.)+example\\.org(:[0-9]+)?")));

	static final Pattern ORIGIN = Pattern
		.compile("([a-z][a-z0-9+.-]*)://(\\[[0-9a-f:.]+\\]|[a-z0-9_-]+(?:\\.[a-z0-9_-]+)*\\.?)(?::([1-9][0-9]{0,4}))?");

	static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

	static final String VARY_PREFLIGHT = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

	static LongStream seeds() {
		LongStream fixed = LongStream.of(1L, 20261123L, 0xC0FFEEL, -42L);
		String extra = System.getProperty("cors.fuzz.seed");
		return (extra == null || extra.isBlank()) ? fixed
				: LongStream.concat(fixed, LongStream.of(Long.decode(extra.strip())));
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void generatedRequestsNeverBreakTheInvariants(long seed, TestReporter reporter) {
		SplittableRandom random = new SplittableRandom(seed);
		Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
		Map<Reason, Integer> reasons = new EnumMap<>(Reason.class);
		Map<String, Integer> allowed = new TreeMap<>();
		for (int i = 0; i < REQUESTS_PER_SEED; i++) {
			MapCorsRequest request = HostileRequests.generate(random);
			CorsDecision decision;
			List<String[]> headers;
			List<String> problems;
			try {
				decision = ENGINE.evaluate(request);
				headers = WireHeaders.written(decision);
				problems = check(request, decision, headers);
			}
			catch (RuntimeException ex) {
				throw new AssertionError(report(seed, i, request, "threw " + ex), ex);
			}
			if (!problems.isEmpty()) {
				fail(report(seed, i, request, decision + " " + WireHeaders.render(headers).replace("\r\n", " | ")
						+ "\n    " + String.join("\n    ", problems)));
			}
			outcomes.merge(decision.outcome(), 1, Integer::sum);
			reasons.merge(decision.reason(), 1, Integer::sum);
			if (decision.isAllowed()) {
				allowed.merge(decision.type().tag(), 1, Integer::sum);
			}
		}
		String summary = String.format(
				"engine fuzz seed %d: %d requests, 0 violations, outcomes %s, allowed %s, reasons %s", seed,
				REQUESTS_PER_SEED, outcomes, allowed, reasons);
		System.out.println(summary);
		reporter.publishEntry("engine fuzz", summary);

		// the generator reaches every corner, so passing means something (short
		// exploratory runs may not)
		if (REQUESTS_PER_SEED < 10_000) {
			return;
		}
		assertThat(reasons.keySet()).as("reasons seen: %s", reasons).containsExactlyInAnyOrder(Reason.values());
		assertThat(allowed).as("allowed decisions by type").containsKeys("preflight", "actual", "websocket");
		for (Outcome outcome : Outcome.values()) {
			assertThat(outcomes.getOrDefault(outcome, 0)).as("%s decisions of %d", outcome, REQUESTS_PER_SEED)
				.isGreaterThan(REQUESTS_PER_SEED / 100);
		}
	}

	/** Everything wrong with one decision and the headers it wrote. */
	static List<String> check(MapCorsRequest request, CorsDecision decision, List<String[]> headers) {
		List<String> problems = new ArrayList<>();
		Map<String, String> byName = new LinkedHashMap<>();
		for (String[] header : headers) {
			if (byName.put(header[0], header[1]) != null) {
				problems.add("header written twice: " + header[0]);
			}
			if (!TOKEN.matcher(header[0]).matches()) {
				problems.add("header name is not a token: " + HostileRequests.escape(header[0]));
			}
			if (!header[1].chars().allMatch(c -> c >= 0x20 && c < 0x7f) || !header[1].equals(header[1].strip())
					|| header[1].isEmpty()) {
				problems.add("header value is not plain visible ASCII: " + header[0] + ": "
						+ HostileRequests.escape(header[1]));
			}
		}
		String rendered = WireHeaders.render(headers);
		if (rendered.split("\r\n", -1).length != headers.size() + 1 || rendered.replace("\r\n", "").indexOf('\n') >= 0
				|| rendered.replace("\r\n", "").indexOf('\r') >= 0) {
			problems.add("rendered header block does not have one line per header");
		}
		List<String> varyTokens = (byName.get("Vary") != null) ? List.of(byName.get("Vary").split(", ")) : List.of();
		if (varyTokens.size() != Set.copyOf(varyTokens).size()) {
			problems.add("Vary lists a token twice");
		}

		List<String> origins = request.headerValues("Origin");
		String allowOrigin = byName.get("Access-Control-Allow-Origin");
		if (allowOrigin != null) {
			CompiledPolicy policy = decision.compiledPolicy();
			if (allowOrigin.equals("*")) {
				if (!policy.origins().allowsAny() || policy.policy().allowCredentials()) {
					problems.add("'*' from a policy that does not allow any origin without credentials");
				}
			}
			else {
				if (origins.size() != 1 || !allowOrigin.equals(origins.get(0))) {
					problems.add("Access-Control-Allow-Origin is not the request's one Origin");
				}
				for (CompiledPolicy candidate : candidates(request)) {
					if (!referenceAllows(candidate, allowOrigin)) {
						problems.add("Access-Control-Allow-Origin for an origin policy " + candidate.name()
								+ " does not allow");
					}
				}
			}
		}
		boolean accessControl = byName.keySet().stream().anyMatch(CorsHeaderNames::isAccessControl);
		if (!decision.isAllowed() && accessControl) {
			problems.add(decision.outcome().tag() + " decision with Access-Control-* headers");
		}
		if (decision.isAllowed() && decision.type() != RequestType.WEBSOCKET && allowOrigin == null) {
			problems.add("allowed without Access-Control-Allow-Origin");
		}
		if (!decision.hasPolicy() && !headers.isEmpty()) {
			problems.add("headers on a path no policy covers");
		}
		if (decision.isRejected() && decision.action() != CorsDecision.Action.REFUSE) {
			problems.add("rejected but not answered with 403");
		}
		if (byName.containsKey("Access-Control-Allow-Credentials")
				&& (!decision.policy().allowCredentials() || "*".equals(allowOrigin))) {
			problems.add("credentials granted by a policy without them, or with '*'");
		}
		if (byName.containsKey("Access-Control-Allow-Private-Network") && (!decision.policy().allowPrivateNetwork()
				|| !"true".equals(request.header("Access-Control-Request-Private-Network")))) {
			problems.add("private-network access granted without being asked for or allowed");
		}
		if (decision.isAllowed() && decision.type() == RequestType.PREFLIGHT) {
			String method = request.header("Access-Control-Request-Method");
			String allowMethods = byName.get("Access-Control-Allow-Methods");
			if (allowMethods == null || !List.of(allowMethods.split(", ")).contains(method)) {
				problems.add("Access-Control-Allow-Methods does not cover " + HostileRequests.escape(method));
			}
			List<String> requested = requestedHeaders(request);
			String allowHeaders = byName.getOrDefault("Access-Control-Allow-Headers", "").toLowerCase(Locale.ROOT);
			if (!List.of(allowHeaders.split(", ")).containsAll(requested)) {
				problems.add("Access-Control-Allow-Headers does not cover " + requested);
			}
		}
		Map<String, String> expected = expectedHeaders(request);
		Map<String, String> actual = decision.responseHeaders();
		if (!actual.equals(expected)) {
			problems.add("reference model expects " + expected + "\n    engine gave " + actual);
		}
		if (!actual.equals(byName)) {
			problems.add("responseHeaders() " + actual + " differs from what writeHeaders wrote " + byName);
		}
		return problems;
	}

	/**
	 * The policies that decide a request: the raw path's, and its normalised form's when
	 * that differs.
	 */
	static List<CompiledPolicy> candidates(MapCorsRequest request) {
		PathContainer path = request.path();
		CompiledPolicy raw = ENGINE.policyFor(path);
		PathContainer normalized = RequestPaths.normalized(path);
		CompiledPolicy other = (normalized != null) ? ENGINE.policyFor(normalized) : null;
		List<CompiledPolicy> candidates = new ArrayList<>();
		if (other != null) {
			candidates.add(other);
		}
		if (raw != null && raw != other) {
			candidates.add(raw);
		}
		return candidates;
	}

	/**
	 * The response headers the behaviour table asks for: both candidate policies decide,
	 * and a rejection by either wins; otherwise the normalised path's policy answers.
	 */
	static Map<String, String> expectedHeaders(MapCorsRequest request) {
		List<CompiledPolicy> candidates = candidates(request);
		if (candidates.isEmpty()) {
			return Map.of();
		}
		Expected answer = null;
		for (CompiledPolicy candidate : candidates) {
			Expected decision = reference(request, candidate);
			if (answer == null || (decision.rejected && !answer.rejected)) {
				answer = decision;
			}
		}
		return answer.headers;
	}

	record Expected(boolean rejected, Map<String, String> headers) {
	}

	/**
	 * The behaviour table for one policy, from the request as sent and the policy as
	 * configured.
	 */
	static Expected reference(MapCorsRequest request, CompiledPolicy compiled) {
		CorsPolicy policy = compiled.policy();
		List<String> origins = request.headerValues("Origin");
		Map<String, String> headers = new LinkedHashMap<>();
		boolean preflight = request.method().equals("OPTIONS")
				&& request.headerValues("Access-Control-Request-Method").size() > 0;
		String upgrade = request.header("Upgrade");
		boolean websocket = !preflight && request.method().equals("GET") && upgrade != null
				&& asciiLowerCase(upgrade).equals("websocket");
		headers.put("Vary", (origins.isEmpty() || !preflight) ? "Origin" : policy.allowPrivateNetwork()
				? VARY_PREFLIGHT + ", Access-Control-Request-Private-Network" : VARY_PREFLIGHT);
		if (origins.isEmpty()) {
			return new Expected(false, headers);
		}
		String origin = origins.get(0);
		if (origins.size() > 1 || !isWellFormed(origin)) {
			return new Expected(true, headers);
		}
		if ("same-origin".equals(request.header("Sec-Fetch-Site")) || isSameOrigin(origin, request)) {
			headers.put("Vary", "Origin");
			return new Expected(false, headers);
		}
		if (!referenceAllows(compiled, origin)) {
			return new Expected(true, headers);
		}
		boolean anyOrigin = policy.allowedOrigins().contains("*");
		String allowOrigin = (anyOrigin && !policy.allowCredentials()) ? "*" : origin;
		boolean anyMethod = policy.allowedMethods().contains("*");
		if (websocket) {
			return new Expected(false, headers);
		}
		if (!preflight) {
			if (!anyMethod && !policy.allowedMethods().contains(request.method())) {
				return new Expected(true, headers);
			}
			headers.put("Access-Control-Allow-Origin", allowOrigin);
			if (policy.allowCredentials()) {
				headers.put("Access-Control-Allow-Credentials", "true");
			}
			if (!policy.exposedHeaders().isEmpty()) {
				headers.put("Access-Control-Expose-Headers", String.join(", ", policy.exposedHeaders()));
			}
			return new Expected(false, headers);
		}
		String method = request.header("Access-Control-Request-Method");
		if (request.headerValues("Access-Control-Request-Method").size() > 1 || !TOKEN.matcher(method).matches()
				|| !(anyMethod || policy.allowedMethods().contains(method))) {
			return new Expected(true, headers);
		}
		String allowHeaders = null;
		if (request.headerValues("Access-Control-Request-Headers").size() > 0) {
			String joined = String.join(",", request.headerValues("Access-Control-Request-Headers"));
			if (joined.length() > 4096) {
				return new Expected(true, headers);
			}
			boolean anyHeader = policy.allowedHeaders().contains("*");
			List<String> names = new ArrayList<>();
			for (String element : joined.split(",", -1)) {
				String name = trimSpacesAndTabs(element);
				if (name.isEmpty()) {
					continue;
				}
				if (!TOKEN.matcher(name).matches()
						|| !(anyHeader || policy.allowedHeaders().stream().anyMatch(name::equalsIgnoreCase))) {
					return new Expected(true, headers);
				}
				names.add(name.toLowerCase(Locale.ROOT));
			}
			if (anyHeader) {
				allowHeaders = names.isEmpty() ? null : String.join(", ", names);
			}
			else if (!policy.allowedHeaders().isEmpty()) {
				allowHeaders = String.join(", ", policy.allowedHeaders());
			}
		}
		boolean privateNetwork = "true".equals(request.header("Access-Control-Request-Private-Network"));
		if (privateNetwork && !policy.allowPrivateNetwork()) {
			return new Expected(true, headers);
		}
		headers.put("Access-Control-Allow-Origin", allowOrigin);
		if (policy.allowCredentials()) {
			headers.put("Access-Control-Allow-Credentials", "true");
		}
		headers.put("Access-Control-Allow-Methods", anyMethod ? method : String.join(", ", policy.allowedMethods()));
		if (allowHeaders != null) {
			headers.put("Access-Control-Allow-Headers", allowHeaders);
		}
		headers.put("Access-Control-Max-Age", Long.toString(policy.maxAge().toSeconds()));
		if (privateNetwork) {
			headers.put("Access-Control-Allow-Private-Network", "true");
		}
		return new Expected(false, headers);
	}

	static boolean referenceAllows(CompiledPolicy policy, String origin) {
		return isWellFormed(origin) && ALLOWED_ORIGINS.get(policy.name()).test(origin);
	}

	/** A serialised origin as browsers send it, by regular expression and limits. */
	static boolean isWellFormed(String origin) {
		if (origin.equals("null")) {
			return true;
		}
		Matcher matcher = ORIGIN.matcher(origin);
		if (origin.length() > 300 || !matcher.matches() || matcher.group(1).length() > 39) {
			return false;
		}
		String host = matcher.group(2);
		// a fully qualified host may end in one dot, which does not count towards its
		// length
		host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
		if (!host.startsWith("[") && (host.length() > 253
				|| List.of(host.split("\\.")).stream().anyMatch(label -> label.length() > 63))) {
			return false;
		}
		return matcher.group(3) == null || Integer.parseInt(matcher.group(3)) <= 65535;
	}

	static boolean isSameOrigin(String origin, MapCorsRequest request) {
		Matcher matcher = ORIGIN.matcher(origin);
		if (!matcher.matches()) {
			return false;
		}
		String scheme = matcher.group(1);
		int port = (matcher.group(3) != null) ? Integer.parseInt(matcher.group(3)) : defaultPort(scheme);
		int serverPort = (request.port() > 0) ? request.port() : defaultPort(request.scheme().toLowerCase(Locale.ROOT));
		return asciiLowerCase(scheme).equals(asciiLowerCase(request.scheme()))
				&& asciiLowerCase(matcher.group(2)).equals(asciiLowerCase(request.host())) && port == serverPort;
	}

	static int defaultPort(String scheme) {
		return switch (scheme) {
			case "http", "ws" -> 80;
			case "https", "wss" -> 443;
			case "ftp" -> 21;
			default -> -1;
		};
	}

	static List<String> requestedHeaders(MapCorsRequest request) {
		List<String> names = new ArrayList<>();
		for (String value : request.headerValues("Access-Control-Request-Headers")) {
			for (String element : value.split(",")) {
				String name = trimSpacesAndTabs(element);
				if (!name.isEmpty()) {
					names.add(name.toLowerCase(Locale.ROOT));
				}
			}
		}
		return names;
	}

	static String trimSpacesAndTabs(String value) {
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

	/**
	 * HTTP compares header values and host names in ASCII case only: no Unicode case
	 * folding.
	 */
	static String asciiLowerCase(String value) {
		StringBuilder lower = new StringBuilder(value.length());
		for (char c : value.toCharArray()) {
			lower.append((c >= 'A' && c <= 'Z') ? (char) (c + 32) : c);
		}
		return lower.toString();
	}

	static Predicate<String> regex(String regex) {
		Pattern pattern = Pattern.compile(regex);
		return origin -> pattern.matcher(origin).matches();
	}

	static String report(long seed, int index, MapCorsRequest request, String problem) {
		return "Engine fuzz failed for seed " + seed + ", request #" + index + " (replay: -Dcors.fuzz.seed=" + seed
				+ ")\n    request: " + HostileRequests.describe(request) + "\n    " + problem;
	}

	/**
	 * The header lines a decision writes, recorded as a servlet response keeps them:
	 * {@code set} replaces, {@code add} adds a line.
	 */
	static final class WireHeaders implements CorsDecision.HeaderWriter {

		private final List<String[]> lines = new ArrayList<>();

		static List<String[]> written(CorsDecision decision) {
			WireHeaders writer = new WireHeaders();
			decision.writeHeaders(writer);
			return writer.lines;
		}

		static String render(List<String[]> lines) {
			StringBuilder block = new StringBuilder();
			for (String[] line : lines) {
				block.append(line[0]).append(": ").append(line[1]).append("\r\n");
			}
			return block.toString();
		}

		@Override
		public void set(String name, String value) {
			this.lines.removeIf(line -> line[0].equalsIgnoreCase(name));
			this.lines.add(new String[] { name, value });
		}

		@Override
		public boolean contains(String name) {
			return this.lines.stream().anyMatch(line -> line[0].equalsIgnoreCase(name));
		}

		@Override
		public Iterable<String> values(String name) {
			return this.lines.stream().filter(line -> line[0].equalsIgnoreCase(name)).map(line -> line[1]).toList();
		}

		@Override
		public void add(String name, String value) {
			this.lines.add(new String[] { name, value });
		}

	}

}
