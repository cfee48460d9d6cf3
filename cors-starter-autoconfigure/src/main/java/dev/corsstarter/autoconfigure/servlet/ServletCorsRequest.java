package dev.corsstarter.autoconfigure.servlet;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;

import dev.corsstarter.core.request.CorsRequest;

/** {@link CorsRequest} over a servlet request, reading headers in place. */
public final class ServletCorsRequest implements CorsRequest {

	private final HttpServletRequest request;

	private PathContainer path;

	public ServletCorsRequest(HttpServletRequest request) {
		this.request = request;
	}

	@Override
	public String method() {
		return this.request.getMethod();
	}

	@Override
	public PathContainer path() {
		if (this.path == null) {
			this.path = parsePath(this.request.getRequestURI(), this.request.getContextPath());
		}
		return this.path;
	}

	@Override
	public String rawPath() {
		String uri = this.request.getRequestURI();
		String contextPath = this.request.getContextPath();
		if (contextPath.isEmpty()) {
			return uri;
		}
		int length = contextPath.length();
		if (uri.startsWith(contextPath) && (uri.length() == length || uri.charAt(length) == '/')) {
			return uri.substring(length);
		}
		return path().value();
	}

	/**
	 * The path within the application as Spring MVC parses it. Servlet containers remove path
	 * parameters before they decode a URI, so a malformed escape inside one ({@code /api;x=%zz/y})
	 * reaches the application, where Spring's parser refuses it. Path patterns never look at path
	 * parameters, so such a path is matched without them, and a stray {@code %} as a literal,
	 * instead of failing the request. A context path Spring refuses altogether (Spring's
	 * {@code ForwardedHeaderFilter} reports {@code X-Forwarded-Prefix: pfx} as the context path
	 * {@code pfx}) is cut off the request URI as it is.
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

	/** Without path parameters, and with every {@code %} that starts no valid escape escaped. */
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
			if (c == '%' && !(i + 2 < path.length() && isHex(path.charAt(i + 1)) && isHex(path.charAt(i + 2)))) {
				result.append("25");
			}
		}
		return result.toString();
	}

	private static boolean isHex(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

	@Override
	public String header(String name) {
		return this.request.getHeader(name);
	}

	@Override
	public String uniqueHeader(String name) {
		Enumeration<String> values = this.request.getHeaders(name);
		if (values == null || !values.hasMoreElements()) {
			return null;
		}
		String value = values.nextElement();
		return values.hasMoreElements() ? REPEATED : value;
	}

	@Override
	public List<String> headerValues(String name) {
		Enumeration<String> values = this.request.getHeaders(name);
		return (values != null) ? Collections.list(values) : List.of();
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
