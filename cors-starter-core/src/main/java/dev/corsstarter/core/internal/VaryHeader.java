package dev.corsstarter.core.internal;

import dev.corsstarter.core.decision.CorsDecision.HeaderWriter;
import org.springframework.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/** Reading {@code Vary} as the comma-separated, case-insensitive token list it is. */
public final class VaryHeader {

	private VaryHeader() {
	}

	/**
	 * Whether the {@code Vary} header lines already cover {@code token}: it is listed (in
	 * any case, on any line) or {@code Vary: *} is present. Scans in place without
	 * splitting.
	 */
	public static boolean covers(Iterable<String> varyValues, String token) {
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

	/** Add one token to a response's {@code Vary} unless it already covers it. */
	public static void add(HeaderWriter writer, String token) {
		if (!covers(writer.values(HttpHeaders.VARY), token)) {
			writer.add(HttpHeaders.VARY, token);
		}
	}

	/**
	 * The tokens of the {@code Vary} header lines that are not CORS request headers,
	 * without duplicates (compared case-insensitively), in order. On a policy path the
	 * CORS tokens are the decision's to list; the others belong to the application.
	 */
	public static List<String> foreignTokens(Iterable<String> varyValues) {
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
