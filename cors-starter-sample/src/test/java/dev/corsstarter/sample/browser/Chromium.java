package dev.corsstarter.sample.browser;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from the Debian packages {@code chromium} and {@code chromium-driver}, driven
 * through Selenium.
 * <p>
 * Why Selenium: its version is managed by the Spring Boot BOM, like every other dependency of
 * the build, and it drives the system's own chromedriver, which Debian ships in lockstep with the
 * system's Chromium. Nothing is downloaded at test time: the driver and browser paths are set
 * explicitly, so Selenium Manager is never asked to find (or fetch) either, and the build sets
 * {@code SE_OFFLINE=true} in case anything still calls it. (Playwright for Java would download
 * its own driver bundle and browser builds unless carefully steered away from them.)
 * <p>
 * When the binaries are missing the browser tests are skipped with a loud message, or fail when
 * {@code sample.browser.required=true} (system property) or {@code SAMPLE_BROWSER_REQUIRED=true}
 * (environment), as in CI.
 */
final class Chromium implements AutoCloseable {

	static final String INSTALL = "apt-get install -y chromium chromium-driver";

	static final Path DEFAULT_BROWSER = Path.of("/usr/bin/chromium");

	static final Path DEFAULT_DRIVER = Path.of("/usr/bin/chromedriver");

	private static final AtomicBoolean shouted = new AtomicBoolean();

	private final ChromeDriver driver;

	private final Path profile;

	private Chromium(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	ChromeDriver driver() {
		return this.driver;
	}

	static boolean required() {
		return Boolean.parseBoolean(System.getProperty("sample.browser.required"))
				|| Boolean.parseBoolean(System.getenv("SAMPLE_BROWSER_REQUIRED"));
	}

	/**
	 * Why the browser tests cannot run here, or {@code null} when Chromium and chromedriver are
	 * installed. Fails instead when the browser tests are required.
	 */
	static String unavailableReason() {
		List<String> missing = new ArrayList<>();
		if (!Files.isExecutable(browserPath())) {
			missing.add("Chromium (" + browserPath() + ")");
		}
		if (!Files.isExecutable(driverPath())) {
			missing.add("chromedriver (" + driverPath() + ")");
		}
		if (missing.isEmpty()) {
			return null;
		}
		boolean required = required();
		String message = "\n" + "*".repeat(78) + "\n"
				+ "BROWSER TESTS " + (required ? "FAILED" : "SKIPPED") + ": " + String.join(" and ", missing)
				+ " not found.\n"
				+ "Install them with:   " + INSTALL + "\n"
				+ (required ? "sample.browser.required=true or SAMPLE_BROWSER_REQUIRED=true: a missing browser is an error.\n"
						: "Set sample.browser.required=true (or SAMPLE_BROWSER_REQUIRED=true) to fail instead of skipping.\n")
				+ "*".repeat(78);
		shout(message);
		if (required) {
			Assertions.fail(message);
		}
		return message;
	}

	/**
	 * Print to the test JVM's own standard error, once: Surefire puts System.out and System.err
	 * in report files (redirectTestOutputToFile), but the process's stderr reaches the console.
	 */
	private static void shout(String message) {
		System.err.println(message);
		if (shouted.compareAndSet(false, true)) {
			PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
					StandardCharsets.UTF_8);
			console.println(message);
		}
	}

	private static Path browserPath() {
		return Path.of(System.getProperty("sample.browser.chromium", DEFAULT_BROWSER.toString()));
	}

	private static Path driverPath() {
		return Path.of(System.getProperty("sample.browser.chromedriver", DEFAULT_DRIVER.toString()));
	}

	/** Start a fresh headless Chromium with its own empty profile. */
	static Chromium start() throws IOException {
		Path browser = browserPath();
		Path driver = driverPath();
		Path profile = Files.createTempDirectory("cors-chromium-");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(browser.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1280,1024", "--user-data-dir=" + profile);
		ChromeDriver chrome;
		// Selenium logs that it has no CDP implementation for a Chromium newer than it knows:
		// harmless, these tests use plain WebDriver commands only.
		try {
			chrome = new ChromeDriver(service, options);
		}
		catch (RuntimeException ex) {
			deleteRecursively(profile);
			throw ex;
		}
		chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
		chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return new Chromium(chrome, profile);
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			deleteRecursively(this.profile);
		}
	}

	/** Best effort: a temporary profile left behind is not worth failing a test for. */
	private static void deleteRecursively(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException | UncheckedIOException ex) {
			System.err.println("Could not delete the Chromium profile " + directory + ": " + ex);
		}
	}

}
