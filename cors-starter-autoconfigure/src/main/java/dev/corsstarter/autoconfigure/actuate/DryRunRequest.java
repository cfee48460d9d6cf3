package dev.corsstarter.autoconfigure.actuate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.http.server.PathContainer;

import dev.corsstarter.core.decision.CorsHeaders;
import dev.corsstarter.core.request.CorsRequest;
import dev.corsstarter.core.request.HttpTokens;

/**
 * The request a dry run of the {@code cors} endpoint describes, built from its query parameters
 * and handed to the same {@code CorsEngine#evaluate} the filters call.
 * <p>
 * It is a preflight ({@code OPTIONS} with {@code Access-Control-Request-Method: <method>}) when
 * {@code preflight=true}, {@code headers} is given or {@code privateNetwork=true}; otherwise it
 * is an actual request with {@code <method>}. It has no scheme or host of its own, so a given
 * origin is always cross-origin. Parameters that could not occur in a real request are refused
 * with an {@link InvalidEndpointRequestException} (HTTP 400); anything a real request could carry,
 * however malformed, is left for the engine to decide, exactly as the filter would.
 */
final class DryRunRequest implements CorsRequest {

	/** Longest parameter value accepted: beyond any well-formed origin, within any server's request line. */
	static final int MAX_PARAMETER_LENGTH = 2048;

	private static final String OPTIONS = "OPTIONS";

	private final String method;

	private final String rawPath;

	private final PathContainer path;

	private final Map<String, String> headers;

	private DryRunRequest(String method, String rawPath, PathContainer path, Map<String, String> headers) {
		this.method = method;
		this.rawPath = rawPath;
		this.path = path;
		this.headers = Collections.unmodifiableMap(headers);
	}

	/** Whether any dry-run parameter is present at all. */
	static boolean isRequested(@Nullable String path, @Nullable String origin, @Nullable String method,
			@Nullable String headers, @Nullable String privateNetwork, @Nullable String preflight) {
		return path != null || origin != null || method != null || headers != null || privateNetwork != null
				|| preflight != null;
	}

	/**
	 * Build the request from the endpoint's parameters.
	 * @throws InvalidEndpointRequestException when a parameter is missing or could not occur in a
	 * real request
	 */
	static DryRunRequest of(@Nullable String path, @Nullable String origin, @Nullable String method,
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
		PathContainer parsedPath = parsePath(path);
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
		Map<String, String> requestHeaders = new LinkedHashMap<>();
		if (origin != null) {
			requestHeaders.put(CorsHeaders.ORIGIN, origin);
		}
		if (isPreflight) {
			requestHeaders.put(CorsHeaders.ACCESS_CONTROL_REQUEST_METHOD, requestMethod);
			if (headers != null) {
				requestHeaders.put(CorsHeaders.ACCESS_CONTROL_REQUEST_HEADERS, headers);
			}
			if (wantsPrivateNetwork) {
				requestHeaders.put(CorsHeaders.ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK, "true");
			}
		}
		return new DryRunRequest(isPreflight ? OPTIONS : requestMethod, path, parsedPath, requestHeaders);
	}

	/**
	 * The method asked about: the {@code Access-Control-Request-Method} of a preflight, else the
	 * request method.
	 */
	String requestedMethod() {
		String requested = this.headers.get(CorsHeaders.ACCESS_CONTROL_REQUEST_METHOD);
		return (requested != null) ? requested : this.method;
	}

	/** The same request asking for these headers only. */
	DryRunRequest withRequestedHeaders(String requestedHeaders) {
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put(CorsHeaders.ACCESS_CONTROL_REQUEST_HEADERS, requestedHeaders);
		return new DryRunRequest(this.method, this.rawPath, this.path, headers);
	}

	/** The path as given. */
	String givenPath() {
		return this.rawPath;
	}

	/** The request headers the dry run sends, in a stable order. */
	Map<String, String> headers() {
		return this.headers;
	}

	@Override
	public String method() {
		return this.method;
	}

	@Override
	public PathContainer path() {
		return this.path;
	}

	@Override
	public @Nullable String header(String name) {
		for (Map.Entry<String, String> header : this.headers.entrySet()) {
			if (header.getKey().equalsIgnoreCase(name)) {
				return header.getValue();
			}
		}
		return null;
	}

	@Override
	public List<String> headerValues(String name) {
		String value = header(name);
		return (value != null) ? List.of(value) : List.of();
	}

	/** None: a dry run has no origin of its own, so any given origin is cross-origin. */
	@Override
	public @Nullable String scheme() {
		return null;
	}

	@Override
	public @Nullable String host() {
		return null;
	}

	@Override
	public int port() {
		return -1;
	}

	private static void checkLength(String name, @Nullable String value) {
		if (value != null && value.length() > MAX_PARAMETER_LENGTH) {
			throw invalid("Parameter '" + name + "' is longer than " + MAX_PARAMETER_LENGTH + " characters");
		}
	}

	/** As the path appears in a request line: absolute, ASCII, percent-encoded, no query or fragment. */
	private static PathContainer parsePath(String path) {
		boolean valid = path.startsWith("/");
		for (int i = 0; valid && i < path.length(); i++) {
			char c = path.charAt(i);
			valid = c > 0x20 && c < 0x7f && c != '?' && c != '#';
		}
		if (valid) {
			try {
				return PathContainer.parsePath(path);
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
