package dev.corsstarter.core.internal.validation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import dev.corsstarter.core.validation.Severity;
import dev.corsstarter.core.validation.Violation;
import dev.corsstarter.core.validation.ViolationRule;

/** Reason and fix of every violation; {@code {name}} placeholders are filled once. */
enum Message {

	NO_PATH_PATTERN(ViolationRule.NO_PATH_PATTERN, "A policy without path patterns never applies.",
			"Add at least one Spring PathPattern, e.g. {prefix}.path-patterns=/api/**"),

	PATH_PATTERN_WITHOUT_SLASH(ViolationRule.INVALID_PATH_PATTERN, "A path pattern must start with '/'.",
			"Write a pattern such as /api/**"),

	PATH_PATTERN_SYNTAX(ViolationRule.INVALID_PATH_PATTERN, "Invalid path pattern: {error}",
			"Use Spring PathPattern syntax, e.g. /api/** or /files/{name}"),

	DUPLICATE_PATH_PATTERN(ViolationRule.DUPLICATE_PATH_PATTERN,
			"The same pattern is already used by policy '{owner}', so which policy applies would be ambiguous.",
			"Keep the pattern in one policy only."),

	NO_ORIGIN(ViolationRule.NO_ORIGIN, "A policy without allowed origins rejects every cross-origin request.",
			"Add at least one origin, e.g. {prefix}.allowed-origins=https://app.example.com"),

	NO_METHOD(ViolationRule.NO_METHOD, "A policy without methods rejects every cross-origin request.",
			"Remove the key to use the default GET, HEAD, POST, or list the methods."),

	INVALID_METHOD(ViolationRule.INVALID_METHOD, "'{value}' is not a valid HTTP method token.",
			"Use a method name such as GET, POST, PUT, PATCH or DELETE."),

	FORBIDDEN_METHOD(ViolationRule.FORBIDDEN_METHOD,
			"{value} is forbidden by the Fetch standard and exposes the server to cross-site tracing or tunnelling.",
			"Remove {value} from the list."),

	METHOD_CASE(ViolationRule.METHOD_CASE,
			"Methods compare case-sensitively and browsers send "
					+ "standard methods in upper case, so '{value}' never matches.",
			"Write it in upper case: {suggested}"),

	INVALID_HEADER(ViolationRule.INVALID_HEADER, "'{value}' is not a valid header name (RFC 9110 token).",
			"Use a header name such as Content-Type or X-Request-Id."),

	NEGATIVE_MAX_AGE(ViolationRule.NEGATIVE_MAX_AGE, "A negative max-age is not a duration browsers understand.",
			"Use 0 to disable preflight caching, or a positive duration such as 5m."),

	WILDCARD_WITH_CREDENTIALS(ViolationRule.WILDCARD_WITH_CREDENTIALS,
			"'*' together with allow-credentials=true would let every web site read responses with the user's "
					+ "cookies; browsers refuse it, and reflecting the origin instead is a known vulnerability.",
			"List the trusted origins explicitly (e.g. https://app.example.com "
					+ "or https://*.example.com), or set {prefix}.allow-credentials=false."),

	WILDCARD_WITH_PRIVATE_NETWORK(ViolationRule.WILDCARD_WITH_PRIVATE_NETWORK,
			"'*' together with allow-private-network=true lets any "
					+ "public web site reach this private-network service.",
			"List the trusted origins explicitly, or set {prefix}.allow-private-network=false."),

	NULL_WITH_CREDENTIALS(ViolationRule.NULL_WITH_CREDENTIALS,
			Text.NULL + "so with allow-credentials=true every site could read "
					+ "this API's responses with the visitor's credentials.",
			Text.REMOVE_NULL),

	NULL_ORIGIN(ViolationRule.NULL_ORIGIN, Text.NULL + "so allowing it allows everyone.", Text.REMOVE_NULL),

	PUBLIC_SUFFIX(ViolationRule.PUBLIC_SUFFIX_WILDCARD,
			"'{value}' spans a public suffix: '{host}' is a public suffix" + Text.PSL,
			"List the exact origins you serve, or a wildcard under a domain "
					+ "you control, e.g. {scheme}://*.your-site.{host}{port}, in {list}."),

	PUBLIC_SUFFIXES_BY_WILDCARD(ViolationRule.PUBLIC_SUFFIX_WILDCARD,
			"'{value}' spans a public suffix: every name matching {suffix} is a public suffix" + Text.PSL,
			Text.NARROW_WILDCARD),

	PUBLIC_SUFFIX_BELOW(ViolationRule.PUBLIC_SUFFIX_WILDCARD,
			"'{value}' spans a public suffix: the public suffix {suffix} lies below '{host}'" + Text.PSL,
			Text.NARROW_WILDCARD),

	SHARED_SERVICE(ViolationRule.SHARED_SERVICE_WILDCARD, Text.SHARED + ".", Text.LIST_EXACT + "."),

	SHARED_SERVICE_WITH_CREDENTIALS(ViolationRule.SHARED_SERVICE_WILDCARD,
			Text.SHARED + ", and with allow-credentials=true they read this "
					+ "API's responses with the visitor's credentials.",
			Text.LIST_EXACT + ", or set {prefix}.allow-credentials=false."),

	DEV_ORIGIN_IN_PRODUCTION(ViolationRule.DEV_ORIGIN_IN_PRODUCTION,
			"'{value}' is {dev}. Allowed in production, it lets whatever runs there (a local "
					+ "dev server, another application, malware) call this API in the visitor's name.",
			"Remove {value} from {prefix}.allowed-origins in the production configuration "
					+ "and list it in a development profile only (e.g. application-dev.yml); "
					+ "production rules apply when a profile in cors.production-profiles is active."),

	HTTP_WITH_CREDENTIALS(ViolationRule.HTTP_WITH_CREDENTIALS,
			"An http:// origin is served without TLS, so anyone on the network path "
					+ "(public Wi-Fi, a compromised router) can inject script into it and read this "
					+ "API's responses with the visitor's credentials (allow-credentials=true).",
			"Serve the client over HTTPS and list {suggested} instead, or set {prefix}.allow-credentials=false."),

	INVALID_DEV_ORIGIN(ViolationRule.INVALID_DEV_ORIGIN,
			"{reason} A dev-origins entry that can never match would "
					+ "let that dev origin pass the production check unnoticed.",
			"{fix}"),

	WILDCARD_DEV_ORIGIN(ViolationRule.WILDCARD_DEV_ORIGIN,
			"'*' in cors.dev-origins would make every origin a dev "
					+ "origin, so no policy could start under a production profile.",
			"List the development origins or patterns, e.g. http://localhost:* or https://*.dev.example.com"),

	MAX_AGE_ABOVE_FIREFOX_CAP(ViolationRule.MAX_AGE_ABOVE_CAP,
			"max-age {seconds} s is above 24 hours: Firefox caps the preflight cache at "
					+ "24 hours (86400 s), Chromium-based browsers at 2 hours (7200 s) and WebKit "
					+ "(Safari) at 10 minutes (600 s), so no browser caches preflights that long.",
			Text.MAX_AGE_FIX),

	MAX_AGE_ABOVE_CHROMIUM_CAP(ViolationRule.MAX_AGE_ABOVE_CAP,
			"max-age {seconds} s is above 2 hours: Chromium-based browsers cap the "
					+ "preflight cache at 2 hours (7200 s), WebKit (Safari) at 10 minutes "
					+ "(600 s), and repeat the preflight after that, whatever this value says.",
			Text.MAX_AGE_FIX),

	WILDCARD_METHOD_WITH_CREDENTIALS(ViolationRule.WILDCARD_METHOD_WITH_CREDENTIALS,
			"For credentialed requests browsers read '*' in Access-Control-Allow-Methods "
					+ "as a method literally named '*', not a wildcard. This starter answers each "
					+ "preflight with the requested method, so requests work, but every method, "
					+ "DELETE included, is then allowed with the visitor's credentials.",
			"List the methods the clients use, e.g. {prefix}.allowed-methods=GET,POST,PUT,DELETE"),

	WILDCARD_HEADER_WITH_CREDENTIALS(ViolationRule.WILDCARD_HEADER_WITH_CREDENTIALS,
			"For credentialed requests browsers read '*' in Access-Control-Allow-Headers "
					+ "as a header literally named '*', not a wildcard. This starter answers each "
					+ "preflight with the requested header names, so requests work, but any "
					+ "request header is then accepted with the visitor's credentials.",
			"List the request headers the clients send, e.g. {prefix}.allowed-headers=Content-Type,Authorization"),

	WILDCARD_EXPOSED_HEADER_WITH_CREDENTIALS(ViolationRule.WILDCARD_EXPOSED_HEADER_WITH_CREDENTIALS,
			"For credentialed requests browsers read Access-Control-Expose-Headers: * as a header literally named "
					+ "'*', so no response header is exposed to scripts; this starter sends the list as configured.",
			"List the response headers scripts must read, e.g. {prefix}.exposed-headers=X-Request-Id"),

	FORBIDDEN_REQUEST_HEADER(ViolationRule.FORBIDDEN_REQUEST_HEADER, Text.FORBIDDEN_REQUEST_HEADER,
			"Remove {value} from {prefix}.allowed-headers."),

	FORBIDDEN_COOKIE_HEADER(ViolationRule.FORBIDDEN_REQUEST_HEADER, Text.FORBIDDEN_REQUEST_HEADER + Text.COOKIES,
			"Remove {value} from {prefix}.allowed-headers; to receive cookies set {prefix}.allow-credentials=true."),

	FORBIDDEN_COOKIE_HEADER_WITH_CREDENTIALS(ViolationRule.FORBIDDEN_REQUEST_HEADER,
			Text.FORBIDDEN_REQUEST_HEADER + Text.COOKIES,
			"Remove {value} from {prefix}.allowed-headers; cookies are already sent because allow-credentials=true."),

	FORBIDDEN_RESPONSE_HEADER(ViolationRule.FORBIDDEN_RESPONSE_HEADER,
			"'{value}' is a forbidden response-header name in the Fetch standard: browsers "
					+ "never expose it to scripts, whatever Access-Control-Expose-Headers says.",
			"Remove {value} from {prefix}.exposed-headers.");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

	private final ViolationRule rule;

	private final String reason;

	private final String fix;

	Message(ViolationRule rule, String reason, String fix) {
		this.rule = rule;
		this.reason = reason;
		this.fix = fix;
	}

	/** This message about one value; {@code vars} are more placeholder pairs. */
	Violation violation(Severity severity, String prefix, String key, String value, @Nullable String suggested,
			String... vars) {
		@Nullable String[] all = Stream
			.concat(Stream.of("prefix", prefix, "value", value, "suggested", suggested), Stream.of(vars))
			.toArray(String[]::new);
		return new Violation(this.rule, severity, prefix + "." + key, value, fill(this.reason, all),
				fill(this.fix, all), suggested, "");
	}

	private static String fill(String text, @Nullable String[] vars) {
		return PLACEHOLDER.matcher(text).replaceAll((placeholder) -> {
			for (int i = 0; i < vars.length; i += 2) {
				if (placeholder.group(1).equals(vars[i]) && vars[i + 1] != null) {
					return Matcher.quoteReplacement(vars[i + 1]);
				}
			}
			return Matcher.quoteReplacement(placeholder.group());
		});
	}

	/** Texts several messages share. */
	private static final class Text {

		static final String NULL = "The opaque origin 'null' is sent by sandboxed iframes, file: and data: documents "
				+ "and some redirects; any web site can produce it with <iframe sandbox>, ";

		static final String REMOVE_NULL = "Remove 'null' from {prefix}.allowed-origins and serve the client "
				+ "from a real origin that you list, e.g. https://app.example.com";

		static final String PSL = " on the Public Suffix List, where unrelated parties register "
				+ "their own sites, so this wildcard trusts sites anyone can create.";

		static final String NARROW_WILDCARD = "List the exact origins you serve, or narrow the wildcard to a domain "
				+ "you control below which the Public Suffix List has no entry, in {list}.";

		static final String SHARED = "'{value}' is a wildcard over {service}: anyone can get a name under it and a "
				+ "TLS certificate for that name, so this wildcard trusts sites anyone can create";

		static final String LIST_EXACT = "List the exact origins you use (e.g. {scheme}://my-app.{host}) "
				+ "in a development profile only (e.g. application-dev.yml)";

		static final String MAX_AGE_FIX = "Use 2h or less, e.g. {prefix}.max-age=2h";

		static final String FORBIDDEN_REQUEST_HEADER = "'{value}' is a forbidden request-header name in the Fetch "
				+ "standard: browsers never let scripts set it and never list it in "
				+ "Access-Control-Request-Headers, so this entry has no effect.";

		static final String COOKIES = " Cookies are sent by the browser when "
				+ "allow-credentials=true, not by allowing the header.";

	}

}
