package dev.corsstarter.core.request;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.springframework.http.server.PathContainer;

import dev.corsstarter.core.decision.CorsHeaders;

/**
 * A {@link CorsRequest} for tests: method, path, headers as a case-insensitive multimap, and the
 * scheme, host and port the application sees (forwarded headers already applied). Immutable;
 * build it with {@link #builder()} or one of the shortcuts.
 */
public final class TestCorsRequest implements CorsRequest {

	/** The server the default request is addressed to. */
	public static final String DEFAULT_SCHEME = "https";

	public static final String DEFAULT_HOST = "api.example.com";

	private final String method;

	private final String rawPath;

	private final PathContainer path;

	private final Map<String, List<String>> headers;

	private final String scheme;

	private final String host;

	private final int port;

	private final List<PathContainer> routedPaths;

	private final String methodOverride;

	private TestCorsRequest(Builder builder) {
		this.method = builder.method;
		this.rawPath = builder.path;
		this.path = PathContainer.parsePath(builder.path);
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		builder.headers.forEach((name, values) -> headers.put(name, List.copyOf(values)));
		this.headers = Collections.unmodifiableMap(headers);
		this.scheme = builder.scheme;
		this.host = builder.host;
		this.port = builder.port;
		this.routedPaths = builder.routedPaths.stream().map(PathContainer::parsePath).toList();
		this.methodOverride = builder.methodOverride;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** {@code method path} on the default server, no headers yet. */
	public static Builder request(String method, String path) {
		return builder().method(method).path(path);
	}

	/** {@code GET path} on the default server, no headers yet. */
	public static Builder get(String path) {
		return request("GET", path);
	}

	/** A preflight: {@code OPTIONS path} with {@code Origin} and {@code Access-Control-Request-Method}. */
	public static Builder preflight(String path, String origin, String requestMethod) {
		return request("OPTIONS", path).origin(origin).header(CorsHeaders.ACCESS_CONTROL_REQUEST_METHOD, requestMethod);
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
	public String rawPath() {
		return this.rawPath;
	}

	@Override
	public List<PathContainer> routedPaths() {
		return this.routedPaths;
	}

	@Override
	public String methodOverride() {
		return this.methodOverride;
	}

	@Override
	public String header(String name) {
		List<String> values = this.headers.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	@Override
	public int headerCount(String name) {
		List<String> values = this.headers.get(name);
		return (values != null) ? values.size() : 0;
	}

	@Override
	public List<String> headerValues(String name) {
		return this.headers.getOrDefault(name, List.of());
	}

	@Override
	public String scheme() {
		return this.scheme;
	}

	@Override
	public String host() {
		return this.host;
	}

	@Override
	public int port() {
		return this.port;
	}

	/** All headers, names case-insensitive, values in order. */
	public Map<String, List<String>> headers() {
		return this.headers;
	}

	@Override
	public String toString() {
		return this.method + " " + this.scheme + "://" + this.host + ((this.port > 0) ? ":" + this.port : "")
				+ this.rawPath + " " + this.headers;
	}

	/** Collects a request; each {@link #header} call adds one more value. */
	public static final class Builder {

		private String method = "GET";

		private String path = "/";

		private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

		private String scheme = DEFAULT_SCHEME;

		private String host = DEFAULT_HOST;

		private int port = -1;

		private final List<String> routedPaths = new ArrayList<>();

		private String methodOverride;

		private Builder() {
		}

		/** A path the server itself routes this request by, besides the path as sent. */
		public Builder routedPath(String path) {
			this.routedPaths.add(Objects.requireNonNull(path, "path"));
			return this;
		}

		/** The method the application runs this request as ({@code _method}). */
		public Builder methodOverride(String method) {
			this.methodOverride = method;
			return this;
		}

		public Builder method(String method) {
			this.method = Objects.requireNonNull(method, "method");
			return this;
		}

		/** The path within the application, parsed as Spring parses it. */
		public Builder path(String path) {
			this.path = Objects.requireNonNull(path, "path");
			return this;
		}

		/** Add values for a header; repeated calls with the same name (any case) add more. */
		public Builder header(String name, String... values) {
			List<String> list = this.headers.computeIfAbsent(name, key -> new ArrayList<>());
			for (String value : values) {
				list.add(Objects.requireNonNull(value, "header value"));
			}
			return this;
		}

		public Builder origin(String origin) {
			return header(CorsHeaders.ORIGIN, origin);
		}

		public Builder requestHeaders(String value) {
			return header(CorsHeaders.ACCESS_CONTROL_REQUEST_HEADERS, value);
		}

		/** {@code Access-Control-Request-Private-Network: true}. */
		public Builder privateNetwork() {
			return header(CorsHeaders.ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK, "true");
		}

		public Builder secFetchSite(String value) {
			return header(CorsHeaders.SEC_FETCH_SITE, value);
		}

		/** {@code Upgrade: websocket} (the method stays as set, normally GET). */
		public Builder websocket() {
			return header(CorsHeaders.UPGRADE, "websocket");
		}

		public Builder scheme(String scheme) {
			this.scheme = scheme;
			return this;
		}

		public Builder host(String host) {
			this.host = host;
			return this;
		}

		/** The port the application sees, or -1 for the scheme's default. */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/** Scheme, host and port at once, as the application sees them. */
		public Builder server(String scheme, String host, int port) {
			return scheme(scheme).host(host).port(port);
		}

		public TestCorsRequest build() {
			return new TestCorsRequest(this);
		}

	}

}
