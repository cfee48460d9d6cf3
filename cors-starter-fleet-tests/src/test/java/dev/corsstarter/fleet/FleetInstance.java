package dev.corsstarter.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * One running application of the fleet, seen from outside as a browser and an operator
 * see it: over HTTP on its own loopback port.
 */
final class FleetInstance implements AutoCloseable {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Missing paths read as {@code null}, so an absent field fails an assertion, not the
	 * parser.
	 */
	private static final Configuration JSON = Configuration.defaultConfiguration()
		.addOptions(Option.SUPPRESS_EXCEPTIONS);

	private final String busId;

	private final ConfigurableApplicationContext context;

	private final URI base;

	private final HttpClient http;

	FleetInstance(String busId, ConfigurableApplicationContext context, HttpClient http) {
		this.busId = busId;
		this.context = context;
		this.base = URI.create("http://127.0.0.1:" + port(context));
		this.http = http;
	}

	static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	String busId() {
		return this.busId;
	}

	/** A CORS preflight for {@code GET /api/x} from {@code origin}. */
	HttpResponse<String> preflight(String origin) {
		return send(HttpRequest.newBuilder(this.base.resolve("/api/x"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "GET"));
	}

	/** {@code GET /actuator/cors}, parsed. */
	DocumentContext cors() {
		HttpResponse<String> response = send(HttpRequest.newBuilder(this.base.resolve("/actuator/cors")).GET());
		if (response.statusCode() != 200) {
			throw new AssertionError(
					this.busId + ": GET /actuator/cors answered " + response.statusCode() + ": " + response.body());
		}
		return JsonPath.using(JSON).parse(response.body());
	}

	/**
	 * The value the instance's Environment holds for {@code name}
	 * ({@code /actuator/env/<name>}), or {@code null} when no property source has it.
	 */
	String property(String name) {
		String encoded = name.replace("[", "%5B").replace("]", "%5D");
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(this.base.resolve("/actuator/env/" + encoded)).GET());
		if (response.statusCode() == 404) {
			return null;
		}
		if (response.statusCode() != 200) {
			throw new AssertionError(this.busId + ": GET /actuator/env/" + name + " answered " + response.statusCode()
					+ ": " + response.body());
		}
		return JsonPath.using(JSON).parse(response.body()).read("$.property.value", String.class);
	}

	/**
	 * The value of a meter's first measurement at
	 * {@code /actuator/metrics/<name>?tag=...}, or {@code null} when the meter does not
	 * exist (404).
	 */
	Double metric(String name, String... tags) {
		StringBuilder path = new StringBuilder("/actuator/metrics/").append(name);
		for (int i = 0; i < tags.length; i++) {
			path.append(i == 0 ? '?' : '&').append("tag=").append(tags[i]);
		}
		HttpResponse<String> response = send(HttpRequest.newBuilder(this.base.resolve(path.toString())).GET());
		if (response.statusCode() == 404) {
			return null;
		}
		if (response.statusCode() != 200) {
			throw new AssertionError(
					this.busId + ": GET " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		List<Map<String, Object>> measurements = JsonPath.using(JSON).parse(response.body()).read("$.measurements");
		return ((Number) measurements.get(0).get("value")).doubleValue();
	}

	/**
	 * {@code POST /actuator/busrefresh}: this instance refreshes and tells the others
	 * over the bus.
	 */
	int busRefresh() {
		return send(HttpRequest.newBuilder(this.base.resolve("/actuator/busrefresh"))
			.POST(HttpRequest.BodyPublishers.noBody())).statusCode();
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(this.busId + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

	@Override
	public String toString() {
		return this.busId + " at " + this.base;
	}

}
