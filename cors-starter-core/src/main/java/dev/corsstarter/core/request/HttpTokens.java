package dev.corsstarter.core.request;

/** RFC 9110 token syntax, used for method and header names. */
public final class HttpTokens {

	private static final boolean[] TCHAR = new boolean[128];

	static {
		for (char c = '0'; c <= '9'; c++) {
			TCHAR[c] = true;
		}
		for (char c = 'a'; c <= 'z'; c++) {
			TCHAR[c] = true;
			TCHAR[c - 32] = true;
		}
		for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
			TCHAR[c] = true;
		}
	}

	private HttpTokens() {
	}

	/** Whether {@code value} is a non-empty RFC 9110 token. */
	public static boolean isToken(String value) {
		return value != null && !value.isEmpty() && isToken(value, 0, value.length());
	}

	/** Whether {@code value[start, end)} is a non-empty token. */
	public static boolean isToken(CharSequence value, int start, int end) {
		if (start >= end) {
			return false;
		}
		for (int i = start; i < end; i++) {
			char c = value.charAt(i);
			if (c >= 128 || !TCHAR[c]) {
				return false;
			}
		}
		return true;
	}

}
