package dev.corsstarter.core.internal;

/**
 * One parsed entry of {@code allowed-origins}: {@code *}, {@code null}, an exact origin
 * {@code scheme://host[:port]}, or a host pattern {@code scheme://*.host[:port]} and/or
 * {@code scheme://host:*}; the value and its matching. {@link OriginPatternParser} makes
 * them, strictly, with a reason and a fix for anything a browser could never send as
 * {@code Origin}.
 */
public final class OriginPattern {

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

	private final String value;

	private final Kind kind;

	private final String scheme;

	private final String host;

	private final boolean anySubdomain;

	private final String port;

	private final boolean anyPort;

	OriginPattern(String value, Kind kind, String scheme, String host, boolean anySubdomain, String port,
			boolean anyPort) {
		this.value = value;
		this.kind = kind;
		this.scheme = scheme;
		this.host = host;
		this.anySubdomain = anySubdomain;
		this.port = port;
		this.anyPort = anyPort;
	}

	/** The value as configured. */
	public String value() {
		return this.value;
	}

	public Kind kind() {
		return this.kind;
	}

	/** The scheme, or {@code null} for {@code *} and {@code null}. */
	public String scheme() {
		return this.scheme;
	}

	/**
	 * The host without a leading {@code *.}, or {@code null} for {@code *} and
	 * {@code null}.
	 */
	public String host() {
		return this.host;
	}

	public boolean anySubdomain() {
		return this.anySubdomain;
	}

	public boolean anyPort() {
		return this.anyPort;
	}

	/** The explicit port, or {@code null} when none or any. */
	public String port() {
		return this.port;
	}

	/**
	 * Whether a well-formed request origin matches this pattern. {@code schemeEnd} is the
	 * index of {@code "://"} and {@code hostEnd} the end of the host in {@code origin}.
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
		if (schemeEnd != this.scheme.length() || !origin.startsWith(this.scheme)) {
			return false;
		}
		int length = origin.length();
		if (!this.anyPort) {
			if (this.port == null) {
				if (hostEnd != length) {
					return false;
				}
			}
			else if (length - hostEnd - 1 != this.port.length() || origin.charAt(hostEnd) != ':'
					|| !origin.regionMatches(hostEnd + 1, this.port, 0, this.port.length())) {
				return false;
			}
		}
		int hostStart = schemeEnd + 3;
		int hostLength = hostEnd - hostStart;
		int baseLength = this.host.length();
		if (this.anySubdomain) {
			return hostLength > baseLength + 1 && origin.charAt(hostEnd - baseLength - 1) == '.'
					&& origin.regionMatches(hostEnd - baseLength, this.host, 0, baseLength);
		}
		return hostLength == baseLength && origin.regionMatches(hostStart, this.host, 0, baseLength);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
