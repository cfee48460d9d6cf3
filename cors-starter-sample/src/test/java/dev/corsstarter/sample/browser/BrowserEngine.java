package dev.corsstarter.sample.browser;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Assertions;

/**
 * The three browser engines the browser tests run in, each from Debian packages: nothing
 * is downloaded at test time. Selenium (its version managed by the Spring Boot BOM)
 * drives Chromium through the system's chromedriver and WebKitGTK through the system's
 * WebKitWebDriver, with the binary paths set explicitly so Selenium Manager is never
 * asked to find (or fetch) anything; the build also sets {@code SE_OFFLINE=true}. Firefox
 * is driven over WebDriver BiDi, which it speaks itself, see {@link Firefox}.
 * <p>
 * When an engine's binaries are missing its tests are skipped with a loud message, or
 * fail when {@code sample.browser.required=true} (system property) or
 * {@code SAMPLE_BROWSER_REQUIRED=true} (environment), as in CI. Each binary's path is a
 * system property, defaulting to Debian's.
 */
enum BrowserEngine {

	CHROMIUM("chromium chromium-driver") {
		@Override
		Map<String, Path> binaries() {
			return paths("Chromium", "sample.browser.chromium", "/usr/bin/chromium", "chromedriver",
					"sample.browser.chromedriver", "/usr/bin/chromedriver");
		}

		@Override
		Browser start(List<Path> binaries) throws IOException {
			return Chromium.start(binaries.get(0), binaries.get(1));
		}
	},

	WEBKIT("webkit2gtk-driver xvfb") {
		@Override
		Map<String, Path> binaries() {
			Map<String, Path> binaries = paths("MiniBrowser", "sample.browser.minibrowser",
					"/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser", "WebKitWebDriver",
					"sample.browser.webkitwebdriver", "/usr/bin/WebKitWebDriver");
			binaries.putAll(paths("Xvfb", "sample.browser.xvfb", "/usr/bin/Xvfb"));
			return binaries;
		}

		@Override
		Browser start(List<Path> binaries) throws IOException {
			return WebKit.start(binaries.get(0), binaries.get(1), binaries.get(2));
		}
	},

	FIREFOX("firefox-esr") {
		@Override
		Map<String, Path> binaries() {
			return paths("Firefox", "sample.browser.firefox", "/usr/bin/firefox-esr");
		}

		@Override
		Browser start(List<Path> binaries) throws IOException {
			return Firefox.start(binaries.get(0));
		}
	};

	private static final Set<String> shouted = ConcurrentHashMap.newKeySet();

	private final String packages;

	BrowserEngine(String packages) {
		this.packages = packages;
	}

	/**
	 * The engine's name in test names and messages: {@code chromium}, {@code webkit},
	 * {@code firefox}.
	 */
	String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** What the engine needs, by name, in the order {@link #start(List)} takes them. */
	abstract Map<String, Path> binaries();

	abstract Browser start(List<Path> binaries) throws IOException;

	/** Start a fresh browser of this engine, with an empty profile. */
	Browser start() throws IOException {
		return start(List.copyOf(binaries().values()));
	}

	@Override
	public String toString() {
		return id();
	}

	static boolean required() {
		return Boolean.parseBoolean(System.getProperty("sample.browser.required"))
				|| Boolean.parseBoolean(System.getenv("SAMPLE_BROWSER_REQUIRED"));
	}

	/**
	 * Why this engine's tests cannot run here, or {@code null} when its binaries are
	 * installed. Fails instead when the browser tests are required.
	 */
	String unavailableReason() {
		List<String> missing = new ArrayList<>();
		binaries().forEach((name, path) -> {
			if (!Files.isExecutable(path)) {
				missing.add(name + " (" + path + ")");
			}
		});
		if (missing.isEmpty()) {
			return null;
		}
		boolean required = required();
		String message = "\n" + "*".repeat(78) + "\n" + "BROWSER TESTS IN " + name() + " "
				+ (required ? "FAILED" : "SKIPPED") + ": " + String.join(" and ", missing) + " not found.\n"
				+ "Install with:   apt-get install -y " + this.packages + "\n"
				+ (required
						? "sample.browser.required=true or SAMPLE_BROWSER_REQUIRED=true: "
								+ "a missing browser is an error.\n"
						: "Set sample.browser.required=true (or SAMPLE_BROWSER_REQUIRED=true) "
								+ "to fail instead of skipping.\n")
				+ "*".repeat(78);
		shout(message);
		if (required) {
			Assertions.fail(message);
		}
		return message;
	}

	/**
	 * Print to the test JVM's own standard error, once per message: Surefire puts
	 * System.out and System.err in report files (redirectTestOutputToFile), but the
	 * process's stderr reaches the console.
	 */
	private static void shout(String message) {
		System.err.println(message);
		if (shouted.add(message)) {
			PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
					StandardCharsets.UTF_8);
			console.println(message);
		}
	}

	/** Pairs of (name, system property, Debian's path), in order. */
	private static Map<String, Path> paths(String... namePropertyDefault) {
		Map<String, Path> paths = new LinkedHashMap<>();
		for (int i = 0; i < namePropertyDefault.length; i += 3) {
			paths.put(namePropertyDefault[i],
					Path.of(System.getProperty(namePropertyDefault[i + 1], namePropertyDefault[i + 2])));
		}
		return paths;
	}

}
