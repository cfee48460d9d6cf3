package dev.corsstarter.sample.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.openqa.selenium.MutableCapabilities;
import org.openqa.selenium.net.PortProber;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * WebKitGTK, the engine family of Safari, from the Debian packages
 * {@code webkit2gtk-driver} ({@code WebKitWebDriver}) and {@code libwebkit2gtk-4.1-0}
 * (its {@code MiniBrowser}), driven through Selenium's {@link RemoteWebDriver}:
 * WebKitWebDriver speaks W3C WebDriver and starts MiniBrowser in automation mode.
 * MiniBrowser has no headless mode, so it draws into an Xvfb display of its own, which
 * this class starts on a free display number and stops afterwards.
 */
final class WebKit {

	private WebKit() {
	}

	static Browser start(Path miniBrowser, Path webDriver, Path xvfb) throws IOException {
		Path logs = Files.createTempDirectory("cors-webkit-");
		Process display = null;
		Process driver = null;
		try {
			display = startXvfb(xvfb, logs);
			String displayName = ":" + readDisplayNumber(display);
			int port = PortProber.findFreePort();
			ProcessBuilder builder = new ProcessBuilder(webDriver.toString(), "--port=" + port, "--host=local")
				.redirectErrorStream(true)
				.redirectOutput(logs.resolve("webkitwebdriver.log").toFile());
			builder.environment().put("DISPLAY", displayName);
			// no accessibility bus in a test run: keep GTK from looking for one
			builder.environment().put("NO_AT_BRIDGE", "1");
			driver = builder.start();
			PortProber.waitForPortUp(port, 30, TimeUnit.SECONDS);
			MutableCapabilities capabilities = new MutableCapabilities();
			capabilities.setCapability("webkitgtk:browserOptions",
					Map.of("binary", miniBrowser.toString(), "args", List.of("--automation")));
			RemoteWebDriver webkit = new RemoteWebDriver(URI.create("http://127.0.0.1:" + port).toURL(), capabilities);
			Process startedDisplay = display;
			Process startedDriver = driver;
			return new WebDriverBrowser(webkit, () -> {
				Cleanup.stop(startedDriver);
				Cleanup.stop(startedDisplay);
				Cleanup.deleteRecursively(logs);
			});
		}
		catch (IOException | RuntimeException ex) {
			Cleanup.stop(driver);
			Cleanup.stop(display);
			throw new IllegalStateException("WebKit did not start; logs in " + logs, ex);
		}
	}

	/** Xvfb picks a free display number itself and writes it to standard output. */
	private static Process startXvfb(Path xvfb, Path logs) throws IOException {
		return new ProcessBuilder(xvfb.toString(), "-displayfd", "1", "-nolisten", "tcp", "-screen", "0",
				"1280x1024x24")
			.redirectError(logs.resolve("xvfb.log").toFile())
			.start();
	}

	private static String readDisplayNumber(Process xvfb) throws IOException {
		BufferedReader output = new BufferedReader(
				new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII));
		CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
			try {
				return output.readLine();
			}
			catch (IOException ex) {
				return null;
			}
		});
		try {
			String number = line.get(30, TimeUnit.SECONDS);
			if (number == null || !number.trim().matches("[0-9]+")) {
				throw new IOException("Xvfb reported no display number: " + number);
			}
			return number.trim();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted waiting for Xvfb", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IOException("Xvfb reported no display number within 30 seconds", ex);
		}
	}

}
