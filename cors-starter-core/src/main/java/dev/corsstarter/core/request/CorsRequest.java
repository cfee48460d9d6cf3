package dev.corsstarter.core.request;

import java.util.List;

import org.springframework.http.server.PathContainer;

/**
 * The few facts of an HTTP request a CORS decision needs. Each web stack implements it over its
 * own request type without copying headers.
 */
public interface CorsRequest {

	/** The request method, exactly as received. */
	String method();

	/** The path within the application (context path removed), as Spring parses it. */
	PathContainer path();

	/**
	 * The path within the application as received, still encoded: the value of {@link #path()}.
	 * Adapters that can read it without parsing should, so that a request whose path needs no
	 * parsing is decided without it.
	 */
	default String rawPath() {
		return path().value();
	}

	/**
	 * Paths within the application, besides {@link #path()} and its normalised form, by which
	 * the server may route this request to a handler: the servlet container's own routing path
	 * ({@code servletPath + pathInfo}, which resolves {@code //}, {@code ..;}, path parameters and
	 * a context path entered twice), or the path Spring MVC maps controllers with under a servlet
	 * path. Each selects a policy too, and the stricter decision wins. Empty, the default, when
	 * there are none or they equal the raw path.
	 */
	default List<PathContainer> routedPaths() {
		return List.of();
	}

	/**
	 * The method the application will run this request as instead of {@link #method()}, when it
	 * honours a method override such as the {@code _method} form parameter of Spring's
	 * {@code HiddenHttpMethodFilter}; {@code null}, the default, when there is none. The engine
	 * asks only for an actual request from an allowed origin, so an adapter may read the request
	 * body here.
	 */
	default String methodOverride() {
		return null;
	}

	/** The first value of a header, or {@code null}. Names are case-insensitive. */
	String header(String name);

	/** All values of a header, in order, empty when absent. Only used on the rare repeated-header path. */
	List<String> headerValues(String name);

	/** How many times a header occurs (0, 1, 2 or more; counting may stop at 2). */
	default int headerCount(String name) {
		return headerValues(name).size();
	}

	/**
	 * A header that should occur at most once, read in one look-up: {@code null} when absent, its
	 * value when present once, {@link #REPEATED} (compare by identity) when present more often.
	 */
	default String uniqueHeader(String name) {
		List<String> values = headerValues(name);
		return values.isEmpty() ? null : (values.size() > 1) ? REPEATED : values.get(0);
	}

	/**
	 * What {@link #uniqueHeader} returns for a repeated header: a private instance, so no request
	 * value is ever identical to it.
	 */
	@SuppressWarnings("StringOperationCanBeSimplified")
	String REPEATED = new String("(repeated)");

	/** The scheme the application sees (forwarded headers applied), for same-origin detection. */
	String scheme();

	/** The host the application sees (forwarded headers applied). */
	String host();

	/** The port the application sees, or -1 when it is the scheme's default. */
	int port();

}
