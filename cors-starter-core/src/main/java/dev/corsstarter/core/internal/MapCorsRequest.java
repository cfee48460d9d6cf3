package dev.corsstarter.core.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;

import dev.corsstarter.core.request.CorsRequest;
import dev.corsstarter.core.request.PathMatching;

/**
 * A {@link CorsRequest} held in memory, for the actuator's dry run and for tests. Header
 * names are case-insensitive and keep the order first added. Without a
 * {@link Builder#server server} any {@code Origin} is cross-origin. Immutable.
 */
public final class MapCorsRequest implements CorsRequest {

	private final Builder state;

	private final PathContainer path;

	private final List<PathContainer> routedPaths;

	private final Map<String, List<String>> headers;

	/** The header names and values in step, so a lookup allocates nothing. */
	private final String[] names;

	private final List<?>[] values;

	private MapCorsRequest(Builder builder) {
		this.state = builder.copy();
		this.path = PathContainer.parsePath(builder.path);
		this.routedPaths = builder.routedPaths.stream().map(PathContainer::parsePath).toList();
		Map<String, List<String>> headers = new LinkedHashMap<>();
		builder.headers.forEach((name, values) -> headers.put(name, List.copyOf(values)));
		this.headers = Collections.unmodifiableMap(headers);
		this.names = this.headers.keySet().toArray(String[]::new);
		this.values = this.headers.values().toArray(List<?>[]::new);
	}

	public static Builder builder() {
		return new Builder();
	}

	public static Builder request(String method, String path) {
		return builder().method(method).path(path);
	}

	public static Builder get(String path) {
		return request("GET", path);
	}

	/**
	 * {@code OPTIONS path} with {@code Origin} and {@code Access-Control-Request-Method}.
	 */
	public static Builder preflight(String path, String origin, String requestMethod) {
		return request("OPTIONS", path).origin(origin).header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, requestMethod);
	}

	/** A builder holding everything this request holds. */
	public Builder toBuilder() {
		return this.state.copy();
	}

	@Override
	public String method() {
		return this.state.method;
	}

	@Override
	public PathContainer path() {
		return this.path;
	}

	@Override
	public String rawPath() {
		return this.state.path;
	}

	@Override
	public List<PathContainer> routedPaths() {
		return this.routedPaths;
	}

	@Override
	public PathMatching pathMatching() {
		return this.state.pathMatching;
	}

	@Override
	public @Nullable String methodOverride() {
		return this.state.methodOverride;
	}

	@Override
	public @Nullable String header(String name) {
		List<String> values = headerValues(name);
		return values.isEmpty() ? null : values.get(0);
	}

	@Override
	public @Nullable String fieldValue(String name) {
		List<String> values = headerValues(name);
		return values.isEmpty() ? null : (values.size() == 1) ? values.get(0) : String.join(",", values);
	}

	public int headerCount(String name) {
		return headerValues(name).size();
	}

	/** All values of a header, in order, empty when absent. */
	@SuppressWarnings("unchecked")
	public List<String> headerValues(String name) {
		for (int i = 0; i < this.names.length; i++) {
			if (this.names[i].equalsIgnoreCase(name)) {
				return (List<String>) this.values[i];
			}
		}
		return List.of();
	}

	@Override
	public @Nullable String scheme() {
		return this.state.scheme;
	}

	@Override
	public @Nullable String host() {
		return this.state.host;
	}

	@Override
	public int port() {
		return this.state.port;
	}

	/** All headers, in the order first added, each with its values in order. */
	public Map<String, List<String>> headers() {
		return this.headers;
	}

	@Override
	public String toString() {
		String server = (host() != null) ? scheme() + "://" + host() + ((port() > 0) ? ":" + port() : "") : "";
		return method() + " " + server + rawPath() + " " + this.headers;
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

		private Builder copy() {
			Builder copy = request(this.method, this.path).server(this.scheme, this.host, this.port);
			this.headers.forEach((name, values) -> copy.header(name, values.toArray(String[]::new)));
			copy.routedPaths.addAll(this.routedPaths);
			return copy.methodOverride(this.methodOverride).pathMatching(this.pathMatching);
		}

		/** A path the server itself routes this request by, besides the path as sent. */
		public Builder routedPath(String path) {
			this.routedPaths.add(Objects.requireNonNull(path, "path"));
			return this;
		}

		public Builder pathMatching(PathMatching pathMatching) {
			this.pathMatching = Objects.requireNonNull(pathMatching, "pathMatching");
			return this;
		}

		public Builder methodOverride(@Nullable String method) {
			this.methodOverride = method;
			return this;
		}

		public Builder method(String method) {
			this.method = Objects.requireNonNull(method, "method");
			return this;
		}

		/** The path within the application as received. */
		public Builder path(String path) {
			this.path = Objects.requireNonNull(path, "path");
			return this;
		}

		/** Add values to a header; the same name in any case adds more. */
		public Builder header(String name, String... values) {
			Objects.requireNonNull(name, "name");
			String key = this.headers.keySet().stream().filter(name::equalsIgnoreCase).findFirst().orElse(name);
			List<String> list = this.headers.computeIfAbsent(key, (k) -> new ArrayList<>());
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
			return header(HttpHeaders.ORIGIN, origin);
		}

		public Builder requestHeaders(String value) {
			return header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, value);
		}

		public Builder privateNetwork() {
			return header(CorsHeaderNames.ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK, "true");
		}

		public Builder secFetchSite(String value) {
			return header(CorsHeaderNames.SEC_FETCH_SITE, value);
		}

		public Builder websocket() {
			return header(HttpHeaders.UPGRADE, "websocket");
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

		/** As the application sees them; {@code null}s for no origin of its own. */
		public Builder server(@Nullable String scheme, @Nullable String host, int port) {
			return scheme(scheme).host(host).port(port);
		}

		public MapCorsRequest build() {
			return new MapCorsRequest(this);
		}

	}

}
