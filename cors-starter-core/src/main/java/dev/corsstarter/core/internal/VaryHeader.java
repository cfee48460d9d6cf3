package dev.corsstarter.core.internal;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Reading {@code Vary} as the comma-separated, case-insensitive token list it is. */
public final class VaryHeader {

	private VaryHeader() {
	}

	/**
	 * Whether the {@code Vary} lines cover {@code token}: it is listed (in any case, on
	 * any line) or {@code Vary: *} is present. Scans in place without splitting.
	 */
	public static boolean covers(@Nullable Iterable<String> varyValues, String token) {
		if (varyValues == null) {
			return false;
		}
		for (String value : varyValues) {
			int length = value.length();
			int start = 0;
			while (start < length) {
				int comma = value.indexOf(',', start);
				int end = (comma < 0) ? length : comma;
				int s = start;
				int e = end;
				while (s < e && Character.isWhitespace(value.charAt(s))) {
					s++;
				}
				while (e > s && Character.isWhitespace(value.charAt(e - 1))) {
					e--;
				}
				int tokenLength = e - s;
				if ((tokenLength == 1 && value.charAt(s) == '*')
						|| (tokenLength == token.length() && value.regionMatches(true, s, token, 0, tokenLength))) {
					return true;
				}
				start = end + 1;
			}
		}
		return false;
	}

	/**
	 * The tokens of the {@code Vary} lines that are not CORS request headers, each once
	 * (in any case), in order: on a policy path those belong to the application.
	 */
	public static List<String> foreignTokens(@Nullable Iterable<String> varyValues) {
		List<String> tokens = new ArrayList<>();
		if (varyValues == null) {
			return tokens;
		}
		for (String value : varyValues) {
			if (value == null) {
				continue;
			}
			for (String token : value.split(",")) {
				String name = token.strip();
				if (!name.isEmpty() && !CorsHeaderNames.isAccessControl(name)
						&& tokens.stream().noneMatch(name::equalsIgnoreCase)) {
					tokens.add(name);
				}
			}
		}
		return tokens;
	}

}
