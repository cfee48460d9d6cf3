package dev.corsstarter.sample.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from the Debian packages {@code chromium} and
 * {@code chromium-driver}, driven through Selenium and the system's chromedriver, which
 * Debian ships in lockstep with the system's Chromium.
 */
final class Chromium {

	private Chromium() {
	}

	/** Start a fresh headless Chromium with its own empty profile. */
	static Browser start(Path browser, Path driver) throws IOException {
		Path profile = Files.createTempDirectory("cors-chromium-");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(browser.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1280,1024", "--user-data-dir=" + profile);
		// Selenium logs that it has no CDP implementation for a Chromium newer than it
		// knows:
		// harmless, these tests use plain WebDriver commands only.
		try {
			return new WebDriverBrowser(new ChromeDriver(service, options), () -> Cleanup.deleteRecursively(profile));
		}
		catch (RuntimeException ex) {
			Cleanup.deleteRecursively(profile);
			throw ex;
		}
	}

}
