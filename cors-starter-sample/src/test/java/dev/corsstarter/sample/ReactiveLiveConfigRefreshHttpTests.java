package dev.corsstarter.sample;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;

/** The live configuration on WebFlux. */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive",
		args = "--sample.live-config=" + ReactiveLiveConfigRefreshHttpTests.LIVE_CONFIG)
@DirtiesContext
class ReactiveLiveConfigRefreshHttpTests extends AbstractLiveConfigRefreshHttpTests {

	static final String LIVE_CONFIG = "live-config-tests/reactive-cors-live.yml";

	/**
	 * Before the context starts: the application starts without the file, as on a first
	 * run.
	 */
	@BeforeAll
	static void noLiveConfigYet() throws IOException {
		deleteLiveConfig(Path.of(LIVE_CONFIG));
	}

	@Override
	Path liveConfig() {
		return Path.of(LIVE_CONFIG);
	}

}
