package dev.corsstarter.sample.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.provider.ArgumentsSource;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The sample in real browsers: asserts what JavaScript on a page actually observes when
 * it calls the API from another origin, in each {@link BrowserEngine} (Chromium, WebKit,
 * Firefox). Every test runs once per engine, named {@code [engine, stack]}. Pages on
 * {@code http://localhost:<port>} are allowed by the sample's development policy
 * ({@code http://localhost:*}) and call the API at {@code http://127.0.0.1:<port>}; pages
 * on {@code http://127.0.0.1:<port>} are outside every policy and call
 * {@code http://localhost:<port>}. Subclasses choose the stack with {@link Stack}.
 * <p>
 * One browser per engine serves every test of a class, started on its first test and
 * stopped after the last.
 */
abstract class AbstractBrowserCorsTests {

	/**
	 * Runs {@code fetch(url, init)} in the page and reduces the result to what the page
	 * can observe: {@code outcome} ok (with status, body, every readable header) or
	 * blocked (fetch rejected, with the error's name and message).
	 */
	private static final String FETCH = """
			const [url, init] = arguments;
			try {
				const response = await fetch(url, Object.assign({ cache: 'no-store' }, init));
				const headers = {};
				response.headers.forEach((value, name) => { headers[name] = value; });
				return {
					outcome: 'ok',
					status: response.status,
					body: await response.text(),
					headers: headers,
					requestId: response.headers.get('X-Request-Id'),
					internal: response.headers.get('X-Internal'),
				};
			}
			catch (error) {
				return { outcome: 'blocked', error: error.name + ': ' + error.message };
			}
			""";

	/**
	 * An element's attributes and rendered text, or {@code null} when there is no such
	 * element.
	 */
	private static final String ELEMENT = """
			const element = document.getElementById(arguments[0]);
			if (!element) {
				return null;
			}
			const attributes = {};
			for (const attribute of element.attributes) {
				attributes[attribute.name] = attribute.value;
			}
			return { text: element.innerText, attributes: attributes };
			""";

	/** Waits until the demo page has run every scenario; false after 30 seconds. */
	private static final String DEMO_DONE = """
			const deadline = Date.now() + 25000;
			while (Date.now() < deadline) {
				const scenarios = document.getElementById('scenarios');
				if (scenarios && scenarios.dataset.done === 'true') {
					return true;
				}
				await new Promise((resolve) => setTimeout(resolve, 50));
			}
			return false;
			""";

	private static final String DEMO_AUTHORIZATION = "Basic ZGVtbzpkZW1vLXBhc3N3b3Jk"; // demo:demo-password

	private static final List<String> DEMO_SCENARIOS = List.of("simple-get", "json-post", "credentialed",
			"exposed-header", "unauthorized", "server-error", "disallowed-header", "disallowed-method");

	private static final Map<BrowserEngine, Browser> browsers = new EnumMap<>(BrowserEngine.class);

	@LocalServerPort
	int port;

	private Browser browser;

	/** The stack a concrete test class runs the sample on, as the API reports it. */
	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.TYPE)
	@interface Stack {

		/** {@code servlet} or {@code reactive}. */
		String value();

	}

	/** One run of a test: the engine, and the stack for the test's name. */
	record Run(BrowserEngine engine, String stack) {

		@Override
		public String toString() {
			return engine.id() + ", " + stack;
		}

	}

	/** Every engine, on the stack of the test class. */
	static final class EveryEngine implements ArgumentsProvider {

		@Override
		public Stream<? extends Arguments> provideArguments(
				org.junit.jupiter.params.support.ParameterDeclarations parameters, ExtensionContext context) {
			String stack = stackOf(context.getRequiredTestClass());
			return Stream.of(BrowserEngine.values()).map((engine) -> Arguments.of(new Run(engine, stack)));
		}

	}

	/**
	 * A test that runs once in every engine, reported as {@code name [engine, stack]}.
	 */
	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.METHOD)
	@ParameterizedTest(name = "[{0}]")
	@ArgumentsSource(EveryEngine.class)
	@interface InEveryEngine {

	}

	static String stackOf(Class<?> testClass) {
		Stack stack = testClass.getAnnotation(Stack.class);
		if (stack == null) {
			throw new IllegalStateException(testClass.getName() + " names no @Stack");
		}
		return stack.value();
	}

	@AfterAll
	static void stopBrowsers() {
		synchronized (browsers) {
			browsers.values().forEach(Browser::close);
			browsers.clear();
		}
	}

	/**
	 * The browser of this run's engine: started on first use, skipped (or failed in CI)
	 * when missing.
	 */
	private Browser use(Run run) throws IOException {
		String unavailable = run.engine().unavailableReason();
		Assumptions.assumeTrue(unavailable == null, unavailable);
		synchronized (browsers) {
			Browser started = browsers.get(run.engine());
			if (started == null) {
				started = run.engine().start();
				browsers.put(run.engine(), started);
			}
			this.browser = started;
			return started;
		}
	}

	/** {@code servlet} or {@code reactive}, as the API reports it. */
	String expectedStack() {
		return stackOf(getClass());
	}

	// --- the demo page
	// -------------------------------------------------------------------

	@InEveryEngine
	void demoPageShowsEveryScenarioAsExpected(Run run) throws IOException {
		use(run);
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
		assertThat(count("tr[data-as-expected='false']")).isZero();
		// readable error statuses say so; plain successes say ok
		assertThat(resultText("unauthorized")).startsWith("readable");
		assertThat(resultText("server-error")).startsWith("readable");
		assertThat(resultText("simple-get")).startsWith("ok");
		// a blocked row shows the reason the starter gave, which the browser hides from
		// the page
		assertReason("disallowed-header", "header-not-allowed", "x-debug", "policy public");
		assertReason("disallowed-method", "method-not-allowed", "PATCH", "policy api");
		assertThat(count(".reason")).isEqualTo(2);
	}

	@InEveryEngine
	void demoPageOnAnOriginOutsideThePolicyIsBlockedEverywhere(Run run) throws IOException {
		use(run);
		openDemoPage(otherPage("/"));
		for (String scenario : DEMO_SCENARIOS) {
			assertResult(scenario, "blocked", null);
			assertReason(scenario, "origin-not-allowed", otherPage(""), "policy ");
		}
	}

	@InEveryEngine
	void demoPageSaysWhyTheReasonIsMissingWhenTheDryRunIsRefused(Run run) throws IOException {
		use(run).open(allowedPage("/?autorun=false"));
		this.browser
			.run("document.getElementById('password').value = 'wrong';" + "document.getElementById('run').click();");
		assertThat(this.browser.run(DEMO_DONE)).as("demo page done").isEqualTo(true);
		assertResult("disallowed-header", "blocked", null);
		Map<String, Object> reason = element("reason-disallowed-header");
		assertThat(attributes(reason).get("data-reason")).isEqualTo("");
		assertThat(reason.get("text")).asString().contains("not available").contains("401").contains("demo login");
	}

	// --- what fetch observes, one call at a time
	// --------------------------------------------

	@InEveryEngine
	void simpleGetIsAllowedAndItsBodyReadable(Run run) throws IOException {
		use(run);
		Map<String, Object> result = fetchFromAllowedPage("/api/public/greeting", Map.of());
		assertOk(result, 200);
		assertThat(result.get("body")).asString().contains("Hello from cors-starter").contains(expectedStack());
	}

	@InEveryEngine
	void preflightedJsonPostIsAllowed(Run run) throws IOException {
		use(run);
		Map<String, Object> result = fetchFromAllowedPage("/api/public/echo", Map.of("method", "POST", "headers",
				Map.of("Content-Type", "application/json"), "body", "{\"text\":\"preflighted\"}"));
		assertOk(result, 200);
		assertThat(result.get("body")).asString().contains("\"text\":\"preflighted\"");
	}

	@InEveryEngine
	void credentialedCallCarriesAuthorizationAndSucceeds(Run run) throws IOException {
		use(run);
		Map<String, Object> result = fetchFromAllowedPage("/api/account/me",
				Map.of("credentials", "include", "headers", Map.of("Authorization", DEMO_AUTHORIZATION)));
		assertOk(result, 200);
		// the server names the user it authenticated from the Authorization header the
		// browser sent
		assertThat(result.get("body")).asString().contains("\"user\":\"demo\"");
	}

	@InEveryEngine
	void exposedHeaderIsReadableAndNonExposedIsNot(Run run) throws IOException {
		use(run);
		Map<String, Object> result = fetchFromAllowedPage("/api/public/greeting", Map.of());
		assertOk(result, 200);
		assertThat(result.get("requestId")).asString().matches("[0-9a-f-]{36}");
		assertThat(result).containsEntry("internal", null);
		assertThat(headersOf(result)).containsKey("x-request-id").doesNotContainKey("x-internal");
	}

	@InEveryEngine
	void unauthorizedResponseIsReadable(Run run) throws IOException {
		use(run);
		Map<String, Object> result = fetchFromAllowedPage("/api/account/me", Map.of("credentials", "include"));
		assertOk(result, 401);
	}

	@InEveryEngine
	void serverErrorIsReadable(Run run) throws IOException {
		use(run);
		Map<String, Object> result = fetchFromAllowedPage("/api/public/fail", Map.of());
		assertOk(result, 500);
		assertThat(result.get("body")).asString().contains("500");
	}

	@InEveryEngine
	void disallowedHeaderMakesFetchReject(Run run) throws IOException {
		use(run);
		// control: the same call without the extra header is allowed
		assertOk(fetchFromAllowedPage("/api/public/greeting", Map.of()), 200);
		assertBlocked(run, fetchFromAllowedPage("/api/public/greeting", Map.of("headers", Map.of("X-Debug", "1"))));
	}

	@InEveryEngine
	void disallowedMethodMakesFetchReject(Run run) throws IOException {
		use(run);
		Map<String, Object> patch = Map.of("method", "PATCH", "credentials", "include", "headers",
				Map.of("Content-Type", "application/json", "Authorization", DEMO_AUTHORIZATION), "body",
				"{\"name\":\"ristretto\"}");
		assertBlocked(run, fetchFromAllowedPage("/api/items/1", patch));
		// control: the server does answer PATCH to a caller that is not subject to CORS
		assertOk(fetch(otherPage("/?autorun=false"), otherPage("/api/items/1"), patch), 200);
	}

	@InEveryEngine
	void disallowedOriginMakesFetchReject(Run run) throws IOException {
		use(run);
		// a page on http://127.0.0.1:<port> calling http://localhost:<port>: no policy
		// allows it
		assertBlocked(run, fetch(otherPage("/?autorun=false"), allowedPage("/api/public/greeting"), Map.of()));
		// control: the same page reads the same resource on its own origin
		assertOk(fetch(otherPage("/?autorun=false"), otherPage("/api/public/greeting"), Map.of()), 200);
	}

	@InEveryEngine
	void devOriginPatternAllowsAnyLocalhostPortAndNothingElse(Run run) throws IOException {
		use(run);
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
			assertBlocked(run,
					fetch("http://127.0.0.1:" + otherPort + "/", allowedPage("/api/public/greeting"), Map.of()));
		}
		finally {
			server.stop(0);
		}
	}

	// --- helpers
	// ----------------------------------------------------------------------------

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
		if (!pageUrl.equals(this.browser.currentUrl())) {
			this.browser.open(pageUrl);
		}
		Object result = this.browser.run(FETCH, url, init);
		assertThat(result).as("fetch result from %s to %s", pageUrl, url).isInstanceOf(Map.class);
		return new LinkedHashMap<>((Map<String, Object>) result);
	}

	private void openDemoPage(String url) {
		this.browser.open(url);
		assertThat(this.browser.run(DEMO_DONE)).as("demo page done").isEqualTo(true);
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> element(String id) {
		Object element = this.browser.run(ELEMENT, id);
		assertThat(element).as("element #%s", id).isInstanceOf(Map.class);
		return (Map<String, Object>) element;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> attributes(Map<String, Object> element) {
		return (Map<String, Object>) element.get("attributes");
	}

	private int count(String selector) {
		return ((Number) this.browser.run("return document.querySelectorAll(arguments[0]).length;", selector))
			.intValue();
	}

	private void assertResult(String scenario, String outcome, Integer status) {
		Map<String, Object> attributes = attributes(element("result-" + scenario));
		assertThat(attributes.get("data-outcome")).as("%s outcome", scenario).isEqualTo(outcome);
		assertThat(attributes.get("data-status")).as("%s status", scenario)
			.isEqualTo((status != null) ? status.toString() : "");
	}

	private void assertReason(String scenario, String reason, String rejectedValue, String text) {
		Map<String, Object> element = element("reason-" + scenario);
		Map<String, Object> attributes = attributes(element);
		assertThat(attributes.get("data-reason")).as("%s reason", scenario).isEqualTo(reason);
		assertThat(attributes.get("data-rejected-value")).as("%s rejected value", scenario).isEqualTo(rejectedValue);
		assertThat(element.get("text")).as("%s reason text", scenario)
			.asString()
			.contains(reason)
			.contains(rejectedValue)
			.contains(text);
	}

	private String resultText(String scenario) {
		return (String) element("result-" + scenario).get("text");
	}

	private String resultBody(String scenario) {
		return (String) attributes(element("result-" + scenario)).get("data-body");
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> resultHeaders(String scenario) {
		return (Map<String, Object>) this.browser
			.run("return JSON.parse(document.getElementById(arguments[0]).dataset.headers);", "result-" + scenario);
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

	private static void assertBlocked(Run run, Map<String, Object> result) {
		assertThat(result.get("outcome")).as("fetch outcome: %s", result).isEqualTo("blocked");
		// the same rejection in every engine, but each words it its own way, and none
		// says why
		assertThat(result.get("error")).as("error seen by the page in %s", run.engine())
			.isEqualTo(switch (run.engine()) {
				case CHROMIUM -> "TypeError: Failed to fetch";
				case WEBKIT -> "TypeError: Load failed";
				case FIREFOX -> "TypeError: NetworkError when attempting to fetch resource.";
			});
		assertThat(result).doesNotContainKey("status");
	}

}
