package dev.corsstarter.sample.browser;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.json.Json;

/**
 * A {@link Browser} behind a classic W3C WebDriver session (chromedriver,
 * WebKitWebDriver). The script crosses as JSON both ways, as it does over WebDriver BiDi,
 * so the engines return the same types.
 */
final class WebDriverBrowser implements Browser {

	static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(30);

	private static final Json JSON = new Json();

	private final WebDriver driver;

	private final Runnable cleanup;

	/**
	 * @param cleanup run after the session has ended, also when ending it failed: stops
	 * the processes the test started for this browser and deletes its profile
	 */
	WebDriverBrowser(WebDriver driver, Runnable cleanup) {
		this.driver = driver;
		this.cleanup = cleanup;
		driver.manage().timeouts().scriptTimeout(SCRIPT_TIMEOUT);
		driver.manage().timeouts().pageLoadTimeout(SCRIPT_TIMEOUT);
	}

	@Override
	public void open(String url) {
		this.driver.get(url);
	}

	@Override
	public Object run(String body, Object... args) {
		String script = "const done = arguments[arguments.length - 1];\n" + "(async function () {\n" + body
				+ "\n}).apply(null, JSON.parse(arguments[0])).then(\n"
				+ "  (value) => done(JSON.stringify({ value: (value === undefined) ? null : value })),\n"
				+ "  (error) => done(JSON.stringify({ error: String(error) })));";
		Object answer = ((JavascriptExecutor) this.driver).executeAsyncScript(script, JSON.toJson(List.of(args)));
		Map<String, Object> result = JSON.toType((String) answer, Json.MAP_TYPE);
		if (result.containsKey("error")) {
			throw new IllegalStateException("Script failed: " + result.get("error"));
		}
		return result.get("value");
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			this.cleanup.run();
		}
	}

}
