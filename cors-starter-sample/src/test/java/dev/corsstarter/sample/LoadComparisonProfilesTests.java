package dev.corsstarter.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The variants {@code scripts/load-compare.sh} loads must do what the comparison says
 * they do: the ceiling answers every {@code OPTIONS} with a bare 204, Spring Security's
 * {@code cors()} answers with the same policy as cors-starter, and {@code none} writes no
 * CORS header at all.
 */
class LoadComparisonProfilesTests {

	private static final String APP = "https://app.example.com";

	private final HttpClient client = HttpClient.newHttpClient();

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "servlet, compare-ceiling", "reactive, compare-ceiling", "servlet, compare-security-cors",
			"reactive, compare-security-cors", "servlet, compare-none", "reactive, compare-none" })
	void variantAnswersAsTheComparisonAssumes(String stack, String variant) throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.profiles("prod", variant)
			.properties("server.port=0", "spring.main.web-application-type=" + stack, "spring.main.banner-mode=off")
			.run()) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			assertThat(context.getEnvironment().getProperty("cors.enabled")).isEqualTo("false");
			HttpResponse<String> preflight = send(port, preflight(port, APP));
			HttpResponse<String> actual = send(port,
					HttpRequest.newBuilder(uri(port, "/api/items")).header("Origin", APP));
			assertThat(actual.statusCode()).isEqualTo(200);
			switch (variant) {
				case "compare-ceiling" -> {
					assertThat(preflight.statusCode()).isEqualTo(204);
					assertThat(allowOrigin(preflight)).isEmpty();
					assertThat(allowOrigin(actual)).isEmpty();
				}
				case "compare-security-cors" -> {
					assertThat(preflight.statusCode()).isEqualTo(200);
					assertThat(allowOrigin(preflight)).hasValue(APP);
					assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
					assertThat(allowOrigin(actual)).hasValue(APP);
					assertThat(send(port, preflight(port, "https://evil.example.org")).statusCode()).isEqualTo(403);
				}
				default -> {
					assertThat(allowOrigin(preflight)).isEmpty();
					assertThat(allowOrigin(actual)).isEmpty();
				}
			}
		}
	}

	private static HttpRequest.Builder preflight(int port, String origin) {
		return HttpRequest.newBuilder(uri(port, "/api/items"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "PUT")
			.header("Access-Control-Request-Headers", "content-type, authorization");
	}

	private HttpResponse<String> send(int port, HttpRequest.Builder request) throws Exception {
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(int port, String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static Optional<String> allowOrigin(HttpResponse<String> response) {
		return response.headers().firstValue("Access-Control-Allow-Origin");
	}

}
