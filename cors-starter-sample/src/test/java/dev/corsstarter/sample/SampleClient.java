package dev.corsstarter.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP against the running sample, with the demo login where asked. */
final class SampleClient {

	static final String DEMO_LOGIN = "Basic "
			+ Base64.getEncoder().encodeToString("demo:demo-password".getBytes(StandardCharsets.UTF_8));

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final int port;

	SampleClient(int port) {
		this.port = port;
	}

	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30));
	}

	HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A preflight for {@code method} from {@code origin}. */
	HttpResponse<String> preflight(String path, String origin, String method) throws IOException, InterruptedException {
		return send(request(path).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", method));
	}

	/** {@code GET /actuator/cors} with the login, as JSON. */
	JsonNode corsEndpoint() throws IOException, InterruptedException {
		HttpResponse<String> response = send(request("/actuator/cors").header("Authorization", DEMO_LOGIN).GET());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response);
	}

	/** {@code POST /admin/tenants} with the login and a JSON body. */
	HttpResponse<String> addTenant(String origin) throws IOException, InterruptedException {
		return addTenant(origin, Duration.ofSeconds(30));
	}

	/**
	 * {@code POST /admin/tenants} with the login and a JSON body, waiting at most
	 * {@code timeout}.
	 */
	HttpResponse<String> addTenant(String origin, Duration timeout) throws IOException, InterruptedException {
		return send(request("/admin/tenants").timeout(timeout)
			.header("Authorization", DEMO_LOGIN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("origin", origin)))));
	}

	/** The origins {@code GET /admin/tenants} lists. */
	List<String> tenants() throws IOException, InterruptedException {
		HttpResponse<String> response = send(request("/admin/tenants").header("Authorization", DEMO_LOGIN).GET());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		List<String> origins = new ArrayList<>();
		json(response).forEach((tenant) -> origins.add(tenant.get("origin").asString()));
		return origins;
	}

	static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

}
