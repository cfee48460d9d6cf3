package dev.corsstarter.autoconfigure.diagnostics;

import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

import dev.corsstarter.core.validation.Violation;

/**
 * Makes values safe to log, the one escaping for everything the starter logs while
 * running: control and non-ASCII characters are escaped and the length capped, so no
 * value can forge lines (CR, LF, NUL, Unicode line separators) or flood the log;
 * {@link #quote} also encloses the value in double quotes and escapes any in it, so it
 * cannot imitate another field ({@code origin="x decision=allowed"}).
 */
public final class LogSanitizer {

	/** Longest request value logged before truncation. */
	static final int MAX_LENGTH = 200;

	/** Longest text of a violation logged: room for a reason that quotes its value. */
	public static final int MAX_TEXT_LENGTH = 2000;

	private LogSanitizer() {
	}

	/** The value escaped and in double quotes, or {@code -} (unquoted) when absent. */
	public static String quote(@Nullable String value) {
		return quote(value, MAX_LENGTH);
	}

	/** The value escaped and in double quotes, at most {@code maxLength} of it. */
	public static String quote(@Nullable String value, int maxLength) {
		return (value != null) ? '"' + escape(value, true, maxLength) + '"' : "-";
	}

	/** A violation on one line as {@link Violation#describe()}, every part escaped. */
	public static String describe(Violation violation) {
		return text(violation.property()) + "='" + text(violation.value()) + "'"
				+ (violation.origin().isEmpty() ? "" : " (" + text(violation.origin()) + ")") + ": "
				+ text(violation.reason()) + " Fix: " + text(violation.action());
	}

	/** A text of a violation escaped, up to {@link #MAX_TEXT_LENGTH}. */
	public static String text(@Nullable String value) {
		return escape(value, false, MAX_TEXT_LENGTH);
	}

	private static String escape(@Nullable String value, boolean quoted, int maxLength) {
		if (value == null) {
			return "-";
		}
		int length = Math.min(value.length(), maxLength);
		StringBuilder result = new StringBuilder(length + 16);
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c >= 0x20 && c < 0x7f && c != '\\' && !(quoted && c == '"')) {
				result.append(c);
			}
			else if (c == '\\' || c == '"') {
				result.append('\\').append(c);
			}
			else {
				result.append("\\u").append(HexFormat.of().toHexDigits(c));
			}
		}
		return (value.length() > maxLength) ? result + "...(" + value.length() + " chars)" : result.toString();
	}

}
