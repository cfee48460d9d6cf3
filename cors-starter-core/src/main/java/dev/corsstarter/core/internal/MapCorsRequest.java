package dev.corsstarter.core.internal;

import java.util.ArrayList;
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
 * A {@link CorsRequest} held in memory, for the dry run and tests; header names are
 * case-insensitive. Without a server, any {@code Origin} is cross-origin.
 */
public record MapCorsRequest(String method, PathContainer path, List<Field> fields, @Nullable String scheme,
		@Nullable String host, int port, List<PathContainer> routedPaths, @Nullable String methodOverride,
		PathMatching pathMatching) implements CorsRequest {

	public static Builder builder() {
		return new Builder();
	}

	public static Builder request(String method, String path) {
		return builder().method(method).path(path);
	}

	public static Builder get(String path) {
		return request("GET", path);
	}

	/** {@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}. */
	public static Builder preflight(String path, String origin, String requestMethod) {
		return request("OPTIONS", path).origin(origin).header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, requestMethod);
	}

	/** A builder holding everything this request holds. */
	public Builder toBuilder() {
		Builder builder = request(this.method, rawPath()).server(this.scheme, this.host, this.port);
		this.fields.forEach((field) -> builder.header(field.name(), field.values().toArray(String[]::new)));
		this.routedPaths.forEach((routed) -> builder.routedPath(routed.value()));
		return builder.methodOverride(this.methodOverride).pathMatching(this.pathMatching);
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

	/** All values of a header, in order, empty when absent; never allocates. */
	public List<String> headerValues(String name) {
		for (int i = 0; i < this.fields.size(); i++) {
			if (this.fields.get(i).name().equalsIgnoreCase(name)) {
				return this.fields.get(i).values();
			}
		}
		return List.of();
	}

	/** All headers, in the order first added, each with its values in order. */
	public Map<String, List<String>> headers() {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		this.fields.forEach((field) -> headers.put(field.name(), field.values()));
		return headers;
	}

	@Override
	public String toString() {
		String server = (this.host != null) ? this.scheme + "://" + this.host + ((this.port > 0) ? ":" + this.port : "")
				: "";
		return this.method + " " + server + rawPath() + " " + headers();
	}

	/** One header and its values, in order. */
	public record Field(String name, List<String> values) {

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

		/** As the application sees them; {@code null}s for no origin of its own. */
		public Builder server(@Nullable String scheme, @Nullable String host, int port) {
			this.scheme = scheme;
			this.host = host;
			this.port = port;
			return this;
		}

		public MapCorsRequest build() {
			List<Field> fields = new ArrayList<>();
			this.headers.forEach((name, values) -> fields.add(new Field(name, List.copyOf(values))));
			return new MapCorsRequest(this.method, PathContainer.parsePath(this.path), List.copyOf(fields), this.scheme,
					this.host, this.port, this.routedPaths.stream().map(PathContainer::parsePath).toList(),
					this.methodOverride, this.pathMatching);
		}

	}

}
