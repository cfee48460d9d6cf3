package dev.corsstarter.core.internal;

/** RFC 9110 tokens (method and header names) and HTTP's ASCII-only case folding. */
public final class HttpTokens {

	private HttpTokens() {
	}

	/** Whether {@code value} is a non-empty RFC 9110 token. */
	public static boolean isToken(String value) {
		return value != null && isToken(value, 0, value.length());
	}

	/** Whether {@code value[start, end)} is a non-empty token. */
	public static boolean isToken(CharSequence value, int start, int end) {
		for (int i = start; i < end; i++) {
			if (!isTchar(value.charAt(i))) {
				return false;
			}
		}
		return start < end;
	}

	private static boolean isTchar(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
				|| "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
	}

	/** Whether two regions are equal ignoring ASCII case only ('ſ' is not 's'). */
	public static boolean regionMatchesIgnoreAsciiCase(String a, int aStart, String b, int bStart, int length) {
		if (aStart < 0 || bStart < 0 || length < 0 || aStart > a.length() - length || bStart > b.length() - length) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (lowerAscii(a.charAt(aStart + i)) != lowerAscii(b.charAt(bStart + i))) {
				return false;
			}
		}
		return true;
	}

	/** Whether {@code value} equals {@code other} ignoring ASCII case only. */
	public static boolean equalsIgnoreAsciiCase(String value, String other) {
		return value != null && other != null && value.length() == other.length()
				&& regionMatchesIgnoreAsciiCase(value, 0, other, 0, value.length());
	}

	private static char lowerAscii(char c) {
		return (c >= 'A' && c <= 'Z') ? (char) (c + ('a' - 'A')) : c;
	}

}
