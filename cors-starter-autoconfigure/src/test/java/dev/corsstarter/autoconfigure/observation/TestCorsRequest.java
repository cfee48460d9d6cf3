package dev.corsstarter.autoconfigure.observation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.server.PathContainer;

import dev.corsstarter.core.request.CorsRequest;

/** A request for unit tests: method, path and headers, served from localhost:8080. */
record TestCorsRequest(String method, String pathValue, List<Map.Entry<String, String>> headers) implements CorsRequest {

	static TestCorsRequest of(String method, String path, String... namesAndValues) {
		List<Map.Entry<String, String>> headers = new ArrayList<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.add(Map.entry(namesAndValues[i], namesAndValues[i + 1]));
		}
		return new TestCorsRequest(method, path, headers);
	}

	@Override
	public PathContainer path() {
		return PathContainer.parsePath(this.pathValue);
	}

	@Override
	public String header(String name) {
		List<String> values = headerValues(name);
		return values.isEmpty() ? null : values.get(0);
	}

	@Override
	public int headerCount(String name) {
		return headerValues(name).size();
	}

	@Override
	public List<String> headerValues(String name) {
		return this.headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
	}

	@Override
	public String scheme() {
		return "http";
	}

	@Override
	public String host() {
		return "localhost";
	}

	@Override
	public int port() {
		return 8080;
	}

}
