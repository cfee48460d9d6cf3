package dev.corsstarter.core.request;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.http.server.PathContainer;

import dev.corsstarter.core.decision.CorsHeaders;

/**
 * A {@link CorsRequest} held in memory: method, path, headers (names case-insensitive, in
 * the order first added, each with its values in order), and the scheme, host and port
 * the application sees. Without a server ({@link Builder#server}) the request has no
 * origin of its own, so any {@code Origin} is cross-origin. For explaining a decision
 * without a request (a dry run), tests and tools; immutable, built with
 * {@link #builder()} or a shortcut.
 */
public final class MapCorsRequest implements CorsRequest {

	private final String method;

	private final String rawPath;

	private final PathContainer path;

	private final Map<String, List<String>> headers;

	/** The header names and their values, in step: looked up without allocating. */
	private final String[] names;

	private final List<?>[] values;

	private final @Nullable String scheme;

	private final @Nullable String host;

	private final int port;

	private final List<PathContainer> routedPaths;

	private final @Nullable String methodOverride;

	private final PathMatching pathMatching;

	private MapCorsRequest(Builder builder) {
		this.method = builder.method;
		this.rawPath = builder.path;
		this.path = PathContainer.parsePath(builder.path);
		Map<String, List<String>> headers = new LinkedHashMap<>();
		builder.headers.forEach((name, values) -> headers.put(name, List.copyOf(values)));
		this.headers = Collections.unmodifiableMap(headers);
		this.names = headers.keySet().toArray(String[]::new);
		this.values = headers.values().toArray(List<?>[]::new);
		this.scheme = builder.scheme;
		this.host = builder.host;
		this.port = builder.port;
		this.routedPaths = builder.routedPaths.stream().map(PathContainer::parsePath).toList();
		this.methodOverride = builder.methodOverride;
		this.pathMatching = builder.pathMatching;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** {@code method path}, no headers yet. */
	public static Builder request(String method, String path) {
		return builder().method(method).path(path);
	}

	/** {@code GET path}, no headers yet. */
	public static Builder get(String path) {
		return request("GET", path);
	}

	/**
	 * A preflight: {@code OPTIONS path} with {@code Origin} and
	 * {@code Access-Control-Request-Method}.
	 */
	public static Builder preflight(String path, String origin, String requestMethod) {
		return request("OPTIONS", path).origin(origin).header(CorsHeaders.ACCESS_CONTROL_REQUEST_METHOD, requestMethod);
	}

	/** A builder holding everything this request holds, to change some of it. */
	public Builder toBuilder() {
		Builder builder = builder().method(this.method).path(this.rawPath).server(this.scheme, this.host, this.port);
		this.headers.forEach((name, values) -> builder.header(name, values.toArray(String[]::new)));
		this.routedPaths.forEach(routed -> builder.routedPath(routed.value()));
		return builder.methodOverride(this.methodOverride).pathMatching(this.pathMatching);
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
	public PathMatching pathMatching() {
		return this.pathMatching;
	}

	@Override
	public @Nullable String methodOverride() {
		return this.methodOverride;
	}

	@Override
	public @Nullable String header(String name) {
		List<String> values = values(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	@Override
	public @Nullable String fieldValue(String name) {
		List<String> values = values(name);
		if (values == null || values.isEmpty()) {
			return null;
		}
		return (values.size() == 1) ? values.get(0) : String.join(",", values);
	}

	/** How many times a header occurs. */
	public int headerCount(String name) {
		List<String> values = values(name);
		return (values != null) ? values.size() : 0;
	}

	/** All values of a header, in order, empty when absent. */
	public List<String> headerValues(String name) {
		List<String> values = values(name);
		return (values != null) ? values : List.of();
	}

	@Override
	public @Nullable String scheme() {
		return this.scheme;
	}

	@Override
	public @Nullable String host() {
		return this.host;
	}

	@Override
	public int port() {
		return this.port;
	}

	/** All headers, in the order first added, each with its values in order. */
	public Map<String, List<String>> headers() {
		return this.headers;
	}

	@SuppressWarnings("unchecked")
	private @Nullable List<String> values(String name) {
		for (int i = 0; i < this.names.length; i++) {
			if (this.names[i].equalsIgnoreCase(name)) {
				return (List<String>) this.values[i];
			}
		}
		return null;
	}

	@Override
	public String toString() {
		String server = (this.host != null) ? this.scheme + "://" + this.host + ((this.port > 0) ? ":" + this.port : "")
				: "";
		return this.method + " " + server + this.rawPath + " " + this.headers;
	}

	/** Collects a request; each {@link #header} call adds one more value. */
	public static final class Builder {

		private String method = "GET";

		private String path = "/";

		private final Map<String, List<String>> headers = new LinkedHashMap<>();

		private @Nullable String scheme;

		private @Nullable String host;

		private int port = -1;

		private final List<String> routedPaths = new ArrayList<>();

		private @Nullable String methodOverride;

		private PathMatching pathMatching = PathMatching.DEFAULT;

		private Builder() {
		}

		/** A path the server itself routes this request by, besides the path as sent. */
		public Builder routedPath(String path) {
			this.routedPaths.add(Objects.requireNonNull(path, "path"));
			return this;
		}

		/** How the application's handler mappings match paths. */
		public Builder pathMatching(PathMatching pathMatching) {
			this.pathMatching = Objects.requireNonNull(pathMatching, "pathMatching");
			return this;
		}

		/**
		 * The method the application runs this request as ({@code _method}), or
		 * {@code null}.
		 */
		public Builder methodOverride(@Nullable String method) {
			this.methodOverride = method;
			return this;
		}

		public Builder method(String method) {
			this.method = Objects.requireNonNull(method, "method");
			return this;
		}

		/** The path within the application as received, parsed as Spring parses it. */
		public Builder path(String path) {
			this.path = Objects.requireNonNull(path, "path");
			return this;
		}

		/**
		 * Add values for a header; repeated calls with the same name (any case) add more.
		 */
		public Builder header(String name, String... values) {
			@Nullable List<String> list = null;
			for (Map.Entry<String, List<String>> header : this.headers.entrySet()) {
				if (header.getKey().equalsIgnoreCase(name)) {
					list = header.getValue();
				}
			}
			if (list == null) {
				list = new ArrayList<>();
				this.headers.put(Objects.requireNonNull(name, "name"), list);
			}
			for (String value : values) {
				list.add(Objects.requireNonNull(value, "header value"));
			}
			return this;
		}

		/** Replace every value of a header (any case) with these. */
		public Builder setHeader(String name, String... values) {
			this.headers.keySet().removeIf(name::equalsIgnoreCase);
			return header(name, values);
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

		public Builder scheme(@Nullable String scheme) {
			this.scheme = scheme;
			return this;
		}

		public Builder host(@Nullable String host) {
			this.host = host;
			return this;
		}

		/** The port the application sees, or -1 for the scheme's default. */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * Scheme, host and port at once, as the application sees them (forwarded headers
		 * applied); {@code null} scheme and host for a request with no origin of its own.
		 */
		public Builder server(@Nullable String scheme, @Nullable String host, int port) {
			return scheme(scheme).host(host).port(port);
		}

		public MapCorsRequest build() {
			return new MapCorsRequest(this);
		}

	}

}
