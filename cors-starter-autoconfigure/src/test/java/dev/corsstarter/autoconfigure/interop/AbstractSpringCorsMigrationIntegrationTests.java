package dev.corsstarter.autoconfigure.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.test.context.TestPropertySource;

import dev.corsstarter.autoconfigure.CorsAutoConfiguration;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.internal.MapCorsRequest;

/**
 * An application with CORS of its own ({@code @CrossOrigin}, {@code addCorsMappings} and
 * a {@code CorsConfigurationSource} bean behind Spring Security's {@code cors()})
 * adopting the starter: what the policy now shadows is named at startup and by
 * {@code /actuator/cors}, and {@code /actuator/corsmigration} converts it into policies.
 * Subclasses choose the stack.
 */
@TestPropertySource(locations = "classpath:cors-interop-it.properties",
		properties = { "test.legacy-source=true", "management.endpoints.web.exposure.include=cors,corsmigration" })
@ExtendWith(OutputCaptureExtension.class)
abstract class AbstractSpringCorsMigrationIntegrationTests {

	static final String APP = InteropTestApplication.APP;

	static final String LEGACY = InteropTestApplication.LEGACY;

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void startupNamesEachShadowedConfigurationOnce(CapturedOutput output) {
		String legacy = "Spring CORS configuration shadowed:"
				+ " @CrossOrigin on InteropTestApplication.Controllers#legacy()"
				+ " on /api/legacy allowing origins [https://app.example.com, https://legacy.example.com], methods [GET]:"
				+ " policy 'api' (cors.policies.api) now decides there and refuses origins [https://legacy.example.com]";
		String mappings = "Spring CORS configuration shadowed: addCorsMappings registration on /api/** allowing origins"
				+ " [https://app.example.com, https://legacy.example.com], methods [GET, POST]: policy 'api'"
				+ " (cors.policies.api) now decides there and refuses origins [https://legacy.example.com]";
		String source = "Spring CORS configuration shadowed: CorsConfigurationSource bean 'corsConfigurationSource'"
				+ " on /api/** allowing origins [https://app.example.com, https://legacy.example.com], methods"
				+ " [GET, POST, DELETE] with credentials: policy 'api' (cors.policies.api) now decides there and"
				+ " refuses origins [https://legacy.example.com], methods [DELETE]";
		for (String line : List.of(legacy, mappings, source)) {
			assertThat(occurrences(output.getOut(), line)).as(line).isEqualTo(1);
		}
		assertThat(output.getOut()).contains("WARN").doesNotContain("on /open/annotated allowing");
	}

	@Test
	@SuppressWarnings("unchecked")
	void corsEndpointListsWhatThePoliciesShadow() throws Exception {
		HttpResponse<String> response = get("/actuator/cors");
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> body = json.readValue(response.body(), Map.class);
		List<Map<String, Object>> shadowed = (List<Map<String, Object>>) body.get("shadowedSpringCors");
		assertThat(shadowed).extracting((entry) -> entry.get("kind") + " " + entry.get("pathPattern"))
			.containsExactlyInAnyOrder("@CrossOrigin /api/legacy", "addCorsMappings /api/**",
					"CorsConfigurationSource bean /api/**");
		Map<String, Object> legacy = shadowed.stream()
			.filter((entry) -> "@CrossOrigin".equals(entry.get("kind")))
			.findFirst()
			.orElseThrow();
		assertThat(legacy).containsEntry("name", "InteropTestApplication.Controllers#legacy()")
			.containsEntry("policies", List.of("api"))
			.containsEntry("allowedOrigins", List.of(APP, LEGACY))
			.containsEntry("refusedOrigins", List.of(LEGACY))
			.containsEntry("unused", false);
	}

	@Test
	void migrationEndpointConvertsTheSpringConfigurationIntoPoliciesThatDecideAsBefore() throws Exception {
		HttpResponse<String> response = get("/actuator/corsmigration");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
		String yaml = response.body();
		assertThat(yaml)
			.contains("    api-legacy:\n      # from @CrossOrigin on InteropTestApplication.Controllers#legacy()"
					+ " on /api/legacy\n      path-patterns: [\"/api/legacy\"]\n      allowed-origins: [\"" + APP
					+ "\", \"" + LEGACY + "\"]\n      allowed-methods: [\"GET\"]\n")
			.contains("      max-age: 1h\n")
			.contains("    open-annotated:\n")
			// the source bean and the mappings both configure /api/**: Spring combined
			// them
			.containsPattern(
					"# Not converted:\\n# - CorsConfigurationSource bean 'corsConfigurationSource' on /api/\\*\\*"
							+ "|# Not converted:\\n# - addCorsMappings registration on /api/\\*\\*")
			.contains("is also configured by");

		YamlPropertiesFactoryBean factory = new YamlPropertiesFactoryBean();
		factory.setResources(new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
		Properties properties = factory.getObject();
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(CorsAutoConfiguration.class))
			.withPropertyValues(properties.entrySet()
				.stream()
				.map((entry) -> entry.getKey() + "=" + entry.getValue())
				.toArray(String[]::new))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CorsEngine engine = context.getBean(CorsPolicyRegistry.class).current();
				// what Spring allowed on the converted paths, the converted policies
				// allow
				for (String path : List.of("/api/legacy", "/open/annotated")) {
					assertThat(engine.evaluate(MapCorsRequest.get(path).origin(LEGACY).build()).isAllowed()).as(path)
						.isTrue();
					CorsDecision evil = engine
						.evaluate(MapCorsRequest.get(path).origin("https://evil.example.net").build());
					assertThat(evil.isRejected()).as(path).isTrue();
				}
			});
	}

	private static int occurrences(String text, String line) {
		Matcher matcher = Pattern.compile(Pattern.quote(line)).matcher(text);
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

	private HttpResponse<String> get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
