package dev.corsstarter.core.internal;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.validation.InvalidCorsConfigurationException;
import dev.corsstarter.core.validation.Severity;
import dev.corsstarter.core.validation.ValidationContext;
import dev.corsstarter.core.validation.Violation;
import dev.corsstarter.core.validation.ViolationRule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * The {@code allowed-origins} grammar: which request origins a configured pattern
 * matches, and which configured values are refused at startup with a fix.
 */
class OriginGrammarTest {

	/** A 253-character host, the longest DNS allows. */
	static final String HOST_253 = String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61));

	/** A 251-character host: the longest under which a subdomain still fits. */
	static final String HOST_251 = String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(59));

	static final String SCHEME_39 = "x".repeat(39);

	static Stream<Arguments> matchRows() {
		return Stream.of(
				// exact origins
				match("https://app.example.com", "https://app.example.com", true),
				match("https://app.example.com", "http://app.example.com", false),
				match("https://app.example.com", "https://app.example.com:8443", false),
				match("https://app.example.com", "https://app.example.com:443", false),
				match("https://app.example.com", "https://APP.example.com", false),
				match("https://app.example.com", "HTTPS://app.example.com", false),
				match("https://app.example.com", "https://app.example.com.evil.com", false),
				match("https://app.example.com", "https://evilapp.example.com", false),
				match("https://app.example.com", "https://app.example.co", false),
				match("https://app.example.com", "https://app.example.com/", false),
				match("https://app.example.com", "https://app.example.com.", false),
				match("https://app.example.com", " https://app.example.com", false),
				match("https://app.example.com", "null", false),
				match("http://localhost:3000", "http://localhost:3000", true),
				match("http://localhost:3000", "http://localhost:3001", false),
				match("http://localhost:3000", "http://localhost", false),
				match("http://localhost:3000", "http://127.0.0.1:3000", false),
				// subdomain wildcard: one or more labels, never the host itself
				match("https://*.example.com", "https://app.example.com", true),
				match("https://*.example.com", "https://a.b.c.example.com", true),
				match("https://*.example.com", "https://example.com", false),
				match("https://*.example.com", "https://evilexample.com", false),
				match("https://*.example.com", "https://app-example.com", false),
				match("https://*.example.com", "https://app.example.com.evil.com", false),
				match("https://*.example.com", "https://example.com.evil.com", false),
				match("https://*.example.com", "http://app.example.com", false),
				match("https://*.example.com", "https://app.example.com:8443", false),
				match("https://*.example.com", "https://.example.com", false),
				match("https://*.example.com", "https://app.EXAMPLE.com", false),
				match("https://*.example.com", "null", false),
				// any port
				match("http://localhost:*", "http://localhost:3000", true),
				match("http://localhost:*", "http://localhost", true),
				match("http://localhost:*", "http://localhost:65535", true),
				match("http://localhost:*", "https://localhost:3000", false),
				match("http://localhost:*", "http://localhost.evil.com:3000", false),
				match("http://localhost:*", "http://app.localhost:3000", false),
				match("http://localhost:*", "http://localhost:0", false),
				match("http://localhost:*", "http://localhost:65536", false),
				match("http://localhost:*", "http://localhost:03000", false),
				// subdomain wildcard and port
				match("https://*.example.com:*", "https://a.example.com:8443", true),
				match("https://*.example.com:*", "https://a.example.com", true),
				match("https://*.example.com:*", "https://example.com:8443", false),
				match("https://*.example.com:8443", "https://a.example.com:8443", true),
				match("https://*.example.com:8443", "https://a.example.com:8444", false),
				match("https://*.example.com:8443", "https://a.example.com:84430", false),
				match("https://*.example.com:8443", "https://a.example.com", false),
				// the opaque origin only when listed
				match("null", "null", true), match("null", "https://null", false), match("null", "Null", false),
				// '*' is any well-formed origin, the opaque one included; never a
				// malformed value
				match("*", "https://anything.example", true), match("*", "null", true),
				match("*", "https://APP.example.com", false), match("*", "", false),
				// IPv6 literals
				match("http://[::1]:8080", "http://[::1]:8080", true),
				match("http://[::1]:8080", "http://[::1]:8081", false),
				match("http://[::1]:8080", "http://[::1]", false),
				match("http://[::1]:8080", "http://[0:0:0:0:0:0:0:1]:8080", false),
				match("http://[::1]:*", "http://[::1]:5173", true), match("http://[::1]:*", "http://[::2]:5173", false),
				match("http://[::1]:*", "http://[::1]x:5173", false),
				// non-http schemes
				match("capacitor://localhost", "capacitor://localhost", true),
				match("capacitor://localhost", "http://localhost", false),
				match("capacitor://localhost", "ionic://localhost", false),
				match("chrome-extension://abcdefghijklmnopabcdefghijklmnop",
						"chrome-extension://abcdefghijklmnopabcdefghijklmnop", true),
				match("chrome-extension://abcdef", "chrome-extension://abcdefg", false),
				match("chrome-extension://abcdef", "chrome-extension://abcde", false),
				match("chrome-extension://abcdef", "moz-extension://abcdef", false),
				// at the length limits of a request Origin
				match(SCHEME_39 + "://localhost", SCHEME_39 + "://localhost", true),
				match("x".repeat(38) + "://" + HOST_253 + ":65535", "x".repeat(38) + "://" + HOST_253 + ":65535", true),
				match("https://*." + HOST_251, "https://a." + HOST_251, true),
				match("https://*." + HOST_251, "https://ab." + HOST_251, false),
				match(SCHEME_39 + "://" + HOST_253 + ":*", SCHEME_39 + "://" + HOST_253 + ":8080", true));
	}

	private static Arguments match(String pattern, String origin, boolean expected) {
		return argumentSet(pattern + (expected ? " matches " : " does not match ") + "'" + origin + "'", pattern,
				origin, expected);
	}

	@ParameterizedTest
	@MethodSource("matchRows")
	void patternMatchesOrigin(String pattern, String origin, boolean expected) {
		OriginMatcher matcher = OriginMatcher.parse(pattern);

		assertThat(matcher.matches(origin)).isEqualTo(expected);
		if (expected) {
			assertThat(OriginHeaderChecks.isWellFormed(origin)).as("only well-formed origins can match").isTrue();
			assertThat(matcher.matchesWellFormed(origin)).isTrue();
		}
		// the same answer when the pattern sits among unrelated entries
		OriginMatcher among = OriginMatcher.parse("https://unrelated.example.org", pattern, "http://localhost:1234");
		assertThat(among.matches(origin)).isEqualTo(expected);
	}

	@Test
	void nullOriginMatchesNothingButNull() {
		assertThat(OriginMatcher.parse("https://app.example.com").matches(null)).isFalse();
		assertThat(OriginMatcher.parse("*").matches(null)).isFalse();
	}

	static Stream<Arguments> validPatterns() {
		return Stream.of(argumentSet("*", "*", OriginPattern.Kind.ANY, null, null, null, false, false),
				argumentSet("null", "null", OriginPattern.Kind.NULL, null, null, null, false, false),
				argumentSet("exact", "https://app.example.com", OriginPattern.Kind.EXACT, "https", "app.example.com",
						null, false, false),
				argumentSet("exact with port", "http://localhost:3000", OriginPattern.Kind.EXACT, "http", "localhost",
						"3000", false, false),
				argumentSet("IPv6 with port", "http://[::1]:8080", OriginPattern.Kind.EXACT, "http", "[::1]", "8080",
						false, false),
				argumentSet("non-http scheme", "capacitor://localhost", OriginPattern.Kind.EXACT, "capacitor",
						"localhost", null, false, false),
				argumentSet("subdomain", "https://*.example.com", OriginPattern.Kind.WILDCARD, "https", "example.com",
						null, true, false),
				argumentSet("any port", "http://localhost:*", OriginPattern.Kind.WILDCARD, "http", "localhost", null,
						false, true),
				argumentSet("subdomain and port", "https://*.example.com:8443", OriginPattern.Kind.WILDCARD, "https",
						"example.com", "8443", true, false),
				argumentSet("subdomain and any port", "https://*.example.com:*", OriginPattern.Kind.WILDCARD, "https",
						"example.com", null, true, true),
				argumentSet("default port of a non-special scheme is no default", "capacitor://localhost:443",
						OriginPattern.Kind.EXACT, "capacitor", "localhost", "443", false, false));
	}

	@ParameterizedTest
	@MethodSource("validPatterns")
	void validPatternIsParsedIntoItsParts(String value, OriginPattern.Kind kind, String scheme, String host,
			String port, boolean anySubdomain, boolean anyPort) {
		OriginPattern pattern = OriginPatternParser.parse(value);

		assertThat(pattern.value()).isEqualTo(value);
		assertThat(pattern.kind()).isEqualTo(kind);
		assertThat(pattern.scheme()).isEqualTo(scheme);
		assertThat(pattern.host()).isEqualTo(host);
		assertThat(pattern.port()).isEqualTo(port);
		assertThat(pattern.anySubdomain()).isEqualTo(anySubdomain);
		assertThat(pattern.anyPort()).isEqualTo(anyPort);
		assertThat(pattern).hasToString(value);
	}

	/**
	 * Configured values that can never match or are not valid patterns.
	 * {@code fixContains} is what the fix must say; {@code corrected} is a corrected
	 * value the fix proposes, which must itself parse, or null when the fix is advice
	 * rather than a value.
	 */
	static Stream<Arguments> rejectedPatterns() {
		return Stream.of(
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "trailing slash", "https://app.example.com/",
						"https://app.example.com", true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "path", "https://app.example.com/app",
						"https://app.example.com", true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "query", "https://app.example.com?x=1",
						"https://app.example.com", true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "fragment", "https://app.example.com#top",
						"https://app.example.com", true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "user info", "https://user@app.example.com",
						"https://app.example.com", true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "user info with password",
						"https://user:secret@app.example.com", "https://app.example.com", true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "default https port", "https://x.com:443", "https://x.com",
						true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "default http port", "http://x.com:80", "http://x.com",
						true),
				rejected(ViolationRule.WEBSOCKET_SCHEME, "WebSocket scheme with its default port", "wss://x.com:443",
						"https://x.com", true),
				rejected(ViolationRule.WEBSOCKET_SCHEME, "wss scheme", "wss://app.example.com",
						"https://app.example.com", true),
				rejected(ViolationRule.WEBSOCKET_SCHEME, "ws scheme", "ws://localhost:8080", "http://localhost:8080",
						true),
				rejected(ViolationRule.WEBSOCKET_SCHEME, "ws scheme wildcard", "ws://*.example.com",
						"http://*.example.com", true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "IPv6 with zeros written out", "http://[0:0::1]",
						"http://[::1]", true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "IPv6 with leading zeros", "http://[2001:0db8::1]:8080",
						"http://[2001:db8::1]:8080", true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "IPv6 all zeros written out", "http://[0:0:0:0:0:0:0:0]",
						"http://[::]", true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "IPv6 compressing the later of two equal runs",
						"http://[2001:db8:0:0:1::1]", "http://[2001:db8::1:0:0:1]", true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "IPv4-mapped IPv6 in dotted form",
						"http://[::ffff:127.0.0.1]", "http://[::ffff:7f00:1]", true),
				rejected(ViolationRule.INVALID_ORIGIN, "IPv6 with two compressions", "http://[1::2::3]", "[::1]",
						false),
				rejected(ViolationRule.INVALID_ORIGIN, "IPv6 with too many pieces", "http://[1:2:3:4:5:6:7:8:9]",
						"[::1]", false),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "upper-case scheme", "HTTPS://app.example.com",
						"https://app.example.com", true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "upper-case host", "https://App.Example.com",
						"https://app.example.com", true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "upper-case wildcard host", "https://*.Example.com",
						"https://*.example.com", true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "upper-case host keeps port", "http://LOCALHOST:3000",
						"http://localhost:3000", true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "upper-case IPv6", "http://[::A]:8080",
						"http://[::a]:8080", true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "non-ASCII host", "https://bücher.example",
						"https://xn--bcher-kva.example", true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "non-ASCII wildcard host", "https://*.bücher.example:8443",
						"https://*.xn--bcher-kva.example:8443", true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "non-ASCII host in Japanese", "https://例え.jp",
						"https://xn--r8jz45g.jp", true),
				rejected(ViolationRule.INVALID_ORIGIN, "port above 65535", "https://x.com:99999", "1 and 65535", false),
				rejected(ViolationRule.INVALID_ORIGIN, "port zero", "https://x.com:0", "1 and 65535", false),
				rejected(ViolationRule.INVALID_ORIGIN, "port not a number", "https://x.com:abc", "1 and 65535", false),
				rejected(ViolationRule.INVALID_ORIGIN, "empty port", "https://x.com:", "https://x.com", false),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "port with leading zero", "https://x.com:08080",
						"https://x.com:8080", true),
				rejected(ViolationRule.INVALID_WILDCARD, "wildcard host", "https://*", "https://*.example.com", false),
				rejected(ViolationRule.INVALID_WILDCARD, "wildcard host with any port", "https://*:*",
						"https://*.example.com", false),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "wildcard without scheme", "*.example.com",
						"https://*.example.com", true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "host without scheme", "app.example.com",
						"https://app.example.com", true),
				rejected(ViolationRule.INVALID_WILDCARD, "wildcard in the middle", "https://a.*.com",
						"https://*.example.com", false),
				rejected(ViolationRule.INVALID_WILDCARD, "wildcard inside a label", "https://*example.com",
						"https://*.example.com", false),
				rejected(ViolationRule.INVALID_WILDCARD, "double wildcard", "https://*.*.example.com",
						"https://*.example.com", false),
				rejected(ViolationRule.INVALID_ORIGIN, "empty", "", "https://app.example.com", false),
				rejected(ViolationRule.INVALID_ORIGIN, "blank", "   ", "https://app.example.com", false),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "leading whitespace", " https://app.example.com",
						"https://app.example.com", true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "trailing whitespace", "https://app.example.com ",
						"https://app.example.com", true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "tab and newline", "\thttps://app.example.com\n",
						"https://app.example.com", true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "upper-case null", "NULL", "null", true),
				rejected(ViolationRule.INVALID_ORIGIN, "no host", "https://", "https://app.example.com", false),
				rejected(ViolationRule.INVALID_ORIGIN, "invalid scheme", "1http://x.com", "https://app.example.com",
						false),
				rejected(ViolationRule.INVALID_ORIGIN, "unterminated IPv6", "http://[::1:8080", "http://[::1]:8080",
						false),
				rejected(ViolationRule.INVALID_ORIGIN, "not IPv6", "http://[::g]:8080", "[::1]", false),
				rejected(ViolationRule.INVALID_ORIGIN, "junk after IPv6", "http://[::1]x", "http://[::1]:8080", false),
				rejected(ViolationRule.INVALID_WILDCARD, "IPv6 under a wildcard", "http://*.[::1]", "http://[::1]",
						true),
				// several faults at once: the fix leads to a value that parses, in one
				// step
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "default port and trailing slash", "https://x.com:443/",
						"https://x.com", true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "upper case, default port and path",
						"HTTPS://App.example.com:443/app", "https://app.example.com", true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "whitespace and trailing slash",
						" https://app.example.com/ ", "https://app.example.com", true),
				// IPv4 as browsers serialise it
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "short IPv4", "http://127.1:8080", "http://127.0.0.1:8080",
						true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "hex IPv4", "http://0x7f.0.0.1", "http://127.0.0.1", true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "integer IPv4", "http://2130706433", "http://127.0.0.1",
						true),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "octal IPv4 part", "http://010.0.0.1", "http://8.0.0.1",
						true),
				rejected(ViolationRule.INVALID_ORIGIN, "IPv4 part above 255", "http://1.2.3.256", "dotted-decimal",
						false),
				rejected(ViolationRule.INVALID_ORIGIN, "host ending in a number", "https://example.123",
						"dotted-decimal", false),
				rejected(ViolationRule.INVALID_WILDCARD, "IPv4 under a wildcard", "http://*.0.0.1", "exact origin",
						false),
				rejected(ViolationRule.INVALID_ORIGIN, "empty label", "https://app..example.com", "dot", false),
				rejected(ViolationRule.INVALID_ORIGIN, "leading dot", "https://.example.com", "dot", false),
				rejected(ViolationRule.INVALID_ORIGIN, "invalid host character", "https://app!.example.com",
						"letters, digits", false),
				rejected(ViolationRule.INVALID_ORIGIN, "label over 63 characters",
						"https://" + "a".repeat(64) + ".example.com", "host name", false),
				rejected(ViolationRule.INVALID_ORIGIN, "host over 253 characters",
						"https://" + String.join(".",
								List.of("a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(63))),
						"host name", false),
				rejected(ViolationRule.INVALID_ORIGIN, "scheme over 39 characters", "x".repeat(40) + "://localhost",
						"39 characters", false),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "exact origin over 300 characters",
						SCHEME_39 + "://" + HOST_253 + ":65535", "*.example.com", false),
				rejected(ViolationRule.ORIGIN_NEVER_MATCHES, "subdomain wildcard with no room for a subdomain",
						"https://*." + HOST_251 + "d", "https://*.example.com", false));
	}

	/**
	 * A refused value with the rule it breaks. When {@code fixIsValue},
	 * {@code fixContains} is the suggested value, which must itself parse; otherwise the
	 * fix is advice that contains it and there is no suggested value.
	 */
	private static Arguments rejected(ViolationRule rule, String name, String value, String fixContains,
			boolean fixIsValue) {
		return argumentSet(name + ": '" + value + "'", value, rule, fixContains, fixIsValue);
	}

	@ParameterizedTest
	@MethodSource("rejectedPatterns")
	void invalidPatternIsRejectedWithAUsefulFix(String value, ViolationRule rule, String fixContains,
			boolean fixIsValue) {
		OriginSyntaxException ex = catchThrowableOfType(OriginSyntaxException.class,
				() -> OriginPatternParser.parse(value));

		assertThat(ex).as("'%s' must be rejected", value).isNotNull();
		assertThat(ex.getReason()).isNotBlank();
		assertThat(ex.getFix()).isNotBlank().contains(fixContains);
		if (fixIsValue) {
			assertThat(ex.getSuggestedValue()).isEqualTo(fixContains);
			assertThat(OriginPatternParser.parse(ex.getSuggestedValue()).value()).isEqualTo(fixContains);
		}
		else {
			assertThat(ex.getSuggestedValue()).isNull();
		}
		assertThat(catchThrowableOfType(OriginSyntaxException.class, () -> OriginMatcher.parse("*", value)))
			.isNotNull();
	}

	@ParameterizedTest
	@MethodSource("rejectedPatterns")
	void compileReportsTheInvalidPatternWithRuleAndSuggestedValue(String value, ViolationRule rule, String fixContains,
			boolean fixIsValue) {
		CorsPolicy policy = CorsPolicy.builder("web")
			.pathPatterns("/api/**")
			.allowedOrigins("https://ok.example.com", value)
			.build();

		List<Violation> violations = catchThrowableOfType(InvalidCorsConfigurationException.class,
				() -> CorsEngine.compile(List.of(policy), ValidationContext.DEFAULT))
			.getViolations();

		assertThat(violations).singleElement().satisfies(v -> {
			assertThat(v.property()).isEqualTo("cors.policies.web.allowed-origins[1]");
			assertThat(v.rule()).isEqualTo(rule);
			assertThat(v.severity()).isEqualTo(Severity.ERROR);
			assertThat(v.value()).isEqualTo(value);
			assertThat(v.suggestedValue()).isEqualTo(fixIsValue ? fixContains : null);
			assertThat(v.reason()).isNotBlank();
			assertThat(v.action()).contains(fixContains);
		});
	}

}
