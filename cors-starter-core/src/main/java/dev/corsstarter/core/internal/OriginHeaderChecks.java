package dev.corsstarter.core.internal;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** The origin grammar and the {@code Origin} header checks, which never allocate. */
public final class OriginHeaderChecks {

	/** Longer values cannot be a serialised origin. */
	public static final int MAX_LENGTH = 300;

	/** Longer schemes are not looked for: {@code "://"} starts within 40 characters. */
	public static final int MAX_SCHEME_LENGTH = 39;

	static final int MAX_HOST_LENGTH = 253;

	static final int MAX_LABEL_LENGTH = 63;

	private OriginHeaderChecks() {
	}

	/** Whether it is {@code null} or a lower-case ASCII {@code scheme://host[:port]}. */
	public static boolean isWellFormed(String origin) {
		int length = origin.length();
		if (length > MAX_LENGTH) {
			return false;
		}
		if (origin.equals("null")) {
			return true;
		}
		int schemeEnd = schemeEnd(origin);
		int hostEnd = (schemeEnd < 0) ? -1 : hostEnd(origin, schemeEnd + 3);
		if (hostEnd < 0) {
			return false;
		}
		// none, or ":" then 1-5 digits, no leading zero, 1..65535
		int digits = length - hostEnd - 1;
		return hostEnd == length || (origin.charAt(hostEnd) == ':' && digits >= 1 && digits <= 5
				&& origin.charAt(hostEnd + 1) != '0' && parsePort(origin, hostEnd + 1) <= 65535);
	}

	/** Index of {@code "://"} after a valid lower-case scheme, or -1. */
	static int schemeEnd(String origin) {
		int length = origin.length();
		for (int i = 0; i < length && i <= MAX_SCHEME_LENGTH; i++) {
			char c = origin.charAt(i);
			if (c == ':') {
				return (i > 0 && i + 2 < length && origin.charAt(i + 1) == '/' && origin.charAt(i + 2) == '/') ? i : -1;
			}
			if (!isSchemeChar(c, i == 0)) {
				return -1;
			}
		}
		return -1;
	}

	/** End (exclusive) of a valid host from {@code hostStart}, or -1. */
	static int hostEnd(String origin, int hostStart) {
		int length = origin.length();
		if (hostStart >= length) {
			return -1;
		}
		if (origin.charAt(hostStart) == '[') {
			for (int i = hostStart + 1; i < length; i++) {
				char c = origin.charAt(i);
				if (c == ']') {
					return (i > hostStart + 1 && (i + 1 == length || origin.charAt(i + 1) == ':')) ? i + 1 : -1;
				}
				if (!isIpv6LiteralChar(c)) {
					return -1;
				}
			}
			return -1;
		}
		int labelLength = 0;
		int i = hostStart;
		for (; i < length; i++) {
			char c = origin.charAt(i);
			if (c == ':') {
				break;
			}
			if (c == '.') {
				if (labelLength == 0) {
					return -1;
				}
				labelLength = 0;
			}
			else if (isHostChar(c)) {
				if (++labelLength > MAX_LABEL_LENGTH) {
					return -1;
				}
			}
			else {
				return -1;
			}
		}
		// a trailing dot names the same host fully qualified (http://localhost.:8080):
		// browsers send it as typed, so it is well-formed, though no configured origin
		// has one
		return (i == hostStart || i - hostStart - ((labelLength == 0) ? 1 : 0) > MAX_HOST_LENGTH) ? -1 : i;
	}

	/** Whether a well-formed origin is the request's own (port -1 for the default). */
	public static boolean isSameOrigin(String origin, @Nullable String scheme, @Nullable String host, int port) {
		if (scheme == null || host == null || origin.equals("null")) {
			return false;
		}
		int schemeLength = scheme.length();
		if (!HttpTokens.regionMatchesIgnoreAsciiCase(origin, 0, scheme, 0, schemeLength)
				|| !origin.startsWith("://", schemeLength)) {
			return false;
		}
		int hostStart = schemeLength + 3;
		int hostEnd = hostEnd(origin, hostStart);
		if (hostEnd - hostStart != host.length()
				|| !HttpTokens.regionMatchesIgnoreAsciiCase(origin, hostStart, host, 0, host.length())) {
			return false;
		}
		int defaultPort = defaultPort(lower(scheme));
		int originPort = (hostEnd == origin.length()) ? defaultPort : parsePort(origin, hostEnd + 1);
		return originPort == ((port <= 0) ? defaultPort : port);
	}

	/** A lower-case letter first, then also digits, {@code +-.}. */
	private static boolean isSchemeChar(char c, boolean first) {
		return (c >= 'a' && c <= 'z') || (!first && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
	}

	/** A host label character as browsers serialise it. */
	static boolean isHostChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
	}

	/** A character inside the brackets of an IPv6 literal as browsers serialise it. */
	private static boolean isIpv6LiteralChar(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == ':' || c == '.';
	}

	/** The default port of a special scheme, or -1. */
	public static int defaultPort(String scheme) {
		return switch (scheme) {
			case "http", "ws" -> 80;
			case "https", "wss" -> 443;
			case "ftp" -> 21;
			default -> -1;
		};
	}

	private static String lower(String scheme) {
		return switch (scheme) {
			case "http", "https", "ws", "wss" -> scheme;
			default -> scheme.toLowerCase(Locale.ROOT);
		};
	}

	/** The digits from {@code start} on as a number, MAX_VALUE at a non-digit. */
	private static int parsePort(String origin, int start) {
		int port = 0;
		for (int i = start; i < origin.length(); i++) {
			char c = origin.charAt(i);
			if (c < '0' || c > '9') {
				return Integer.MAX_VALUE;
			}
			port = port * 10 + (c - '0');
		}
		return port;
	}

}
