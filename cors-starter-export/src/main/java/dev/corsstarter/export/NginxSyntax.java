package dev.corsstarter.export;

import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.corsstarter.export.Refusal.Code;

/**
 * Writing values into nginx configuration. Everything emitted is double-quoted with
 * {@code \} and {@code "} escaped, so braces, {@code ;}, {@code #} and spaces are plain
 * text. nginx has no escape for {@code $} in a value (it always starts a variable there),
 * nor for control characters, so a value with any of them is refused, never written.
 */
final class NginxSyntax {

	private NginxSyntax() {
	}

	/** A value nginx uses as text: a header value or a map value. */
	static String literal(String value, String what, Set<Refusal> refusals) {
		if (value.indexOf('$') >= 0) {
			refusals.add(new Refusal(Code.UNWRITABLE_VALUE, what + " '" + printable(value)
					+ "' contains '$', which nginx always reads as a variable; it cannot be written into nginx configuration"));
			return "\"\"";
		}
		return quoted(value, what, refusals);
	}

	/**
	 * A regular expression nginx compiles as written (the source side of a {@code map}),
	 * where {@code $} is the regex anchor, not a variable.
	 */
	static String regex(String caseFlag, String pattern) {
		return quoted(caseFlag + pattern, "regular expression", null);
	}

	private static String quoted(String value, String what, @Nullable Set<Refusal> refusals) {
		if (value.chars().anyMatch((c) -> c < 0x20 || c >= 0x7f)) {
			if (refusals == null) {
				throw new IllegalArgumentException("not printable ASCII: " + printable(value));
			}
			refusals.add(new Refusal(Code.UNWRITABLE_VALUE, what + " '" + printable(value)
					+ "' contains a control or non-ASCII character, which cannot be written into nginx configuration"));
			return "\"\"";
		}
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	/** {@code text} as a PCRE literal: every regex metacharacter escaped. */
	static String regexQuote(String text) {
		return text.replaceAll("[\\\\.^$|?*+()\\[\\]{}]", "\\\\$0");
	}

	/**
	 * Text safe in a message or a {@code #} comment: at most 200 characters of printable
	 * ASCII, anything else as {@code \\uXXXX}, so no value can end the comment line.
	 */
	static String printable(String text) {
		return text.chars()
			.limit(200)
			.mapToObj((c) -> (c < 0x20 || c >= 0x7f || c == '\\') ? String.format("\\u%04x", c)
					: String.valueOf((char) c))
			.collect(Collectors.joining());
	}

}
