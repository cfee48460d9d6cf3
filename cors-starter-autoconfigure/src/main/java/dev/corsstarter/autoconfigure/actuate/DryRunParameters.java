package dev.corsstarter.autoconfigure.actuate;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.http.server.PathContainer;

import org.springframework.http.HttpHeaders;
import dev.corsstarter.core.internal.HttpTokens;
import dev.corsstarter.core.internal.MapCorsRequest;

/**
 * Reads the query parameters of a dry run of the {@code cors} endpoint into the request
 * it describes, which is handed to the same {@code CorsEngine#evaluate} the filters call.
 * <p>
 * It is a preflight ({@code OPTIONS} with
 * {@code Access-Control-Request-Method: <method>}) when {@code preflight=true},
 * {@code headers} is given or {@code privateNetwork=true}; otherwise it is an actual
 * request with {@code <method>}. It has no scheme or host of its own, so a given origin
 * is always cross-origin. Parameters that could not occur in a real request are refused
 * with an {@link InvalidEndpointRequestException} (HTTP 400); anything a real request
 * could carry, however malformed, is left for the engine to decide, exactly as the filter
 * would.
 */
final class DryRunParameters {

	/**
	 * Longest parameter value accepted: beyond any well-formed origin, within any
	 * server's request line.
	 */
	static final int MAX_PARAMETER_LENGTH = 2048;

	private static final String OPTIONS = "OPTIONS";

	private DryRunParameters() {
	}

	/** Whether any dry-run parameter is present at all. */
	static boolean isRequested(@Nullable String path, @Nullable String origin, @Nullable String method,
			@Nullable String headers, @Nullable String privateNetwork, @Nullable String preflight) {
		return path != null || origin != null || method != null || headers != null || privateNetwork != null
				|| preflight != null;
	}

	/**
	 * Build the request from the endpoint's parameters.
	 * @throws InvalidEndpointRequestException when a parameter is missing or could not
	 * occur in a real request
	 */
	static MapCorsRequest of(@Nullable String path, @Nullable String origin, @Nullable String method,
			@Nullable String headers, @Nullable String privateNetwork, @Nullable String preflight) {
		checkLength("path", path);
		checkLength("origin", origin);
		checkLength("method", method);
		checkLength("headers", headers);
		checkLength("privateNetwork", privateNetwork);
		checkLength("preflight", preflight);
		if (path == null) {
			throw invalid("A dry run needs the 'path' parameter: the request path within the application "
					+ "(without the context path), e.g. path=/api/orders");
		}
		checkPath(path);
		String requestMethod = (method != null) ? method : "GET";
		if (!HttpTokens.isToken(requestMethod)) {
			throw invalid("Parameter 'method' must be an HTTP method name (an RFC 9110 token), e.g. GET or PUT");
		}
		checkHeaderValue("origin", origin);
		checkHeaderValue("headers", headers);
		Boolean askPrivateNetwork = parseBoolean("privateNetwork", privateNetwork);
		Boolean askPreflight = parseBoolean("preflight", preflight);
		boolean wantsPrivateNetwork = Boolean.TRUE.equals(askPrivateNetwork);
		if (Boolean.FALSE.equals(askPreflight) && (headers != null || wantsPrivateNetwork)) {
			throw invalid("Parameters 'headers' and 'privateNetwork=true' describe a preflight; "
					+ "remove them or 'preflight=false'");
		}
		boolean isPreflight = Boolean.TRUE.equals(askPreflight) || headers != null || wantsPrivateNetwork;
		// no server: a dry run has no origin of its own, so any given origin is
		// cross-origin
		MapCorsRequest.Builder request = MapCorsRequest.request(isPreflight ? OPTIONS : requestMethod, path);
		if (origin != null) {
			request.origin(origin);
		}
		if (isPreflight) {
			request.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, requestMethod);
			if (headers != null) {
				request.requestHeaders(headers);
			}
			if (wantsPrivateNetwork) {
				request.privateNetwork();
			}
		}
		return request.build();
	}

	private static void checkLength(String name, @Nullable String value) {
		if (value != null && value.length() > MAX_PARAMETER_LENGTH) {
			throw invalid("Parameter '" + name + "' is longer than " + MAX_PARAMETER_LENGTH + " characters");
		}
	}

	/**
	 * As the path appears in a request line: absolute, ASCII, percent-encoded, no query
	 * or fragment.
	 */
	private static void checkPath(String path) {
		boolean valid = path.startsWith("/");
		for (int i = 0; valid && i < path.length(); i++) {
			char c = path.charAt(i);
			valid = c > 0x20 && c < 0x7f && c != '?' && c != '#';
		}
		if (valid) {
			try {
				PathContainer.parsePath(path);
				return;
			}
			catch (IllegalArgumentException ex) {
				// a '%' that starts no valid escape: Spring's path parser refuses it
			}
		}
		throw invalid("Parameter 'path' must be a path as sent in the request line: starting with '/', "
				+ "percent-encoded (every '%' followed by two hex digits), without spaces, query or fragment, "
				+ "e.g. path=/api/orders");
	}

	/** Header field values cannot carry control characters other than horizontal tab. */
	private static void checkHeaderValue(String name, @Nullable String value) {
		if (value == null) {
			return;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if ((c < 0x20 && c != '\t') || c == 0x7f) {
				throw invalid("Parameter '" + name + "' contains a control character, which no HTTP header can carry");
			}
		}
	}

	private static @Nullable Boolean parseBoolean(String name, @Nullable String value) {
		if (value == null) {
			return null;
		}
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			default -> throw invalid("Parameter '" + name + "' must be true or false");
		};
	}

	private static InvalidEndpointRequestException invalid(String reason) {
		return new InvalidEndpointRequestException(reason, reason);
	}

}
