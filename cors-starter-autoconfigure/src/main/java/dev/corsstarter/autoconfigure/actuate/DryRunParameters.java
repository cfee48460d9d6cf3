package dev.corsstarter.autoconfigure.actuate;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;

import dev.corsstarter.core.internal.HttpTokens;
import dev.corsstarter.core.internal.MapCorsRequest;
import dev.corsstarter.core.request.PathMatching;

/**
 * A dry run's parameters, read into the request they describe: a preflight when
 * {@code preflight=true}, {@code headers} or {@code privateNetwork=true} is given, else
 * an actual request; a given origin is cross-origin. What no real request could carry is
 * a {@code 400}; the rest, however malformed, is left for the engine, as in the filter.
 */
record DryRunParameters(@Nullable String path, @Nullable String origin, @Nullable String method,
		@Nullable String headers, @Nullable String privateNetwork, @Nullable String preflight) {

	/** Longest value: beyond any well-formed origin, within any request line. */
	static final int MAX_PARAMETER_LENGTH = 2048;

	private static final DryRunParameters NONE = new DryRunParameters(null, null, null, null, null, null);

	boolean isEmpty() {
		return equals(NONE);
	}

	/** The request; a {@code 400} when a parameter is missing or invalid. */
	MapCorsRequest toRequest(PathMatching pathMatching) {
		String[] names = { "path", "origin", "method", "headers", "privateNetwork", "preflight" };
		String[] values = { this.path, this.origin, this.method, this.headers, this.privateNetwork, this.preflight };
		for (int i = 0; i < names.length; i++) {
			if (values[i] != null && values[i].length() > MAX_PARAMETER_LENGTH) {
				throw invalid("Parameter '" + names[i] + "' is longer than " + MAX_PARAMETER_LENGTH + " characters");
			}
		}
		String path = checkPath(this.path);
		String method = (this.method != null) ? this.method : "GET";
		if (!HttpTokens.isToken(method)) {
			throw invalid("Parameter 'method' must be an HTTP method name (an RFC 9110 token), e.g. GET or PUT");
		}
		checkHeaderValue("origin", this.origin);
		checkHeaderValue("headers", this.headers);
		boolean privateNetwork = Boolean.TRUE.equals(parseBoolean("privateNetwork", this.privateNetwork));
		Boolean preflight = parseBoolean("preflight", this.preflight);
		if (Boolean.FALSE.equals(preflight) && (this.headers != null || privateNetwork)) {
			throw invalid("Parameters 'headers' and 'privateNetwork=true' describe a preflight; "
					+ "remove them or 'preflight=false'");
		}
		boolean isPreflight = Boolean.TRUE.equals(preflight) || this.headers != null || privateNetwork;
		MapCorsRequest.Builder request = MapCorsRequest.request(isPreflight ? "OPTIONS" : method, path)
			.pathMatching(pathMatching);
		if (this.origin != null) {
			request.origin(this.origin);
		}
		if (isPreflight) {
			request.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, method);
		}
		if (this.headers != null) {
			request.requestHeaders(this.headers);
		}
		if (privateNetwork) {
			request.privateNetwork();
		}
		return request.build();
	}

	/** As in a request line: absolute, visible ASCII, percent-encoded, no query. */
	private static String checkPath(@Nullable String path) {
		if (path == null) {
			throw invalid("A dry run needs the 'path' parameter: the request path within the application "
					+ "(without the context path), e.g. path=/api/orders");
		}
		boolean valid = path.startsWith("/")
				&& path.chars().allMatch((c) -> c > 0x20 && c < 0x7f && c != '?' && c != '#');
		try {
			// refuses a '%' that starts no valid escape
			PathContainer.parsePath(path);
		}
		catch (IllegalArgumentException ex) {
			valid = false;
		}
		if (valid) {
			return path;
		}
		throw invalid("Parameter 'path' must be a path as sent in the request line: starting with '/', "
				+ "percent-encoded (every '%' followed by two hex digits), without spaces, query or fragment, "
				+ "e.g. path=/api/orders");
	}

	/** No header value carries a control character other than tab. */
	private static void checkHeaderValue(String name, @Nullable String value) {
		if (value != null && value.chars().anyMatch((c) -> (c < 0x20 && c != '\t') || c == 0x7f)) {
			throw invalid("Parameter '" + name + "' contains a control character, which no HTTP header can carry");
		}
	}

	/** Strictly: Spring's conversion would also take {@code yes} or {@code 1}. */
	private static @Nullable Boolean parseBoolean(String name, @Nullable String value) {
		if (value == null) {
			return null;
		}
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "true" -> true;
			case "false" -> false;
			default -> throw invalid("Parameter '" + name + "' must be true or false");
		};
	}

	private static InvalidEndpointRequestException invalid(String reason) {
		return new InvalidEndpointRequestException(reason, reason);
	}

}
