package dev.corsstarter.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * One parsed entry of {@code allowed-origins}, as {@link OriginPatternParser} makes it.
 *
 * @param value the value as configured
 * @param kind what kind of pattern it is
 * @param scheme the scheme, or {@code null} for {@code *} and {@code null}
 * @param host the host without a leading {@code *.}, or {@code null} for {@code *} and
 * {@code null}
 * @param anySubdomain whether the host starts with {@code *.}
 * @param port the explicit port, or {@code null} when none or any
 * @param anyPort whether the port is {@code *}
 */
public record OriginPattern(String value, Kind kind, @Nullable String scheme, @Nullable String host,
		boolean anySubdomain, @Nullable String port, boolean anyPort) {

	/** Kinds of origin pattern. */
	public enum Kind {

		/** {@code *}: any origin. */
		ANY,
		/** {@code null}: the opaque origin. */
		NULL,
		/** An exact serialised origin. */
		EXACT,
		/** A pattern with a subdomain and/or port wildcard. */
		WILDCARD

	}

	/**
	 * Whether a well-formed request origin matches: {@code schemeEnd} is the index of
	 * {@code "://"} and {@code hostEnd} the end of the host in {@code origin}.
	 */
	boolean matches(String origin, int schemeEnd, int hostEnd) {
		switch (this.kind) {
			case ANY:
				return true;
			case NULL:
				return origin.equals("null");
			case EXACT:
				return origin.equals(this.value);
			default:
				break;
		}
		String scheme = this.scheme;
		String host = this.host;
		String port = this.port;
		if (scheme == null || host == null || schemeEnd != scheme.length() || !origin.startsWith(scheme)) {
			return false;
		}
		int length = origin.length();
		if (!this.anyPort) {
			if (port == null) {
				if (hostEnd != length) {
					return false;
				}
			}
			else if (length - hostEnd - 1 != port.length() || origin.charAt(hostEnd) != ':'
					|| !origin.regionMatches(hostEnd + 1, port, 0, port.length())) {
				return false;
			}
		}
		int hostStart = schemeEnd + 3;
		int hostLength = hostEnd - hostStart;
		int baseLength = host.length();
		if (this.anySubdomain) {
			return hostLength > baseLength + 1 && origin.charAt(hostEnd - baseLength - 1) == '.'
					&& origin.regionMatches(hostEnd - baseLength, host, 0, baseLength);
		}
		return hostLength == baseLength && origin.regionMatches(hostStart, host, 0, baseLength);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
