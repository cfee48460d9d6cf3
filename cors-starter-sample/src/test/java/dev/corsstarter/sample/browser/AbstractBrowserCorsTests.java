package dev.corsstarter.sample.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The sample in a real headless Chromium: asserts what JavaScript on a page actually observes
 * when it calls the API from another origin. Pages on {@code http://localhost:<port>} are
 * allowed by the sample's development policy ({@code http://localhost:*}) and call the API at
 * {@code http://127.0.0.1:<port>}; pages on {@code http://127.0.0.1:<port>} are outside every
 * policy and call {@code http://localhost:<port>}. Subclasses choose the stack.
 */
abstract class AbstractBrowserCorsTests {

	/**
	 * Runs {@code fetch(url, init)} in the page and reduces the result to what the page can
	 * observe: {@code outcome} ok (with status, body, every readable header) or blocked (fetch
	 * rejected, with the error's name and message).
	 */
	private static final String FETCH = """
			const url = arguments[0];
			const init = arguments[1];
			const done = arguments[arguments.length - 1];
			fetch(url, Object.assign({ cache: 'no-store' }, init)).then(
				(response) => {
					const headers = {};
					response.headers.forEach((value, name) => { headers[name] = value; });
					return response.text().then((body) => done({
						outcome: 'ok',
						status: response.status,
						body: body,
						headers: headers,
						requestId: response.headers.get('X-Request-Id'),
						internal: response.headers.get('X-Internal'),
					}));
				},
				(error) => done({ outcome: 'blocked', error: error.name + ': ' + error.message }));
			""";

	private static final String DEMO_AUTHORIZATION = "Basic ZGVtbzpkZW1vLXBhc3N3b3Jk"; // demo:demo-password

	private static final List<String> DEMO_SCENARIOS = List.of("simple-get", "json-post", "credentialed",
			"exposed-header", "unauthorized", "server-error", "disallowed-header", "disallowed-method");

	private static Chromium chromium;

	private static String unavailable;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startChromium() throws IOException {
		unavailable = Chromium.unavailableReason();
		if (unavailable == null) {
			chromium = Chromium.start();
		}
	}

	/**
	 * Skips each test, rather than the class, when there is no browser: Surefire then counts and
	 * reports every skipped test instead of silently running none.
	 */
	@BeforeEach
	void requireChromium() {
		Assumptions.assumeTrue(unavailable == null, unavailable);
	}

	@AfterAll
	static void stopChromium() {
		if (chromium != null) {
			chromium.close();
			chromium = null;
		}
	}

	/** {@code servlet} or {@code reactive}, as the API reports it. */
	abstract String expectedStack();

	// --- the demo page -------------------------------------------------------------------

	@Test
	void demoPageShowsEveryScenarioAsExpected() {
		openDemoPage(allowedPage("/"));
		assertResult("simple-get", "ok", 200);
		assertThat(resultBody("simple-get")).contains("Hello from cors-starter").contains(expectedStack());
		assertResult("json-post", "ok", 200);
		assertThat(resultBody("json-post")).contains("hello from " + allowedPage(""));
		assertResult("credentialed", "ok", 200);
		assertThat(resultBody("credentialed")).contains("\"user\":\"demo\"");
		assertResult("exposed-header", "ok", 200);
		Map<String, Object> headers = resultHeaders("exposed-header");
		assertThat(headers.get("x-request-id")).asString().isNotBlank();
		assertThat(headers).containsEntry("x-internal", null);
		assertResult("unauthorized", "ok", 401);
		assertResult("server-error", "ok", 500);
		assertResult("disallowed-header", "blocked", null);
		assertResult("disallowed-method", "blocked", null);
		assertThat(driver().findElements(By.cssSelector("tr[data-as-expected='false']"))).isEmpty();
		// readable error statuses say so; plain successes say ok
		assertThat(resultText("unauthorized")).startsWith("readable");
		assertThat(resultText("server-error")).startsWith("readable");
		assertThat(resultText("simple-get")).startsWith("ok");
		// a blocked row shows the reason the starter gave, which the browser hides from the page
		assertReason("disallowed-header", "header-not-allowed", "x-debug", "policy public");
		assertReason("disallowed-method", "method-not-allowed", "PATCH", "policy api");
		assertThat(driver().findElements(By.cssSelector(".reason"))).hasSize(2);
	}

	@Test
	void demoPageOnAnOriginOutsideThePolicyIsBlockedEverywhere() {
		openDemoPage(otherPage("/"));
		for (String scenario : DEMO_SCENARIOS) {
			assertResult(scenario, "blocked", null);
			assertReason(scenario, "origin-not-allowed", otherPage(""), "policy ");
		}
	}

	@Test
	void demoPageSaysWhyTheReasonIsMissingWhenTheDryRunIsRefused() {
		WebDriver driver = driver();
		driver.get(allowedPage("/?autorun=false"));
		((JavascriptExecutor) driver).executeScript("document.getElementById('password').value = 'wrong';"
				+ "document.getElementById('run').click();");
		new WebDriverWait(driver, Duration.ofSeconds(30))
			.until((d) -> "true".equals(d.findElement(By.id("scenarios")).getDomAttribute("data-done")));
		assertResult("disallowed-header", "blocked", null);
		var reason = driver.findElement(By.id("reason-disallowed-header"));
		assertThat(reason.getDomAttribute("data-reason")).isEmpty();
		assertThat(reason.getText()).contains("not available").contains("401").contains("demo login");
	}

	// --- what fetch observes, one call at a time --------------------------------------------

	@Test
	void simpleGetIsAllowedAndItsBodyReadable() {
		Map<String, Object> result = fetchFromAllowedPage("/api/public/greeting", Map.of());
		assertOk(result, 200);
		assertThat(result.get("body")).asString().contains("Hello from cors-starter").contains(expectedStack());
	}

	@Test
	void preflightedJsonPostIsAllowed() {
		Map<String, Object> result = fetchFromAllowedPage("/api/public/echo", Map.of("method", "POST", "headers",
				Map.of("Content-Type", "application/json"), "body", "{\"text\":\"preflighted\"}"));
		assertOk(result, 200);
		assertThat(result.get("body")).asString().contains("\"text\":\"preflighted\"");
	}

	@Test
	void credentialedCallCarriesAuthorizationAndSucceeds() {
		Map<String, Object> result = fetchFromAllowedPage("/api/account/me",
				Map.of("credentials", "include", "headers", Map.of("Authorization", DEMO_AUTHORIZATION)));
		assertOk(result, 200);
		// the server names the user it authenticated from the Authorization header the browser sent
		assertThat(result.get("body")).asString().contains("\"user\":\"demo\"");
	}

	@Test
	void exposedHeaderIsReadableAndNonExposedIsNot() {
		Map<String, Object> result = fetchFromAllowedPage("/api/public/greeting", Map.of());
		assertOk(result, 200);
		assertThat(result.get("requestId")).asString().matches("[0-9a-f-]{36}");
		assertThat(result).containsEntry("internal", null);
		assertThat(headersOf(result)).containsKey("x-request-id").doesNotContainKey("x-internal");
	}

	@Test
	void unauthorizedResponseIsReadable() {
		Map<String, Object> result = fetchFromAllowedPage("/api/account/me", Map.of("credentials", "include"));
		assertOk(result, 401);
	}

	@Test
	void serverErrorIsReadable() {
		Map<String, Object> result = fetchFromAllowedPage("/api/public/fail", Map.of());
		assertOk(result, 500);
		assertThat(result.get("body")).asString().contains("500");
	}

	@Test
	void disallowedHeaderMakesFetchReject() {
		// control: the same call without the extra header is allowed
		assertOk(fetchFromAllowedPage("/api/public/greeting", Map.of()), 200);
		assertBlocked(fetchFromAllowedPage("/api/public/greeting", Map.of("headers", Map.of("X-Debug", "1"))));
	}

	@Test
	void disallowedMethodMakesFetchReject() {
		Map<String, Object> patch = Map.of("method", "PATCH", "credentials", "include", "headers",
				Map.of("Content-Type", "application/json", "Authorization", DEMO_AUTHORIZATION), "body",
				"{\"name\":\"ristretto\"}");
		assertBlocked(fetchFromAllowedPage("/api/items/1", patch));
		// control: the server does answer PATCH to a caller that is not subject to CORS
		assertOk(fetch(otherPage("/?autorun=false"), otherPage("/api/items/1"), patch), 200);
	}

	@Test
	void disallowedOriginMakesFetchReject() {
		// a page on http://127.0.0.1:<port> calling http://localhost:<port>: no policy allows it
		assertBlocked(fetch(otherPage("/?autorun=false"), allowedPage("/api/public/greeting"), Map.of()));
		// control: the same page reads the same resource on its own origin
		assertOk(fetch(otherPage("/?autorun=false"), otherPage("/api/public/greeting"), Map.of()), 200);
	}

	@Test
	void devOriginPatternAllowsAnyLocalhostPortAndNothingElse() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		byte[] page = "<!DOCTYPE html><title>another origin</title>".getBytes(StandardCharsets.UTF_8);
		server.createContext("/", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, page.length);
			exchange.getResponseBody().write(page);
			exchange.close();
		});
		server.start();
		try {
			int otherPort = server.getAddress().getPort();
			assertThat(otherPort).isNotEqualTo(this.port);
			// http://localhost:* matches a page on another port of localhost ...
			assertOk(fetch("http://localhost:" + otherPort + "/", api("/api/public/greeting"), Map.of()), 200);
			// ... but not one on 127.0.0.1, whatever the port
			assertBlocked(fetch("http://127.0.0.1:" + otherPort + "/", allowedPage("/api/public/greeting"),
					Map.of()));
		}
		finally {
			server.stop(0);
		}
	}

	// --- helpers ----------------------------------------------------------------------------

	/** A URL on the origin the development policy allows. */
	String allowedPage(String path) {
		return "http://localhost:" + this.port + path;
	}

	/** A URL on an origin no policy allows. */
	String otherPage(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	/** The API as the allowed page calls it: a different origin. */
	String api(String path) {
		return otherPage(path);
	}

	private Map<String, Object> fetchFromAllowedPage(String apiPath, Map<String, Object> init) {
		return fetch(allowedPage("/?autorun=false"), api(apiPath), init);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> fetch(String pageUrl, String url, Map<String, Object> init) {
		WebDriver driver = driver();
		if (!pageUrl.equals(driver.getCurrentUrl())) {
			driver.get(pageUrl);
		}
		Object result = ((JavascriptExecutor) driver).executeAsyncScript(FETCH, url, init);
		assertThat(result).as("fetch result from %s to %s", pageUrl, url).isInstanceOf(Map.class);
		return new LinkedHashMap<>((Map<String, Object>) result);
	}

	private void openDemoPage(String url) {
		WebDriver driver = driver();
		driver.get(url);
		new WebDriverWait(driver, Duration.ofSeconds(30))
			.until((d) -> "true".equals(d.findElement(By.id("scenarios")).getDomAttribute("data-done")));
	}

	private void assertResult(String scenario, String outcome, Integer status) {
		var element = driver().findElement(By.id("result-" + scenario));
		assertThat(element.getDomAttribute("data-outcome")).as("%s outcome", scenario).isEqualTo(outcome);
		assertThat(element.getDomAttribute("data-status")).as("%s status", scenario)
			.isEqualTo((status != null) ? status.toString() : "");
	}

	private void assertReason(String scenario, String reason, String rejectedValue, String text) {
		var element = driver().findElement(By.id("reason-" + scenario));
		assertThat(element.getDomAttribute("data-reason")).as("%s reason", scenario).isEqualTo(reason);
		assertThat(element.getDomAttribute("data-rejected-value")).as("%s rejected value", scenario)
			.isEqualTo(rejectedValue);
		assertThat(element.getText()).as("%s reason text", scenario).contains(reason).contains(rejectedValue)
			.contains(text);
	}

	private String resultText(String scenario) {
		return driver().findElement(By.id("result-" + scenario)).getText();
	}

	private String resultBody(String scenario) {
		return driver().findElement(By.id("result-" + scenario)).getDomAttribute("data-body");
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> resultHeaders(String scenario) {
		return (Map<String, Object>) ((JavascriptExecutor) driver()).executeScript(
				"return JSON.parse(document.getElementById(arguments[0]).dataset.headers);", "result-" + scenario);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> headersOf(Map<String, Object> result) {
		return (Map<String, Object>) result.get("headers");
	}

	private static void assertOk(Map<String, Object> result, int status) {
		assertThat(result.get("outcome")).as("fetch outcome: %s", result).isEqualTo("ok");
		assertThat(((Number) result.get("status")).intValue()).as("status visible to the page: %s", result)
			.isEqualTo(status);
	}

	private static void assertBlocked(Map<String, Object> result) {
		assertThat(result.get("outcome")).as("fetch outcome: %s", result).isEqualTo("blocked");
		assertThat(result.get("error")).asString().startsWith("TypeError");
		assertThat(result).doesNotContainKey("status");
	}

	private static WebDriver driver() {
		return chromium.driver();
	}

}
