package dev.corsstarter.core.internal;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** The checks every {@code Origin} header passes before any policy sees it. */
class OriginHeaderChecksTest {

	private static final String LABEL_63 = "a".repeat(63);

	static Stream<Arguments> wellFormedRows() {
		return Stream.of(wellFormed("https://app.example.com", true), wellFormed("http://localhost:3000", true),
				wellFormed("http://localhost:65535", true), wellFormed("http://localhost:1", true),
				wellFormed("http://[::1]:8080", true), wellFormed("http://[::ffff:7f00:1]", true),
				wellFormed("capacitor://localhost", true), wellFormed("chrome-extension://abcdefghijklmnop", true),
				wellFormed("web+app://host", true), wellFormed("null", true),
				wellFormed("https://my_host.example.com", true),
				wellFormed("https://" + LABEL_63 + ".example.com", true),
				wellFormed("https://" + String.join(".", LABEL_63, LABEL_63, LABEL_63, "a".repeat(61)), true),
				wellFormed("", false), wellFormed("Null", false), wellFormed("NULL", false),
				wellFormed("https://", false), wellFormed("https:/app.example.com", false),
				wellFormed("app.example.com", false), wellFormed("//app.example.com", false),
				wellFormed("://app.example.com", false), wellFormed("1http://app.example.com", false),
				wellFormed("HTTPS://app.example.com", false), wellFormed("https://APP.example.com", false),
				wellFormed("https://app.example.com/", false), wellFormed("https://app.example.com/path", false),
				wellFormed("https://app.example.com?q", false), wellFormed("https://user@app.example.com", false),
				wellFormed("https://app.example.com.", true), wellFormed("http://localhost.:8080", true),
				wellFormed("https://app.example.com..", false), wellFormed("https://.", false),
				wellFormed("https://app..example.com", false), wellFormed("https://.example.com", false),
				wellFormed("https://app..example.com", false), wellFormed("https://app.example.com:", false),
				wellFormed("https://app.example.com:0", false), wellFormed("https://app.example.com:08080", false),
				wellFormed("https://app.example.com:65536", false), wellFormed("https://app.example.com:123456", false),
				wellFormed("https://app.example.com:80a", false), wellFormed("https://app.example.com:8080:1", false),
				wellFormed("https://app.example.com:*", false), wellFormed("https://*.example.com", false),
				wellFormed("*", false), wellFormed(" https://app.example.com", false),
				wellFormed("https://app.example.com ", false),
				wellFormed("https://app.example.com\r\nSet-Cookie: a=b", false),
				wellFormed("https://app.example.com\u0000", false), wellFormed("https://äpp.example.com", false),
				wellFormed("https://xn--pp-qia.example.com", true), wellFormed("http://[]", false),
				wellFormed("http://[::1", false), wellFormed("http://[::1]x", false), wellFormed("http://[::G]", false),
				wellFormed("https://" + "a".repeat(64) + ".example.com", false),
				wellFormed("https://" + String.join(".", LABEL_63, LABEL_63, LABEL_63, "a".repeat(62)), false),
				wellFormed("https://" + (LABEL_63 + ".").repeat(4) + "example.com", false),
				wellFormed("https:app.example.com", false));
	}

	private static Arguments wellFormed(String origin, boolean expected) {
		String shown = (origin.length() > 60) ? origin.substring(0, 40) + "...(" + origin.length() + " chars)" : origin;
		return argumentSet(
				(expected ? "well-formed: " : "malformed: ") + "'"
						+ shown.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0") + "'",
				origin, expected);
	}

	@ParameterizedTest
	@MethodSource("wellFormedRows")
	void isWellFormed(String origin, boolean expected) {
		assertThat(OriginHeaderChecks.isWellFormed(origin)).isEqualTo(expected);
		if (!expected) {
			assertThat(OriginMatcher.parse("*").matches(origin)).as("a malformed origin never matches, even '*'")
				.isFalse();
		}
	}

	static Stream<Arguments> sameOriginRows() {
		return Stream.of(sameOrigin("https://api.example.com", "https", "api.example.com", -1, true),
				sameOrigin("https://api.example.com", "https", "api.example.com", 443, true),
				sameOrigin("https://api.example.com:443", "https", "api.example.com", -1, true),
				sameOrigin("http://api.example.com", "http", "api.example.com", 80, true),
				sameOrigin("https://api.example.com", "https", "API.Example.COM", -1, true),
				sameOrigin("https://api.example.com", "HTTPS", "api.example.com", -1, true),
				sameOrigin("http://localhost:8080", "http", "localhost", 8080, true),
				sameOrigin("http://[::1]:8080", "http", "[::1]", 8080, true),
				sameOrigin("http://localhost.:8080", "http", "localhost.", 8080, true),
				sameOrigin("http://localhost.:8080", "http", "localhost", 8080, false),
				sameOrigin("http://localhost:8080", "http", "localhost.", 8080, false),
				sameOrigin("capacitor://localhost", "capacitor", "localhost", -1, true),
				sameOrigin("http://api.example.com", "https", "api.example.com", -1, false),
				sameOrigin("https://api.example.com", "https", "api.example.com", 8443, false),
				sameOrigin("https://api.example.com:8443", "https", "api.example.com", -1, false),
				sameOrigin("http://localhost:8080", "http", "localhost", 8081, false),
				sameOrigin("https://app.example.com", "https", "api.example.com", -1, false),
				sameOrigin("https://api.example.com.evil.com", "https", "api.example.com", -1, false),
				sameOrigin("https://api.example.co", "https", "api.example.com", -1, false),
				sameOrigin("https://evil-api.example.com", "https", "api.example.com", -1, false),
				sameOrigin("https://api.example.com", "https", "", -1, false),
				sameOrigin("https://api.example.com", null, "api.example.com", -1, false),
				sameOrigin("https://api.example.com", "https", null, -1, false),
				sameOrigin("null", "https", "api.example.com", -1, false),
				sameOrigin("https://api.example.com", "http", "api.example.com", 443, false));
	}

	private static Arguments sameOrigin(String origin, String scheme, String host, int port, boolean expected) {
		return argumentSet(origin + (expected ? " is " : " is not ") + scheme + "://" + host + " port " + port, origin,
				scheme, host, port, expected);
	}

	@ParameterizedTest
	@MethodSource("sameOriginRows")
	void isSameOrigin(String origin, String scheme, String host, int port, boolean expected) {
		assertThat(OriginHeaderChecks.isWellFormed(origin)).isTrue();
		assertThat(OriginHeaderChecks.isSameOrigin(origin, scheme, host, port)).isEqualTo(expected);
	}

}
