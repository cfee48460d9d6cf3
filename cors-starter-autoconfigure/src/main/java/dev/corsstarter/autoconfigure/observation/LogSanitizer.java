package dev.corsstarter.autoconfigure.observation;

import dev.corsstarter.core.validation.Violation;

/**
 * Makes values safe to log: control and non-ASCII characters are escaped and the length
 * is capped, so a hostile header, a tenant's input or a configured value cannot forge log
 * lines (CR, LF, NUL, Unicode line separators) or flood the log; {@link #quote} also
 * encloses the value in double quotes and escapes any quote in it, so a value cannot
 * imitate another field of the line ({@code origin="x decision=allowed"}). The one
 * escaping function for everything the starter logs while running: request values, and
 * the values, reasons and fixes of violations.
 */
public final class LogSanitizer {

	/** Longest request value logged before truncation. */
	public static final int MAX_LENGTH = 200;

	/**
	 * Longest text of a violation (value, reason, fix, where it was set) logged before
	 * truncation: room for a reason that quotes its value.
	 */
	public static final int MAX_TEXT_LENGTH = 2000;

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private LogSanitizer() {
	}

	/**
	 * The value escaped, at most {@link #MAX_LENGTH} characters of it, or {@code -} when
	 * absent.
	 */
	public static String sanitize(String value) {
		return escape(value, false, MAX_LENGTH);
	}

	/**
	 * The value escaped, at most {@code maxLength} characters of it, or {@code -} when
	 * absent.
	 */
	public static String sanitize(String value, int maxLength) {
		return escape(value, false, maxLength);
	}

	/** The value escaped and in double quotes, or {@code -} (unquoted) when absent. */
	public static String quote(String value) {
		return (value != null) ? '"' + escape(value, true, MAX_LENGTH) + '"' : "-";
	}

	/**
	 * The value escaped and in double quotes, at most {@code maxLength} characters of it.
	 */
	public static String quote(String value, int maxLength) {
		return (value != null) ? '"' + escape(value, true, maxLength) + '"' : "-";
	}

	/**
	 * A violation on one line, every part escaped:
	 * {@code property='value' (origin): reason Fix: action}, as
	 * {@link Violation#describe()}.
	 */
	public static String describe(Violation violation) {
		return text(violation.property()) + "='" + text(violation.value()) + "'"
				+ (violation.origin().isEmpty() ? "" : " (" + text(violation.origin()) + ")") + ": "
				+ text(violation.reason()) + " Fix: " + text(violation.action());
	}

	/**
	 * A text of a violation (property, reason, fix, origin) escaped, up to
	 * {@link #MAX_TEXT_LENGTH}.
	 */
	public static String text(String value) {
		return escape(value, false, MAX_TEXT_LENGTH);
	}

	private static String escape(String value, boolean quoted, int maxLength) {
		if (value == null) {
			return "-";
		}
		int length = Math.min(value.length(), maxLength);
		StringBuilder result = null;
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			boolean safe = c >= 0x20 && c < 0x7f && c != '\\' && !(quoted && c == '"');
			if (!safe && result == null) {
				result = new StringBuilder(length + 16).append(value, 0, i);
			}
			if (result != null) {
				if (safe) {
					result.append(c);
				}
				else if (c == '\\' || c == '"') {
					result.append('\\').append(c);
				}
				else {
					result.append("\\u")
						.append(HEX[(c >> 12) & 0xf])
						.append(HEX[(c >> 8) & 0xf])
						.append(HEX[(c >> 4) & 0xf])
						.append(HEX[c & 0xf]);
				}
			}
		}
		String sanitized = (result != null) ? result.toString() : value.substring(0, length);
		return (value.length() > maxLength) ? sanitized + "...(" + value.length() + " chars)" : sanitized;
	}

}
