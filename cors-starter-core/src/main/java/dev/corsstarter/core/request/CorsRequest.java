package dev.corsstarter.core.request;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;

/**
 * The few facts of an HTTP request a CORS decision needs. Each web stack implements it
 * over its own request type without copying headers.
 */
public interface CorsRequest {

	/** The request method, exactly as received. */
	String method();

	/** The path within the application (context path removed), as Spring parses it. */
	PathContainer path();

	/**
	 * {@link #path()} as received, still encoded: read without parsing where possible.
	 */
	default String rawPath() {
		return path().value();
	}

	/**
	 * Other paths the server may route this request by (the container's
	 * {@code servletPath + pathInfo}, or Spring MVC's path under a servlet path): each
	 * selects a policy too, and the stricter decision wins. Empty by default.
	 */
	default List<PathContainer> routedPaths() {
		return List.of();
	}

	/** How the application's handler mappings match paths beyond Spring's defaults. */
	default PathMatching pathMatching() {
		return PathMatching.DEFAULT;
	}

	/**
	 * The method the application runs this request as when it honours an override (such
	 * as {@code HiddenHttpMethodFilter}'s {@code _method}), or {@code null}. Asked only
	 * for an actual request from an allowed origin, so it may read the body.
	 */
	default @Nullable String methodOverride() {
		return null;
	}

	/** The first value of a header (names case-insensitive), or {@code null}. */
	@Nullable String header(String name);

	/**
	 * A header's field value: {@code null} when absent, else its values joined with
	 * {@code ","} (RFC 9110, 5.3), so a repeated single-valued header reads as malformed.
	 * Only the repeated case may allocate.
	 */
	@Nullable String fieldValue(String name);

	/** The scheme the application sees (forwarded headers applied), or {@code null}. */
	@Nullable String scheme();

	/** The host the application sees (forwarded headers applied), or {@code null}. */
	@Nullable String host();

	/** The port the application sees, or -1 when it is the scheme's default. */
	int port();

}
