package dev.corsstarter.core.internal;

/**
 * The characters and lengths of a serialised origin: one grammar for config and header.
 */
public final class OriginGrammar {

	/**
	 * Longer values cannot be a serialised origin: scheme, 253-character host and port.
	 */
	public static final int MAX_LENGTH = 300;

	/** Longer schemes are not looked for: {@code "://"} starts within 40 characters. */
	public static final int MAX_SCHEME_LENGTH = 39;

	static final int MAX_HOST_LENGTH = 253;

	static final int MAX_LABEL_LENGTH = 63;

	private OriginGrammar() {
	}

	/**
	 * A lower-case letter first, then also digits, {@code +}, {@code -} and {@code .}.
	 */
	static boolean isSchemeChar(char c, boolean first) {
		return (c >= 'a' && c <= 'z') || (!first && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
	}

	static boolean isValidScheme(String scheme) {
		if (scheme.isEmpty()) {
			return false;
		}
		for (int i = 0; i < scheme.length(); i++) {
			if (!isSchemeChar(scheme.charAt(i), i == 0)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A host label character as browsers serialise it: a-z, 0-9, {@code -}, {@code _}.
	 */
	static boolean isHostChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
	}

	/** A character inside the brackets of an IPv6 literal as browsers serialise it. */
	static boolean isIpv6LiteralChar(char c) {
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

}
