package dev.corsstarter.autoconfigure.servlet;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;

import dev.corsstarter.core.request.CorsRequest;

/** {@link CorsRequest} over a servlet request, reading headers in place. */
final class ServletCorsRequest implements CorsRequest {

	private final HttpServletRequest request;

	private PathContainer path;

	ServletCorsRequest(HttpServletRequest request) {
		this.request = request;
	}

	@Override
	public String method() {
		return this.request.getMethod();
	}

	@Override
	public PathContainer path() {
		if (this.path == null) {
			this.path = RequestPath.parse(this.request.getRequestURI(), this.request.getContextPath())
				.pathWithinApplication();
		}
		return this.path;
	}

	@Override
	public String header(String name) {
		return this.request.getHeader(name);
	}

	@Override
	public int headerCount(String name) {
		Enumeration<String> values = this.request.getHeaders(name);
		int count = 0;
		while (values != null && values.hasMoreElements() && count < 2) {
			values.nextElement();
			count++;
		}
		return count;
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
