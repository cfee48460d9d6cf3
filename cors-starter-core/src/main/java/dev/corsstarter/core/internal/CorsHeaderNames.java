package dev.corsstarter.core.internal;

/**
 * Header names Spring's {@code HttpHeaders} does not define (Private Network Access,
 * Fetch).
 */
public final class CorsHeaderNames {

	public static final String ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK = "Access-Control-Request-Private-Network";

	public static final String ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK = "Access-Control-Allow-Private-Network";

	public static final String SEC_FETCH_SITE = "Sec-Fetch-Site";

	private CorsHeaderNames() {
	}

	/**
	 * Whether a header name or {@code Vary} token is an {@code Access-Control-*} name.
	 */
	public static boolean isAccessControl(String name) {
		return name != null && name.regionMatches(true, 0, "Access-Control-", 0, 15);
	}

}
