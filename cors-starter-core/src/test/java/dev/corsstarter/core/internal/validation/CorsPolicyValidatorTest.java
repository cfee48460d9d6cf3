package dev.corsstarter.core.internal.validation;

import dev.corsstarter.core.validation.InvalidCorsConfigurationException;
import dev.corsstarter.core.validation.Severity;
import dev.corsstarter.core.validation.ValidationContext;
import dev.corsstarter.core.validation.Violation;
import dev.corsstarter.core.validation.ViolationRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every startup rule, table-driven: each rule has rows that must be reported (with
 * severity, rule code, exact property, value and suggested value; where the fix is advice
 * rather than a value, a phrase the action must contain) and rows that must pass. A
 * failing row must produce exactly the expected violation and nothing else, so no rule
 * double-reports or fires on a neighbour's input.
 */
class CorsPolicyValidatorTest {

	private static final ValidationContext DEV = ValidationContext.DEFAULT;

	private static final ValidationContext PROD = new ValidationContext(true, List.of());

	private static final String API = "cors.policies.api.";

	/** A placeholder of the message table left in a text. */
	private static final String UNFILLED = "\\{(value|prefix|suggested|host|scheme|port|list|suffix|service|dev|owner"
			+ "|error|seconds|reason|fix)\\}";

	/**
	 * One table row: policies validated in a context, and the single violation expected
	 * (or none).
	 */
	record Row(String name, ValidationContext context, List<CorsPolicy> policies, Severity severity, ViolationRule rule,
			String property, String value, String suggestedValue, String fixContains, String reasonContains) {

		Row reason(String text) {
			return new Row(this.name, this.context, this.policies, this.severity, this.rule, this.property, this.value,
					this.suggestedValue, this.fixContains, text);
		}

		Row fix(String text) {
			return new Row(this.name, this.context, this.policies, this.severity, this.rule, this.property, this.value,
					this.suggestedValue, text, this.reasonContains);
		}

		Row withContext(ValidationContext context) {
			return new Row(this.name, context, this.policies, this.severity, this.rule, this.property, this.value,
					this.suggestedValue, this.fixContains, this.reasonContains);
		}

		boolean passes() {
			return this.severity == null;
		}

		@Override
		public String toString() {
			return (passes() ? "passes: " : "reports " + this.rule.code() + ": ") + this.name;
		}

	}

	/** The policy every row starts from: clean in every profile. */
	private static CorsPolicy.Builder api() {
		return CorsPolicy.builder("api").pathPatterns("/api/**").allowedOrigins("https://app.example.com");
	}

	private static CorsPolicy policy(UnaryOperator<CorsPolicy.Builder> config) {
		return config.apply(api()).build();
	}

	private static Row error(String name, ValidationContext context, UnaryOperator<CorsPolicy.Builder> config,
			ViolationRule rule, String key, String value, String suggestedValue) {
		return new Row(name, context, List.of(policy(config)), Severity.ERROR, rule, API + key, value, suggestedValue,
				null, null);
	}

	private static Row warn(String name, ValidationContext context, UnaryOperator<CorsPolicy.Builder> config,
			ViolationRule rule, String key, String value, String suggestedValue) {
		return new Row(name, context, List.of(policy(config)), Severity.WARN, rule, API + key, value, suggestedValue,
				null, null);
	}

	private static Row pass(String name, ValidationContext context, UnaryOperator<CorsPolicy.Builder> config) {
		return new Row(name, context, List.of(policy(config)), null, null, null, null, null, null, null);
	}

	private static Row origin(ValidationContext context, String origin, ViolationRule rule, String suggestedValue) {
		return error("origin " + origin + (context.production() ? " in production" : ""), context,
				b -> b.allowedOrigins(origin), rule, "allowed-origins[0]", origin, suggestedValue);
	}

	/** An origin written otherwise than a browser sends it, with the corrected value. */
	private static Row neverMatches(ValidationContext context, String origin, String corrected) {
		return origin(context, origin, ViolationRule.ORIGIN_NEVER_MATCHES, corrected);
	}

	private static Row originPasses(ValidationContext context, String origin) {
		return pass("origin " + origin + (context.production() ? " in production" : " outside production"), context,
				b -> b.allowedOrigins(origin));
	}

	static Stream<Row> rows() {
		List<Row> rows = new ArrayList<>();
		structuralRows(rows);
		productionRows(rows);
		warningRows(rows);
		return rows.stream();
	}

	private static void structuralRows(List<Row> rows) {
		// '*' with credentials / private-network access, in every profile
		for (ValidationContext context : List.of(DEV, PROD)) {
			rows.add(error("'*' with allow-credentials", context, b -> b.allowedOrigins("*").allowCredentials(true),
					ViolationRule.WILDCARD_WITH_CREDENTIALS, "allowed-origins[0]", "*", null)
				.fix("allow-credentials=false"));
			rows.add(error("'*' with allow-private-network", context,
					b -> b.allowedOrigins("*").allowPrivateNetwork(true), ViolationRule.WILDCARD_WITH_PRIVATE_NETWORK,
					"allowed-origins[0]", "*", null)
				.fix("allow-private-network=false"));
			rows.add(pass("'*' without credentials", context, b -> b.allowedOrigins("*")));
		}
		rows.add(pass("explicit origins with credentials and private-network access", PROD,
				b -> b.allowCredentials(true).allowPrivateNetwork(true)));

		// origins that can never match
		rows.add(neverMatches(DEV, "https://app.example.com/", "https://app.example.com"));
		rows.add(neverMatches(DEV, "https://app.example.com/app", "https://app.example.com"));
		rows.add(neverMatches(DEV, "https://app.example.com?x=1", "https://app.example.com"));
		rows.add(neverMatches(DEV, "https://app.example.com#top", "https://app.example.com"));
		rows.add(neverMatches(DEV, "https://user@app.example.com", "https://app.example.com"));
		rows.add(neverMatches(DEV, "https://app.example.com:443", "https://app.example.com"));
		rows.add(neverMatches(DEV, "http://app.example.com:80", "http://app.example.com"));
		rows.add(neverMatches(DEV, "https://App.Example.com", "https://app.example.com"));
		rows.add(neverMatches(DEV, "HTTPS://app.example.com", "https://app.example.com"));
		rows.add(neverMatches(DEV, "https://bücher.example", "https://xn--bcher-kva.example"));
		rows.add(origin(DEV, "https://app.example.com:99999", ViolationRule.INVALID_ORIGIN, null)
			.fix("https://app.example.com"));
		rows.add(origin(DEV, "https://app.example.com:0", ViolationRule.INVALID_ORIGIN, null)
			.fix("https://app.example.com"));
		rows.add(origin(DEV, "https://app.example.com:abc", ViolationRule.INVALID_ORIGIN, null)
			.fix("https://app.example.com"));
		rows.add(neverMatches(DEV, "https://app.example.com:08443", "https://app.example.com:8443"));
		rows.add(neverMatches(DEV, "app.example.com", "https://app.example.com"));
		rows.add(neverMatches(DEV, " https://app.example.com", "https://app.example.com"));
		rows.add(origin(DEV, "", ViolationRule.INVALID_ORIGIN, null));
		rows.add(neverMatches(DEV, "NULL", "null"));
		rows.add(neverMatches(PROD, "https://app.example.com/", "https://app.example.com"));
		rows.add(originPasses(DEV, "https://app.example.com:8443"));
		rows.add(originPasses(PROD, "capacitor://localhost"));
		rows.add(originPasses(PROD, "chrome-extension://abcdefghijklmnopabcdefghijklmnop"));

		// origins a browser never sends, refused in every profile
		for (ValidationContext context : List.of(DEV, PROD)) {
			rows.add(origin(context, "wss://app.example.com", ViolationRule.WEBSOCKET_SCHEME, "https://app.example.com")
				.reason("WebSocket handshake"));
			rows.add(origin(context, "ws://localhost:8080", ViolationRule.WEBSOCKET_SCHEME, "http://localhost:8080")
				.reason("WebSocket handshake"));
			rows.add(neverMatches(context, "http://[0:0::1]:8080", "http://[::1]:8080").reason("shortest form"));
			rows.add(neverMatches(context, "http://[::ffff:127.0.0.1]", "http://[::ffff:7f00:1]")
				.reason("shortest form"));
		}

		// bad wildcards
		rows.add(origin(DEV, "https://*", ViolationRule.INVALID_WILDCARD, null).fix("https://*.example.com"));
		rows.add(neverMatches(DEV, "*.example.com", "https://*.example.com"));
		rows.add(origin(DEV, "https://a.*.com", ViolationRule.INVALID_WILDCARD, null).fix("https://*.example.com"));
		rows.add(neverMatches(DEV, "https://*.example.com/", "https://*.example.com"));
		rows.add(originPasses(PROD, "https://*.example.com"));
		rows.add(originPasses(PROD, "https://app.example.com:*"));
		rows.add(originPasses(PROD, "https://*.example.com:*"));

		// methods
		rows.add(error("method with a space", DEV, b -> b.allowedMethods("GE T"), ViolationRule.INVALID_METHOD,
				"allowed-methods[0]", "GE T", null));
		rows.add(error("comma list in one method", DEV, b -> b.allowedMethods("GET", "PUT,POST"),
				ViolationRule.INVALID_METHOD, "allowed-methods[1]", "PUT,POST", null));
		for (String method : List.of("CONNECT", "TRACE", "TRACK")) {
			rows.add(error(method + " method", DEV, b -> b.allowedMethods("GET", method),
					ViolationRule.FORBIDDEN_METHOD, "allowed-methods[1]", method, null)
				.fix("Remove " + method));
		}
		rows.add(error("lower-case standard method", DEV, b -> b.allowedMethods("get"), ViolationRule.METHOD_CASE,
				"allowed-methods[0]", "get", "GET"));
		rows.add(error("no methods", DEV, b -> b.allowedMethods(List.of()), ViolationRule.NO_METHOD, "allowed-methods",
				"", null)
			.fix("GET, HEAD, POST"));
		rows.add(pass("standard, extension and '*' methods", PROD, b -> b.allowedMethods("PATCH", "PROPFIND", "*")));

		// header names
		rows.add(error("allowed header with a space", DEV, b -> b.allowedHeaders("Content Type"),
				ViolationRule.INVALID_HEADER, "allowed-headers[0]", "Content Type", null));
		rows.add(error("exposed header with a colon", DEV, b -> b.exposedHeaders("X-Request-Id:"),
				ViolationRule.INVALID_HEADER, "exposed-headers[0]", "X-Request-Id:", null));
		rows.add(pass("valid header names", PROD,
				b -> b.allowedHeaders("Content-Type", "Authorization", "X-Trace").exposedHeaders("X-Request-Id")));
		rows.add(pass("'*' headers without credentials", PROD, b -> b.allowedHeaders("*").exposedHeaders("*")));

		// path patterns and origins present
		rows.add(error("no path pattern", DEV, b -> b.pathPatterns(List.of()), ViolationRule.NO_PATH_PATTERN,
				"path-patterns", "", null));
		rows.add(error("no origin", DEV, b -> b.allowedOrigins(List.of()), ViolationRule.NO_ORIGIN, "allowed-origins",
				"", null));
		rows.add(error("unterminated capture", DEV, b -> b.pathPatterns("/api/{id"), ViolationRule.INVALID_PATH_PATTERN,
				"path-patterns[0]", "/api/{id", null));
		rows.add(error("path pattern without leading slash", DEV, b -> b.pathPatterns("api/**"),
				ViolationRule.INVALID_PATH_PATTERN, "path-patterns[0]", "api/**", null));
		rows.add(pass("capture and catch-all patterns", PROD, b -> b.pathPatterns("/files/{name}", "/docs/{*path}")));
		rows.add(new Row("same pattern in two policies", DEV, List.of(api().build(),
				CorsPolicy.builder("other").pathPatterns("/api/**").allowedOrigins("https://b.example.com").build()),
				Severity.ERROR, ViolationRule.DUPLICATE_PATH_PATTERN, "cors.policies.other.path-patterns[0]", "/api/**",
				null, null, "policy 'api'"));
		rows.add(new Row("/api/** beside /api/public/**", PROD,
				List.of(api().build(),
						CorsPolicy.builder("public").pathPatterns("/api/public/**").allowedOrigins("*").build()),
				null, null, null, null, null, null, null));

		// max-age
		rows.add(error("negative max-age", DEV, b -> b.maxAge(Duration.ofSeconds(-1)), ViolationRule.NEGATIVE_MAX_AGE,
				"max-age", "PT-1S", null));
		rows.add(pass("max-age 0", PROD, b -> b.maxAge(Duration.ZERO)));
	}

	private static void productionRows(List<Row> rows) {
		// built-in dev origins: ERROR in production, nothing outside it
		List<String> devOrigins = List.of("http://localhost:3000", "https://localhost", "http://localhost:*",
				"http://app.localhost:5173", "http://*.localhost:*", "http://127.0.0.1:8080", "http://127.10.20.30",
				"http://[::1]:3000", "http://[::]", "http://0.0.0.0:8080", "http://10.0.0.12", "http://172.16.0.5:8080",
				"http://172.31.255.255", "http://192.168.1.10:8080", "http://169.254.10.1",
				"http://[fd12:3456::1]:8080", "http://[fe80::1]", "http://printer.local", "https://*.local",
				"http://host.docker.internal:8080",
				// IPv4-mapped IPv6 forms, carrier-grade NAT, reserved private names,
				// wildcard-DNS services
				"http://[::ffff:7f00:1]:8080", "http://[::ffff:a00:1]", "http://[::ffff:c0a8:101]",
				"http://[::ffff:a9fe:1]", "http://100.64.0.1", "http://100.127.255.254:3000", "https://app.internal",
				"https://*.internal", "http://router.home.arpa", "https://127.0.0.1.nip.io",
				"https://app.10.0.0.1.sslip.io", "http://localtest.me:3000", "http://app.lvh.me:8080",
				// localhost.localdomain, NAT64 / 6to4 / IPv4-compatible forms of loopback
				// and private addresses,
				// tunnel services that are not on the Public Suffix List
				"http://localhost.localdomain:8080", "http://[64:ff9b::7f00:1]", "http://[64:ff9b::a00:1]:3000",
				"http://[64:ff9b:1::c0a8:101]", "http://[2002:7f00:1::]", "http://[2002:c0a8:101::1]:8080",
				"http://[2002:a00:1::]", "http://[::7f00:1]", "http://[::a00:1]:8080", "http://[::c0a8:101]",
				"https://my-app.loca.lt", "https://abc-8080.usw2.devtunnels.ms", "https://my-app.glitch.me",
				"https://abc123.lhr.life", "https://app.localtunnel.me", "https://x.serveo.net",
				"https://abc-3000.app.github.dev");
		for (String dev : devOrigins) {
			rows.add(origin(PROD, dev, ViolationRule.DEV_ORIGIN_IN_PRODUCTION, null).fix("Remove " + dev)
				.reason("'" + dev + "' is "));
			rows.add(originPasses(DEV, dev));
		}
		rows.add(error("dev origin on a credentialed policy is reported once, as a dev origin", PROD,
				b -> b.allowedOrigins("http://localhost:3000").allowCredentials(true),
				ViolationRule.DEV_ORIGIN_IN_PRODUCTION, "allowed-origins[0]", "http://localhost:3000", null));
		for (String notDev : List.of("http://172.32.0.1", "http://172.15.0.1", "http://11.0.0.1", "http://192.169.0.1",
				"https://localhost.example.com", "https://local.example.com", "https://docker.internal.example.com",
				"http://[2001:db8::1]", "capacitor://localhost", "ionic://localhost", "http://100.63.255.255",
				"http://100.128.0.1", "http://[::ffff:808:808]", "https://internal.example.com",
				"https://nip.io.example.com", "https://home.arpa.example.com", "https://mynip.io",
				"https://app.example.internal-tools.com", "http://[64:ff9b::808:808]", "http://[2002:808:808::]",
				"http://[::808:808]", "https://localdomain.example.com", "https://loca.lt.example.com",
				"https://myglitch.me")) {
			rows.add(originPasses(PROD, notDev));
		}

		// cors.dev-origins
		ValidationContext custom = new ValidationContext(true,
				List.of("https://staging.example.com", "https://*.dev.example.com", "https://qa.example.com:*"));
		for (String[] flagged : new String[][] { { "https://staging.example.com", "[0]" },
				{ "https://feature.dev.example.com", "[1]" }, { "https://*.pr.dev.example.com", "[1]" },
				{ "https://*.dev.example.com", "[1]" }, { "https://qa.example.com:8443", "[2]" },
				{ "https://qa.example.com:*", "[2]" } }) {
			rows.add(
					origin(custom, flagged[0], ViolationRule.DEV_ORIGIN_IN_PRODUCTION, null).fix("Remove " + flagged[0])
						.reason("cors.dev-origins" + flagged[1]));
		}
		for (String allowed : List.of("https://app.example.com", "https://*.example.com",
				"https://staging.example.com:8443", "https://dev.example.com", "http://qa.example.com:8080")) {
			rows.add(originPasses(custom, allowed));
		}
		rows.add(originPasses(new ValidationContext(false, custom.devOrigins()), "https://staging.example.com"));
		rows.add(new Row("invalid cors.dev-origins entry", DEV, List.of(api().build()), Severity.ERROR,
				ViolationRule.INVALID_DEV_ORIGIN, "cors.dev-origins[1]", "localhost:3000", "https://localhost:3000",
				null, null)
			.withContext(new ValidationContext(false, List.of("http://localhost:4200", "localhost:3000"))));
		rows.add(new Row("'*' in cors.dev-origins", PROD, List.of(api().build()), Severity.ERROR,
				ViolationRule.WILDCARD_DEV_ORIGIN, "cors.dev-origins[0]", "*", null, "http://localhost:*", null)
			.withContext(new ValidationContext(true, List.of("*"))));

		// null: an error with credentials in every profile, otherwise an error in
		// production and a warning elsewhere
		rows.add(origin(PROD, "null", ViolationRule.NULL_ORIGIN, null).fix("Remove 'null'"));
		rows.add(warn("origin null outside production", DEV, b -> b.allowedOrigins("null"), ViolationRule.NULL_ORIGIN,
				"allowed-origins[0]", "null", null)
			.fix("Remove 'null'")
			.reason("allows everyone"));
		for (ValidationContext context : List.of(DEV, PROD)) {
			rows.add(error("null with credentials" + (context.production() ? " in production" : " outside production"),
					context, b -> b.allowedOrigins("null").allowCredentials(true), ViolationRule.NULL_WITH_CREDENTIALS,
					"allowed-origins[0]", "null", null)
				.fix("Remove 'null'")
				.reason("with the visitor's credentials"));
		}

		// http:// with credentials
		for (String[] http : new String[][] { { "http://app.example.com", "https://app.example.com" },
				{ "http://app.example.com:8080", "https://app.example.com:8080" },
				{ "http://app.example.com:443", "https://app.example.com" },
				{ "http://*.example.com", "https://*.example.com" },
				{ "http://app.example.com:*", "https://app.example.com:*" } }) {
			rows.add(error("http origin " + http[0] + " with credentials in production", PROD,
					b -> b.allowedOrigins(http[0]).allowCredentials(true), ViolationRule.HTTP_WITH_CREDENTIALS,
					"allowed-origins[0]", http[0], http[1]));
			rows.add(warn("http origin " + http[0] + " with credentials outside production", DEV,
					b -> b.allowedOrigins(http[0]).allowCredentials(true), ViolationRule.HTTP_WITH_CREDENTIALS,
					"allowed-origins[0]", http[0], http[1]));
		}
		rows.add(pass("http origin without credentials in production", PROD,
				b -> b.allowedOrigins("http://app.example.com")));
		rows.add(pass("https origins with credentials in production", PROD,
				b -> b.allowedOrigins("https://app.example.com", "https://*.example.com").allowCredentials(true)));

		// wildcards over a public suffix (Public Suffix List, ICANN and PRIVATE)
		for (String[] psl : new String[][] { { "https://*.com", "https://*.your-site.com" },
				{ "https://*.co.uk", "https://*.your-site.co.uk" },
				{ "https://*.github.io", "https://*.your-site.github.io" },
				{ "https://*.vercel.app", "https://*.your-site.vercel.app" },
				{ "https://*.com:*", "https://*.your-site.com:*" },
				{ "https://*.com:8443", "https://*.your-site.com:8443" },
				{ "https://*.foo.ck", "https://*.your-site.foo.ck" },
				{ "https://*.xn--55qx5d.cn", "https://*.your-site.xn--55qx5d.cn" } }) {
			rows.add(publicSuffix(PROD, psl[0], psl[1]).reason("is a public suffix"));
			rows.add(publicSuffix(DEV, psl[0], psl[1]).reason("is a public suffix"));
		}
		rows.add(publicSuffix(PROD, "https://*.ck", "List the exact origins").reason("every name matching *.ck"));
		rows.add(publicSuffix(DEV, "https://*.ck", "List the exact origins").reason("every name matching *.ck"));
		rows.add(publicSuffix(DEV, "https://*.amazonaws.com", "List the exact origins")
			.reason("the public suffix s3.amazonaws.com lies below 'amazonaws.com'"));
		rows.add(publicSuffix(PROD, "https://*.kawasaki.jp", "List the exact origins")
			.reason("every name matching *.kawasaki.jp"));
		rows.add(publicSuffix(PROD, "https://*.amazonaws.com", "List the exact origins")
			.reason("the public suffix s3.amazonaws.com lies below 'amazonaws.com'"));
		// cors.dev-origins entries are checked against the Public Suffix List too, in
		// every profile
		for (ValidationContext context : List.of(DEV, PROD)) {
			String where = context.production() ? " in production" : "";
			rows.add(new Row("public-suffix wildcard in cors.dev-origins" + where, context, List.of(api().build()),
					Severity.ERROR, ViolationRule.PUBLIC_SUFFIX_WILDCARD, "cors.dev-origins[1]", "https://*.com", null,
					"https://*.your-site.com", "is a public suffix")
				.withContext(new ValidationContext(context.production(),
						List.of("http://localhost:4200", "https://*.com"))));
			rows.add(new Row("public-suffix wildcard (private section) in cors.dev-origins" + where, context,
					List.of(api().build()), Severity.ERROR, ViolationRule.PUBLIC_SUFFIX_WILDCARD, "cors.dev-origins[0]",
					"https://*.github.io", null, "List the exact origins", "is a public suffix")
				.withContext(new ValidationContext(context.production(), List.of("https://*.github.io"))));
		}

		// a wildcard over a wildcard-DNS or tunnel service: anyone can get a name and a
		// certificate there
		for (String shared : List.of("https://*.nip.io", "https://*.sslip.io", "https://*.traefik.me",
				"https://*.localtest.me", "https://*.lvh.me", "https://*.203-0-113-7.nip.io", "http://*.nip.io:*",
				"https://*.loca.lt", "https://*.devtunnels.ms", "https://*.usw2.devtunnels.ms", "https://*.glitch.me",
				"https://*.lhr.life", "https://*.app.github.dev")) {
			rows.add(error("wildcard over a shared service " + shared + " with credentials", DEV,
					b -> b.allowedOrigins(shared).allowCredentials(true), ViolationRule.SHARED_SERVICE_WILDCARD,
					"allowed-origins[0]", shared, null)
				.fix("allow-credentials=false")
				.reason("anyone can"));
			rows.add(warn("wildcard over a shared service " + shared + " without credentials", DEV,
					b -> b.allowedOrigins(shared), ViolationRule.SHARED_SERVICE_WILDCARD, "allowed-origins[0]", shared,
					null)
				.reason("anyone can"));
		}
		// home.arpa is on the Public Suffix List: a wildcard over it is refused before
		// dev classification
		rows.add(
				publicSuffix(DEV, "https://*.home.arpa", "https://*.your-site.home.arpa").reason("is a public suffix"));
		// tunnel services on the Public Suffix List are public suffixes already
		for (String psl : List.of("https://*.ngrok.io", "https://*.ngrok-free.app", "https://*.trycloudflare.com")) {
			rows.add(publicSuffix(DEV, psl, "List the exact origins").reason("is a public suffix"));
		}

		// invalid punycode: a browser refuses such a host, so the origin never matches,
		// in every profile
		for (ValidationContext context : List.of(DEV, PROD)) {
			for (String punycode : List.of("https://xn--zz.example.com", "https://app.xn--abc-.example.com",
					"https://*.xn--zz.example.com", "https://xn--.example.com", "https://app.example.xn--a")) {
				rows.add(origin(context, punycode, ViolationRule.ORIGIN_NEVER_MATCHES, null).reason("punycode"));
			}
			rows.add(originPasses(context, "https://xn--bcher-kva.example"));
			rows.add(originPasses(context, "https://*.xn--mnchen-3ya.example.com"));
		}
		rows.add(new Row("invalid punycode in cors.dev-origins", PROD, List.of(api().build()), Severity.ERROR,
				ViolationRule.INVALID_DEV_ORIGIN, "cors.dev-origins[0]", "https://xn--zz.example.com", null, null,
				"punycode")
			.withContext(new ValidationContext(true, List.of("https://xn--zz.example.com"))));

		for (String ok : List.of("https://*.example.com", "https://*.myapp.github.io", "https://*.example.co.uk",
				"https://*.www.ck", "https://*.city.kawasaki.jp", "https://*.corp", "https://github.io",
				"https://app.example.com:*")) {
			rows.add(originPasses(PROD, ok));
		}
	}

	private static void warningRows(List<Row> rows) {
		for (ValidationContext context : List.of(DEV, PROD)) {
			String where = context.production() ? " in production" : "";
			// max-age caps
			rows.add(warn("max-age 3h" + where, context, b -> b.maxAge(Duration.ofHours(3)),
					ViolationRule.MAX_AGE_ABOVE_CAP, "max-age", "PT3H", "2h")
				.reason("Chromium-based browsers cap the preflight cache at 2 hours (7200 s), WebKit (Safari) at "
						+ "10 minutes (600 s)"));
			rows.add(warn("max-age 25h" + where, context, b -> b.maxAge(Duration.ofHours(25)),
					ViolationRule.MAX_AGE_ABOVE_CAP, "max-age", "PT25H", "2h")
				.reason("Firefox caps the preflight cache at 24 hours (86400 s), Chromium-based browsers at 2 hours "
						+ "(7200 s) and WebKit (Safari) at 10 minutes (600 s)"));
			rows.add(pass("max-age 2h" + where, context, b -> b.maxAge(Duration.ofHours(2))));

			// report-only: never enforced, so said on every start and reload
			rows.add(warn("report-only" + where, context,
					b -> b.mode(dev.corsstarter.core.policy.PolicyMode.REPORT_ONLY), ViolationRule.REPORT_ONLY_POLICY,
					"mode", "report-only", "enforce")
				.reason("no enforced policy matches its paths"));
			rows.add(reportOnly("under an enforced catch-all" + where, context, List.of("/api/account/**"),
					"the enforced policy 'api' (/api/**) keeps deciding on its paths"));
			rows.add(reportOnly("literal under a catch-all" + where, context, List.of("/api/account/me"),
					"the enforced policy 'api' (/api/**) keeps deciding on its paths"));
			rows.add(reportOnly("one pattern covered, one not" + where, context,
					List.of("/api/account/**", "/public/**"),
					"/api/account/**: the enforced policy 'api' (/api/**) keeps deciding; /public/**: no enforced policy"));
			rows.add(new Row("report-only beside an unrelated enforced policy" + where, context,
					List.of(api().build(),
							CorsPolicy.builder("acct")
								.pathPatterns("/other/{id}")
								.allowedOrigins("https://partner.example.org")
								.mode(dev.corsstarter.core.policy.PolicyMode.REPORT_ONLY)
								.build()),
					Severity.WARN, ViolationRule.REPORT_ONLY_POLICY, "cors.policies.acct.mode", "report-only",
					"enforce", null, "no enforced policy matches its paths"));
			rows.add(pass("enforce" + where, context, b -> b.mode(dev.corsstarter.core.policy.PolicyMode.ENFORCE)));

			// '*' with credentials
			rows.add(warn("'*' method with credentials" + where, context,
					b -> b.allowedMethods("GET", "*").allowCredentials(true),
					ViolationRule.WILDCARD_METHOD_WITH_CREDENTIALS, "allowed-methods[1]", "*", null)
				.fix("allowed-methods=GET,POST"));
			rows.add(warn("'*' allowed header with credentials" + where, context,
					b -> b.allowedHeaders("Content-Type", "*").allowCredentials(true),
					ViolationRule.WILDCARD_HEADER_WITH_CREDENTIALS, "allowed-headers[1]", "*", null)
				.fix("allowed-headers=Content-Type,Authorization"));
			rows.add(warn("'*' exposed header with credentials" + where, context,
					b -> b.exposedHeaders("*").allowCredentials(true),
					ViolationRule.WILDCARD_EXPOSED_HEADER_WITH_CREDENTIALS, "exposed-headers[0]", "*", null)
				.fix("exposed-headers=X-Request-Id"));
			rows.add(pass("listed methods and headers with credentials" + where, context,
					b -> b.allowedMethods("GET", "PUT")
						.allowedHeaders("Content-Type")
						.exposedHeaders("X-Request-Id")
						.allowCredentials(true)));
		}

		// forbidden header names
		for (String forbidden : List.of("Host", "content-length", "Origin", "Access-Control-Request-Method", "Referer",
				"Set-Cookie", "Sec-Fetch-Mode", "sec-ch-ua", "Proxy-Authorization", "DNT")) {
			rows.add(
					warn("forbidden request header " + forbidden, DEV, b -> b.allowedHeaders("Content-Type", forbidden),
							ViolationRule.FORBIDDEN_REQUEST_HEADER, "allowed-headers[1]", forbidden, null)
						.fix("Remove " + forbidden)
						.reason("forbidden request-header name"));
		}
		rows.add(warn("forbidden request header Cookie", PROD, b -> b.allowedHeaders("Cookie"),
				ViolationRule.FORBIDDEN_REQUEST_HEADER, "allowed-headers[0]", "Cookie", null)
			.fix("set cors.policies.api.allow-credentials=true"));
		rows.add(warn("forbidden request header Cookie with credentials", PROD,
				b -> b.allowedHeaders("Cookie").allowCredentials(true), ViolationRule.FORBIDDEN_REQUEST_HEADER,
				"allowed-headers[0]", "Cookie", null)
			.fix("already sent"));
		rows.add(pass("ordinary request headers", PROD, b -> b.allowedHeaders("Authorization", "Content-Type",
				"X-Sec-Token", "Secret-Id", "Proxyish", "X-Proxy-Id", "Accept", "Accept-Language")));
		rows.add(warn("forbidden response header Set-Cookie exposed", DEV,
				b -> b.exposedHeaders("X-Request-Id", "Set-Cookie"), ViolationRule.FORBIDDEN_RESPONSE_HEADER,
				"exposed-headers[1]", "Set-Cookie", null)
			.fix("Remove Set-Cookie")
			.reason("forbidden response-header name"));

		// policies shadowed entirely by another policy
		rows.add(shadowed("literal behind a single-character wildcard", List.of("/api/a?c"), List.of("/api/abc"),
				"/api/abc by /api/a?c of policy 'a'"));
		rows.add(shadowed("same capture pattern under another name", List.of("/api/{id}"), List.of("/api/{name}"),
				"/api/{name} by /api/{id} of policy 'a'"));
		rows.add(shadowed("same regex capture under another name", List.of("/files/{id:\\d{3}}"),
				List.of("/files/{n:\\d{3}}"), "by /files/{id:\\d{3}} of policy 'a'"));
		rows.add(shadowed("every pattern shadowed", List.of("/api/a?c", "/users/{id}"),
				List.of("/api/abc", "/users/{user}"), "/users/{user} by /users/{id} of policy 'a'"));
		rows.add(notShadowed("/api/** beside /api/public/**", List.of("/api/**"), List.of("/api/public/**")));
		rows.add(notShadowed("/api/public/** beside /api/**", List.of("/api/public/**"), List.of("/api/**")));
		rows.add(notShadowed("/api/* beside /api/{id} (/api/ still reaches /api/*)", List.of("/api/{id}"),
				List.of("/api/*")));
		rows.add(notShadowed("a literal beside a catch-all", List.of("/api/**"), List.of("/api/public")));
		rows.add(notShadowed("only some patterns shadowed", List.of("/api/a?c"), List.of("/api/abc", "/other/**")));
		rows.add(notShadowed("different regex captures", List.of("/files/{id:\\d+}"), List.of("/files/{n:[a-z]+}")));
	}

	/**
	 * A report-only policy 'acct' beside the enforced 'api' on /api/**; the warning names
	 * who decides.
	 */
	private static Row reportOnly(String name, ValidationContext context, List<String> patterns, String reason) {
		return new Row("report-only " + name, context,
				List.of(api().build(),
						CorsPolicy.builder("acct")
							.pathPatterns(patterns)
							.allowedOrigins("https://partner.example.org")
							.mode(dev.corsstarter.core.policy.PolicyMode.REPORT_ONLY)
							.build()),
				Severity.WARN, ViolationRule.REPORT_ONLY_POLICY, "cors.policies.acct.mode", "report-only", "enforce",
				null, reason);
	}

	private static Row publicSuffix(ValidationContext context, String origin, String fixContains) {
		return origin(context, origin, ViolationRule.PUBLIC_SUFFIX_WILDCARD, null).fix(fixContains);
	}

	private static Row shadowed(String name, List<String> a, List<String> b, String reason) {
		return new Row("shadowed policy: " + name, DEV, twoPolicies(a, b), Severity.WARN, ViolationRule.SHADOWED_POLICY,
				"cors.policies.b.path-patterns", String.join(", ", b), null, "Remove policy 'b'", reason);
	}

	private static Row notShadowed(String name, List<String> a, List<String> b) {
		return new Row("not shadowed: " + name, PROD, twoPolicies(a, b), null, null, null, null, null, null, null);
	}

	private static List<CorsPolicy> twoPolicies(List<String> a, List<String> b) {
		return List.of(CorsPolicy.builder("a").pathPatterns(a).allowedOrigins("https://a.example.com").build(),
				CorsPolicy.builder("b").pathPatterns(b).allowedOrigins("https://b.example.com").build());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rows")
	void rule(Row row) {
		List<Violation> violations = violations(row.policies(), row.context());
		if (row.passes()) {
			assertThat(violations).isEmpty();
			return;
		}
		assertThat(violations).hasSize(1);
		Violation violation = violations.get(0);
		assertThat(violation.rule()).isEqualTo(row.rule());
		assertThat(violation.severity()).isEqualTo(row.severity());
		assertThat(violation.property()).isEqualTo(row.property());
		assertThat(violation.value()).isEqualTo(row.value());
		assertThat(violation.suggestedValue()).isEqualTo(row.suggestedValue());
		assertThat(violation.reason()).isNotBlank();
		assertThat(violation.action()).isNotBlank();
		assertThat(violation.reason() + violation.action()).as("every placeholder filled")
			.doesNotContainPattern(UNFILLED);
		if (row.suggestedValue() != null) {
			assertThat(violation.action()).as("the action names the suggested value").contains(row.suggestedValue());
		}
		if (row.fixContains() != null) {
			assertThat(violation.action()).contains(row.fixContains());
		}
		if (row.reasonContains() != null) {
			assertThat(violation.reason()).contains(row.reasonContains());
		}
	}

	@Test
	void everyViolationIsReportedErrorsFirst() {
		CorsPolicy api = api()
			.allowedOrigins("https://app.example.com/", "http://localhost:3000", "null", "https://*.com",
					"http://app.example.com")
			.allowedMethods("GET", "CONNECT", "*")
			.allowedHeaders("Cookie", "*")
			.allowCredentials(true)
			.maxAge(Duration.ofDays(2))
			.build();
		CorsPolicy other = CorsPolicy.builder("other")
			.pathPatterns("/api/**", "/x/{id")
			.allowedOrigins("https://*.github.io")
			.build();
		List<Violation> violations = violations(List.of(api, other),
				new ValidationContext(true, List.of("bad dev origin")));

		assertThat(violations).extracting(Violation::severity, Violation::rule, Violation::property, Violation::value)
			.containsExactly(
					tuple(Severity.ERROR, ViolationRule.INVALID_DEV_ORIGIN, "cors.dev-origins[0]", "bad dev origin"),
					tuple(Severity.ERROR, ViolationRule.ORIGIN_NEVER_MATCHES, API + "allowed-origins[0]",
							"https://app.example.com/"),
					tuple(Severity.ERROR, ViolationRule.FORBIDDEN_METHOD, API + "allowed-methods[1]", "CONNECT"),
					tuple(Severity.ERROR, ViolationRule.DEV_ORIGIN_IN_PRODUCTION, API + "allowed-origins[1]",
							"http://localhost:3000"),
					tuple(Severity.ERROR, ViolationRule.NULL_WITH_CREDENTIALS, API + "allowed-origins[2]", "null"),
					tuple(Severity.ERROR, ViolationRule.PUBLIC_SUFFIX_WILDCARD, API + "allowed-origins[3]",
							"https://*.com"),
					tuple(Severity.ERROR, ViolationRule.HTTP_WITH_CREDENTIALS, API + "allowed-origins[4]",
							"http://app.example.com"),
					tuple(Severity.ERROR, ViolationRule.DUPLICATE_PATH_PATTERN, "cors.policies.other.path-patterns[0]",
							"/api/**"),
					tuple(Severity.ERROR, ViolationRule.INVALID_PATH_PATTERN, "cors.policies.other.path-patterns[1]",
							"/x/{id"),
					tuple(Severity.ERROR, ViolationRule.PUBLIC_SUFFIX_WILDCARD,
							"cors.policies.other.allowed-origins[0]", "https://*.github.io"),
					tuple(Severity.WARN, ViolationRule.MAX_AGE_ABOVE_CAP, API + "max-age", "PT48H"),
					tuple(Severity.WARN, ViolationRule.WILDCARD_METHOD_WITH_CREDENTIALS, API + "allowed-methods[2]",
							"*"),
					tuple(Severity.WARN, ViolationRule.WILDCARD_HEADER_WITH_CREDENTIALS, API + "allowed-headers[1]",
							"*"),
					tuple(Severity.WARN, ViolationRule.FORBIDDEN_REQUEST_HEADER, API + "allowed-headers[0]", "Cookie"));
		assertThat(violations).allSatisfy(v -> {
			assertThat(v.reason()).isNotBlank();
			assertThat(v.action()).isNotBlank();
			assertThat(v.reason() + v.action()).doesNotContainPattern(UNFILLED);
		});
	}

	@Test
	void aWildcardOverASharedServiceIsNeverASilentDevOrigin() {
		CorsPolicy credentialed = api().allowedOrigins("https://*.nip.io").allowCredentials(true).build();
		CorsPolicy anonymous = api().allowedOrigins("https://*.loca.lt").build();

		assertThat(violations(List.of(credentialed), PROD)).extracting(Violation::severity, Violation::rule)
			.containsExactly(tuple(Severity.ERROR, ViolationRule.SHARED_SERVICE_WILDCARD),
					tuple(Severity.ERROR, ViolationRule.DEV_ORIGIN_IN_PRODUCTION));
		assertThat(violations(List.of(anonymous), PROD)).extracting(Violation::severity, Violation::rule)
			.containsExactly(tuple(Severity.ERROR, ViolationRule.DEV_ORIGIN_IN_PRODUCTION),
					tuple(Severity.WARN, ViolationRule.SHARED_SERVICE_WILDCARD));
		// listed as a dev origin, it stays a wildcard anyone can get a name under
		assertThat(violations(List.of(credentialed), new ValidationContext(false, List.of("https://*.nip.io"))))
			.extracting(Violation::severity, Violation::rule)
			.containsExactly(tuple(Severity.ERROR, ViolationRule.SHARED_SERVICE_WILDCARD));
	}

	@Test
	void aPublicSuffixDevOriginEntryNeverSilencesThePublicSuffixRule() {
		CorsPolicy policy = api().allowedOrigins("https://*.com").build();

		assertThat(violations(List.of(policy), new ValidationContext(false, List.of("https://*.com"))))
			.extracting(Violation::severity, Violation::rule, Violation::property)
			.containsExactly(tuple(Severity.ERROR, ViolationRule.PUBLIC_SUFFIX_WILDCARD, "cors.dev-origins[0]"),
					tuple(Severity.ERROR, ViolationRule.PUBLIC_SUFFIX_WILDCARD, API + "allowed-origins[0]"));
		assertThat(violations(List.of(policy), new ValidationContext(true, List.of("https://*.com"))))
			.extracting(Violation::severity, Violation::rule, Violation::property)
			.containsExactly(tuple(Severity.ERROR, ViolationRule.PUBLIC_SUFFIX_WILDCARD, "cors.dev-origins[0]"),
					tuple(Severity.ERROR, ViolationRule.PUBLIC_SUFFIX_WILDCARD, API + "allowed-origins[0]"));
	}

	@Test
	void aCleanProductionConfigurationHasNoViolations() {
		CorsPolicy api = CorsPolicy.builder("api")
			.pathPatterns("/api/**", "/graphql")
			.allowedOrigins("https://app.example.com", "https://*.preview.example.com",
					"https://admin.example.com:8443", "https://*.myapp.github.io", "capacitor://localhost")
			.allowedMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
			.allowedHeaders("Content-Type", "Authorization", "X-Requested-With")
			.exposedHeaders("X-Request-Id", "Location")
			.allowCredentials(true)
			.maxAge(Duration.ofHours(2))
			.build();
		CorsPolicy publicApi = CorsPolicy.builder("public")
			.pathPatterns("/api/public/**", "/files/{name}")
			.allowedOrigins("*")
			.allowedHeaders("*")
			.exposedHeaders("*")
			.build();
		CorsPolicy device = CorsPolicy.builder("device")
			.pathPatterns("/device/**")
			.allowedOrigins("https://portal.example.com")
			.allowPrivateNetwork(true)
			.maxAge(Duration.ZERO)
			.build();
		ValidationContext production = new ValidationContext(true,
				List.of("http://localhost:*", "https://*.dev.example.com"));

		assertThat(violations(List.of(api, publicApi, device), production)).isEmpty();
	}

	@Test
	void productionTurnsWarningsIntoErrorsAndAddsDevOrigins() {
		CorsPolicy policy = api()
			.allowedOrigins("http://localhost:3000", "null", "https://*.vercel.app", "http://app.example.com",
					"https://staging.example.com")
			.allowCredentials(true)
			.build();
		List<String> devOrigins = List.of("https://staging.example.com");

		assertThat(violations(List.of(policy), new ValidationContext(false, devOrigins)))
			.extracting(Violation::severity, Violation::property)
			.containsExactly(tuple(Severity.ERROR, API + "allowed-origins[1]"),
					tuple(Severity.ERROR, API + "allowed-origins[2]"),
					tuple(Severity.WARN, API + "allowed-origins[3]"));
		assertThat(violations(List.of(policy), new ValidationContext(true, devOrigins)))
			.extracting(Violation::severity, Violation::property)
			.containsExactly(tuple(Severity.ERROR, API + "allowed-origins[0]"),
					tuple(Severity.ERROR, API + "allowed-origins[1]"),
					tuple(Severity.ERROR, API + "allowed-origins[2]"),
					tuple(Severity.ERROR, API + "allowed-origins[3]"),
					tuple(Severity.ERROR, API + "allowed-origins[4]"));
	}

	/**
	 * Every violation a compile reports, errors first, whether it refuses the policies or
	 * not.
	 */
	static List<Violation> violations(List<CorsPolicy> policies, ValidationContext context) {
		try {
			return CorsEngine.compile(policies, context).warnings();
		}
		catch (InvalidCorsConfigurationException ex) {
			return ex.getViolations();
		}
	}

}
