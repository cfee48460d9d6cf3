package dev.corsstarter.core.decision;

/** Header names of the CORS protocol (Fetch standard) and Private Network Access. */
public final class CorsHeaders {

	public static final String ORIGIN = "Origin";

	public static final String VARY = "Vary";

	public static final String UPGRADE = "Upgrade";

	public static final String SEC_FETCH_SITE = "Sec-Fetch-Site";

	public static final String ACCESS_CONTROL_REQUEST_METHOD = "Access-Control-Request-Method";

	public static final String ACCESS_CONTROL_REQUEST_HEADERS = "Access-Control-Request-Headers";

	public static final String ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK = "Access-Control-Request-Private-Network";

	public static final String ACCESS_CONTROL_ALLOW_ORIGIN = "Access-Control-Allow-Origin";

	public static final String ACCESS_CONTROL_ALLOW_CREDENTIALS = "Access-Control-Allow-Credentials";

	public static final String ACCESS_CONTROL_ALLOW_METHODS = "Access-Control-Allow-Methods";

	public static final String ACCESS_CONTROL_ALLOW_HEADERS = "Access-Control-Allow-Headers";

	public static final String ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK = "Access-Control-Allow-Private-Network";

	public static final String ACCESS_CONTROL_EXPOSE_HEADERS = "Access-Control-Expose-Headers";

	public static final String ACCESS_CONTROL_MAX_AGE = "Access-Control-Max-Age";

	/** Prefix of every response header this starter owns. */
	public static final String ACCESS_CONTROL_PREFIX = "Access-Control-";

	private CorsHeaders() {
	}

	/**
	 * Whether a header name (or a Vary token) is one of the {@code Access-Control-*}
	 * names, in any case.
	 */
	public static boolean isAccessControl(String name) {
		return name != null && name.regionMatches(true, 0, ACCESS_CONTROL_PREFIX, 0, ACCESS_CONTROL_PREFIX.length());
	}

}
