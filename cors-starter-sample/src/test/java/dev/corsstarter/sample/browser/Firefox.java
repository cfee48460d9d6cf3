package dev.corsstarter.sample.browser;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.bidi.BiDi;
import org.openqa.selenium.bidi.Command;
import org.openqa.selenium.bidi.Connection;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.remote.http.ClientConfig;
import org.openqa.selenium.remote.http.HttpClient;

/**
 * Headless Firefox from the Debian package {@code firefox-esr}, driven over WebDriver
 * BiDi, which Firefox speaks itself: Debian ships no geckodriver, and none is downloaded.
 * The test starts Firefox with {@code --remote-debugging-port=0} and a fresh profile;
 * Firefox writes the port it chose to {@code WebDriverBiDiServer.json} in that profile.
 * Selenium's own BiDi client ({@link Connection}, {@link BiDi}) carries the commands over
 * the WebSocket; the commands are the standard's ({@code session.new},
 * {@code browsingContext.navigate}, {@code script.callFunction}) because Selenium's typed
 * BiDi modules need a {@code WebDriver} session, which only geckodriver would provide.
 */
final class Firefox implements Browser {

	/**
	 * Without the first, a cross-origin {@code 401} with {@code WWW-Authenticate: Basic}
	 * opens a login dialog (Firefox's default lets cross-origin subresources ask for
	 * credentials), and {@code fetch} waits for an answer nobody gives. The others keep a
	 * test run off the network.
	 */
	static final String USER_JS = """
			user_pref("network.auth.subresource-http-auth-allow", 1);
			user_pref("app.update.disabledForTesting", true);
			user_pref("app.normandy.enabled", false);
			user_pref("browser.shell.checkDefaultBrowser", false);
			user_pref("browser.startup.homepage_override.mstone", "ignore");
			user_pref("datareporting.policy.dataSubmissionEnabled", false);
			user_pref("network.captive-portal-service.enabled", false);
			user_pref("network.connectivity-service.enabled", false);
			user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);
			""";

	private static final Duration TIMEOUT = WebDriverBrowser.SCRIPT_TIMEOUT;

	private static final Json JSON = new Json();

	private final Process process;

	private final Path profile;

	private final BiDi bidi;

	private final String context;

	private Firefox(Process process, Path profile, BiDi bidi, String context) {
		this.process = process;
		this.profile = profile;
		this.bidi = bidi;
		this.context = context;
	}

	static Browser start(Path firefox) throws IOException {
		Path profile = Files.createTempDirectory("cors-firefox-");
		Process process = null;
		BiDi bidi = null;
		try {
			Files.writeString(profile.resolve("user.js"), USER_JS, StandardCharsets.UTF_8);
			process = new ProcessBuilder(firefox.toString(), "--headless", "--no-remote", "--profile",
					profile.toString(), "--remote-debugging-port=0", "about:blank")
				.redirectErrorStream(true)
				.redirectOutput(profile.resolve("firefox.log").toFile())
				.start();
			URI endpoint = URI.create("ws://127.0.0.1:" + awaitPort(profile, process) + "/session");
			HttpClient client = HttpClient.Factory.createDefault()
				.createClient(ClientConfig.defaultConfig().baseUri(endpoint).readTimeout(TIMEOUT));
			bidi = new BiDi(new Connection(client, endpoint.toString()), TIMEOUT);
			bidi.send(command("session.new", Map.of("capabilities", Map.of())));
			List<?> contexts = (List<?>) bidi.send(command("browsingContext.getTree", Map.of())).get("contexts");
			String context = (String) ((Map<?, ?>) contexts.get(0)).get("context");
			return new Firefox(process, profile, bidi, context);
		}
		catch (IOException | RuntimeException ex) {
			if (bidi != null) {
				bidi.close();
			}
			Cleanup.stop(process);
			throw new IllegalStateException("Firefox did not start; its profile and log are in " + profile, ex);
		}
	}

	/**
	 * The port Firefox chose, from the file it writes into the profile once BiDi listens.
	 */
	private static int awaitPort(Path profile, Process process) throws IOException {
		Path server = profile.resolve("WebDriverBiDiServer.json");
		Instant deadline = Instant.now().plus(TIMEOUT);
		while (Instant.now().isBefore(deadline) && process.isAlive()) {
			if (Files.isRegularFile(server)) {
				Map<String, Object> listening = JSON.toType(Files.readString(server), Json.MAP_TYPE);
				Object port = listening.get("ws_port");
				if (port instanceof Number number) {
					return number.intValue();
				}
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		throw new IOException("Firefox opened no WebDriver BiDi port within " + TIMEOUT.toSeconds() + " s");
	}

	private static Command<Map<String, Object>> command(String method, Map<String, Object> params) {
		return new Command<>(method, params, Json.MAP_TYPE);
	}

	@Override
	public void open(String url) {
		this.bidi
			.send(command("browsingContext.navigate", Map.of("context", this.context, "url", url, "wait", "complete")));
	}

	@Override
	public Object run(String body, Object... args) {
		String function = "function (args) {\n" + "  return (async function () {\n" + body
				+ "\n}).apply(null, JSON.parse(args))\n"
				+ "    .then((value) => JSON.stringify((value === undefined) ? null : value));\n}";
		Map<String, Object> result = this.bidi.send(command("script.callFunction",
				Map.of("functionDeclaration", function, "awaitPromise", true, "target", Map.of("context", this.context),
						"arguments", List.of(Map.of("type", "string", "value", JSON.toJson(List.of(args)))))));
		if (!"success".equals(result.get("type"))) {
			throw new IllegalStateException("Script failed: " + result.get("exceptionDetails"));
		}
		Map<?, ?> value = (Map<?, ?>) result.get("result");
		return JSON.toType((String) value.get("value"), Object.class);
	}

	@Override
	public void close() {
		try {
			this.bidi.close();
		}
		finally {
			Cleanup.stop(this.process);
			Cleanup.deleteRecursively(this.profile);
		}
	}

}
