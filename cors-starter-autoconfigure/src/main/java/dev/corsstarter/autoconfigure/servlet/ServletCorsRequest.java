package dev.corsstarter.autoconfigure.servlet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.util.UriUtils;

import dev.corsstarter.autoconfigure.web.CorsRouting;
import dev.corsstarter.core.internal.MethodOverride;
import dev.corsstarter.core.request.CorsRequest;
import dev.corsstarter.core.request.PathMatching;

/**
 * {@link CorsRequest} over a servlet request, reading headers in place. Besides the
 * request URI, it reports the path the container routed the request by, and, under a
 * Spring MVC servlet path, the path controllers are mapped with, so that each meets its
 * policy.
 */
public final class ServletCorsRequest implements CorsRequest {

	private static final CorsRouting DEFAULT_ROUTING = CorsRouting.of(CorsRouting.Stack.SERVLET);

	private final HttpServletRequest request;

	private final CorsRouting routing;

	private final PathMatching pathMatching;

	private @Nullable PathContainer path;

	private @Nullable String rawPath;

	/** A request of an application that routes as Spring does by default. */
	public ServletCorsRequest(HttpServletRequest request) {
		this(request, DEFAULT_ROUTING);
	}

	public ServletCorsRequest(HttpServletRequest request, CorsRouting routing) {
		this.request = request;
		this.routing = routing;
		this.pathMatching = routing.pathMatching();
	}

	@Override
	public PathMatching pathMatching() {
		return this.pathMatching;
	}

	@Override
	public String method() {
		return this.request.getMethod();
	}

	@Override
	public PathContainer path() {
		PathContainer path = this.path;
		return (path != null) ? path
				: (this.path = parsePath(this.request.getRequestURI(), this.request.getContextPath()));
	}

	@Override
	public String rawPath() {
		String rawPath = this.rawPath;
		return (rawPath != null) ? rawPath : (this.rawPath = readRawPath());
	}

	private String readRawPath() {
		String uri = this.request.getRequestURI();
		int length = this.request.getContextPath().length();
		if (length == 0) {
			return uri;
		}
		boolean prefixed = uri.startsWith(this.request.getContextPath())
				&& (uri.length() == length || uri.charAt(length) == '/');
		return prefixed ? uri.substring(length) : path().value();
	}

	/**
	 * The container's routing path ({@code servletPath + pathInfo}: decoded, normalised,
	 * context path removed, as the container matched it against servlet mappings) when it
	 * differs from the raw path, and, for a request mapped to the dispatcher servlet
	 * path, the path within it.
	 */
	@Override
	public List<PathContainer> routedPaths() {
		String servletPath = this.request.getServletPath();
		String pathInfo = this.request.getPathInfo();
		String dispatcherPath = this.routing.servletPath();
		boolean underDispatcher = dispatcherPath != null && dispatcherPath.equals(servletPath);
		if (pathInfo == null && !underDispatcher && (servletPath.isEmpty() || servletPath.equals(rawPath()))) {
			// the common case: the container routed by the path as sent (or, outside a
			// container, did not say how it routed)
			return List.of();
		}
		List<PathContainer> paths = new ArrayList<>(2);
		String routed = (pathInfo != null) ? servletPath + pathInfo : servletPath;
		if (!routed.equals(rawPath())) {
			paths.add(encoded(routed));
		}
		if (underDispatcher) {
			paths.add(encoded((pathInfo != null) ? pathInfo : "/"));
		}
		return paths;
	}

	/** A decoded path as a path container, encoded so it reads back as it was. */
	private static PathContainer encoded(String decoded) {
		return PathContainer.parsePath(UriUtils.encodePath(decoded, StandardCharsets.UTF_8));
	}

	/**
	 * The {@code _method} form parameter of a {@code POST}, upper-cased, when the
	 * application honours it and it names a method {@code HiddenHttpMethodFilter}
	 * switches to. Reading it parses a form body, as that filter will do anyway.
	 */
	@Override
	public @Nullable String methodOverride() {
		String parameter = this.routing.methodOverrideParameter();
		if (parameter == null || !"POST".equals(this.request.getMethod())) {
			return null;
		}
		try {
			return MethodOverride.of(this.request.getParameter(parameter));
		}
		catch (RuntimeException ex) {
			return null; // a body the container cannot parse as a form has no override
		}
	}

	/**
	 * The path within the application as Spring MVC parses it; a path Spring refuses (a
	 * malformed escape in a path parameter, {@code /api;x=%zz/y}) without its path
	 * parameters and with a stray {@code %} as a literal, and a context path Spring
	 * refuses ({@code X-Forwarded-Prefix: pfx}) cut off as it is.
	 */
	static PathContainer parsePath(String requestUri, String contextPath) {
		try {
			return RequestPath.parse(requestUri, contextPath).pathWithinApplication();
		}
		catch (IllegalArgumentException ex) {
			try {
				return RequestPath.parse(lenient(requestUri), lenient(contextPath)).pathWithinApplication();
			}
			catch (IllegalArgumentException invalidContextPath) {
				String path = (contextPath != null && requestUri.startsWith(contextPath))
						? requestUri.substring(contextPath.length()) : requestUri;
				return PathContainer.parsePath(lenient(path));
			}
		}
	}

	/**
	 * Without path parameters, and each {@code %} that starts no valid escape escaped.
	 */
	private static String lenient(String path) {
		StringBuilder result = new StringBuilder(path.length() + 8);
		boolean parameters = false;
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c == '/') {
				parameters = false;
			}
			else if (c == ';') {
				parameters = true;
			}
			if (parameters) {
				continue;
			}
			result.append(c);
			if (c == '%' && !(i + 2 < path.length() && HexFormat.isHexDigit(path.charAt(i + 1))
					&& HexFormat.isHexDigit(path.charAt(i + 2)))) {
				result.append("25");
			}
		}
		return result.toString();
	}

	@Override
	public @Nullable String header(String name) {
		return this.request.getHeader(name);
	}

	@Override
	public @Nullable String fieldValue(String name) {
		Enumeration<String> values = this.request.getHeaders(name);
		if (values == null || !values.hasMoreElements()) {
			return null;
		}
		String value = values.nextElement();
		return values.hasMoreElements() ? value + "," + String.join(",", Collections.list(values)) : value;
	}

	@Override
	public String scheme() {
		return this.request.getScheme();
	}

	@Override
	public String host() {
		return this.request.getServerName();
	}

	@Override
	public int port() {
		return this.request.getServerPort();
	}

}
