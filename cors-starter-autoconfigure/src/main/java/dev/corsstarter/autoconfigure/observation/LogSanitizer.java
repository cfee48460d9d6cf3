package dev.corsstarter.autoconfigure.observation;

/**
 * Makes request values safe to log: control and non-ASCII characters are escaped and the length
 * is capped, so a hostile header cannot forge log lines or flood the log; {@link #quote} also
 * encloses the value in double quotes and escapes any quote in it, so a value cannot imitate
 * another field of the line ({@code origin="x decision=allowed"}).
 */
public final class LogSanitizer {

	/** Longest value logged before truncation. */
	public static final int MAX_LENGTH = 200;

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private LogSanitizer() {
	}

	public static String sanitize(String value) {
		return escape(value, false);
	}

	/** The value escaped and in double quotes, or {@code -} (unquoted) when absent. */
	public static String quote(String value) {
		return (value != null) ? '"' + escape(value, true) + '"' : "-";
	}

	private static String escape(String value, boolean quoted) {
		if (value == null) {
			return "-";
		}
		int length = Math.min(value.length(), MAX_LENGTH);
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
					result.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
						.append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
				}
			}
		}
		String sanitized = (result != null) ? result.toString() : value.substring(0, length);
		return (value.length() > MAX_LENGTH) ? sanitized + "...(" + value.length() + " chars)" : sanitized;
	}

}
