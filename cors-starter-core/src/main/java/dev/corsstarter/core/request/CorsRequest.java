package dev.corsstarter.core.request;

import org.jspecify.annotations.Nullable;

import java.util.List;

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
	 * The path within the application as received, still encoded: the value of
	 * {@link #path()}. Adapters that can read it without parsing should, so that a
	 * request whose path needs no parsing is decided without it.
	 */
	default String rawPath() {
		return path().value();
	}

	/**
	 * Paths within the application, besides {@link #path()} and its normalised form, by
	 * which the server may route this request to a handler: the servlet container's own
	 * routing path ({@code servletPath + pathInfo}, which resolves {@code //},
	 * {@code ..;}, path parameters and a context path entered twice), or the path Spring
	 * MVC maps controllers with under a servlet path. Each selects a policy too, and the
	 * stricter decision wins. Empty, the default, when there are none or they equal the
	 * raw path.
	 */
	default List<PathContainer> routedPaths() {
		return List.of();
	}

	/**
	 * How the application's handler mappings match paths: each way of matching they use
	 * besides Spring's defaults ({@link PathMatching#DEFAULT}, the default) is applied to
	 * the policies' patterns too, and the stricter decision wins.
	 */
	default PathMatching pathMatching() {
		return PathMatching.DEFAULT;
	}

	/**
	 * The method the application will run this request as instead of {@link #method()},
	 * when it honours a method override such as the {@code _method} form parameter of
	 * Spring's {@code HiddenHttpMethodFilter}; {@code null}, the default, when there is
	 * none. The engine asks only for an actual request from an allowed origin, so an
	 * adapter may read the request body here.
	 */
	default @Nullable String methodOverride() {
		return null;
	}

	/**
	 * The first value of a header, or {@code null}. Names are case-insensitive. For
	 * headers where only the first value counts ({@code Sec-Fetch-Site},
	 * {@code Upgrade}).
	 */
	@Nullable String header(String name);

	/**
	 * A header's field value: {@code null} when absent, its value when it occurs once,
	 * and all its values joined with {@code ","} in order when it occurs more often, as
	 * RFC 9110 (section 5.3) lets a recipient combine field lines. Names are
	 * case-insensitive. Only the repeated case may allocate. A single-valued header that
	 * arrives repeated ({@code Origin}, {@code Access-Control-Request-Method}) thus reads
	 * as the malformed value it is: a comma is allowed in neither.
	 */
	@Nullable String fieldValue(String name);

	/**
	 * The scheme the application sees (forwarded headers applied), for same-origin
	 * detection; {@code null} when unknown, and then no origin is the request's own.
	 */
	@Nullable String scheme();

	/**
	 * The host the application sees (forwarded headers applied); {@code null} when
	 * unknown.
	 */
	@Nullable String host();

	/** The port the application sees, or -1 when it is the scheme's default. */
	int port();

}
