package dev.corsstarter.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * One parsed entry of {@code allowed-origins}: the host without {@code *.}, the port
 * {@code null} when none or any; no scheme or host for {@code *} and {@code null}.
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

	/** Whether this wildcard matches a well-formed origin, split at the given ends. */
	boolean matches(String origin, int schemeEnd, int hostEnd) {
		String scheme = this.scheme;
		String host = this.host;
		String port = this.port;
		if (scheme == null || host == null || schemeEnd != scheme.length() || !origin.startsWith(scheme)) {
			return false;
		}
		int length = origin.length();
		boolean portMatches = this.anyPort
				|| ((port == null) ? hostEnd == length : (length - hostEnd - 1 == port.length()
						&& origin.charAt(hostEnd) == ':' && origin.regionMatches(hostEnd + 1, port, 0, port.length())));
		if (!portMatches) {
			return false;
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
