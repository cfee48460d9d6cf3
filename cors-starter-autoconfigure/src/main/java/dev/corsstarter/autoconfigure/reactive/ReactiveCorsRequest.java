package dev.corsstarter.autoconfigure.reactive;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.CollectionUtils;
import org.springframework.util.MultiValueMap;

import dev.corsstarter.autoconfigure.web.CorsRouting;
import dev.corsstarter.core.request.CorsRequest;
import dev.corsstarter.core.request.PathMatching;

/** {@link CorsRequest} over a reactive request, reading headers in place. */
public final class ReactiveCorsRequest implements CorsRequest {

	private final ServerHttpRequest request;

	private final MultiValueMap<String, String> headers;

	private final PathMatching pathMatching;

	private @Nullable String methodOverride;

	public ReactiveCorsRequest(ServerHttpRequest request, CorsRouting routing) {
		this.request = request;
		this.headers = HeaderAccess.map(request.getHeaders());
		this.pathMatching = routing.pathMatching();
	}

	@Override
	public PathMatching pathMatching() {
		return this.pathMatching;
	}

	/** The method the application's hidden-method filter will run this request as. */
	void methodOverride(String method) {
		this.methodOverride = method;
	}

	@Override
	public @Nullable String methodOverride() {
		return this.methodOverride;
	}

	@Override
	public String method() {
		return this.request.getMethod().name();
	}

	@Override
	public PathContainer path() {
		return this.request.getPath().pathWithinApplication();
	}

	@Override
	public @Nullable String header(String name) {
		return this.headers.getFirst(name);
	}

	@Override
	public @Nullable String fieldValue(String name) {
		List<String> values = this.headers.get(name);
		return CollectionUtils.isEmpty(values) ? null : (values.size() == 1) ? values.get(0) : String.join(",", values);
	}

	@Override
	public @Nullable String scheme() {
		return this.request.getURI().getScheme();
	}

	@Override
	public @Nullable String host() {
		return this.request.getURI().getHost();
	}

	@Override
	public int port() {
		return this.request.getURI().getPort();
	}

}
