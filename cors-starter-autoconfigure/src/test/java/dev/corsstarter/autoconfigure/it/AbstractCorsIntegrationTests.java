package dev.corsstarter.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs the shared behaviour table over real HTTP against a real embedded server with
 * Spring Security. Subclasses choose the stack.
 */
@TestPropertySource(locations = "classpath:cors-it.properties")
abstract class AbstractCorsIntegrationTests {

	@LocalServerPort
	int port;

	@Value("${spring.main.web-application-type}")
	String webApplicationType;

	static List<CorsScenario> scenarios() {
		return CorsScenarios.all();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void behavesAsSpecified(CorsScenario scenario) throws IOException {
		List<Map.Entry<String, String>> headers = scenario.headers.stream()
			.map(h -> Map.entry(h.getKey(), h.getValue().replace("{port}", Integer.toString(this.port))))
			.toList();
		int callsBefore = CorsTestApplication.calls.get();
		RawHttpClient.Response response = RawHttpClient.send(this.port, scenario.method, scenario.path, headers);
		int calls = CorsTestApplication.calls.get() - callsBefore;

		int status = (scenario.reactiveStatus != null && this.webApplicationType.equals("reactive"))
				? scenario.reactiveStatus : scenario.status;
		verify(scenario, containerStatus(scenario, status), response, calls);
	}

	/**
	 * The status of a row where the servlet container answers itself, before any filter
	 * runs; otherwise the status the table expects.
	 */
	int containerStatus(CorsScenario scenario, int status) {
		return status;
	}

	/**
	 * The response to one row as the table says, {@code calls} controller invocations
	 * included.
	 */
	static void verify(CorsScenario scenario, int status, RawHttpClient.Response response, int calls) {
		assertThat(response.status()).as("status; headers %s", response.headers()).isEqualTo(status);
		for (Map.Entry<String, String> expected : scenario.expectHeaders.entrySet()) {
			assertThat(response.values(expected.getKey())).as(expected.getKey()).containsExactly(expected.getValue());
		}
		for (String absent : scenario.absentHeaders) {
			assertThat(response.values(absent)).as(absent).isEmpty();
		}
		if (scenario.noAccessControl) {
			assertThat(response.accessControlHeaderNames()).as("Access-Control-* headers").isEmpty();
		}
		if (scenario.onlyExpectedAccessControl) {
			assertThat(response.accessControlHeaderNames()).as("Access-Control-* headers")
				.containsExactlyInAnyOrderElementsOf(scenario.expectHeaders.keySet()
					.stream()
					.filter(name -> name.regionMatches(true, 0, "Access-Control-", 0, 15))
					.toList());
		}
		Map<String, Long> accessControlCounts = response.accessControlHeaderNames()
			.stream()
			.collect(Collectors.groupingBy(String::toLowerCase, Collectors.counting()));
		assertThat(accessControlCounts.values()).as("each CORS header at most once: %s", response.headers())
			.allMatch(count -> count == 1);
		if (scenario.vary != null) {
			assertThat(response.varyTokens()).as("Vary")
				.containsExactlyInAnyOrder(scenario.vary.toArray(String[]::new));
		}
		assertThat(response.varyTokens()).as("Vary without duplicates").doesNotHaveDuplicates();
		if (scenario.reachesController != null) {
			assertThat(calls).as("controller invocations").isEqualTo(scenario.reachesController ? 1 : 0);
		}
		assertThat(response.headers().toString() + response.body()).as("hostile input is never reflected")
			.doesNotContain("evil.example.org")
			.doesNotContain("<script>")
			.doesNotContain("aaaaaaaaaa");
	}

}
