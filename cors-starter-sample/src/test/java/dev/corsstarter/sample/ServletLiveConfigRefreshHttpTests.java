package dev.corsstarter.sample;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;

/** The live configuration on Spring MVC. */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		args = "--sample.live-config=" + ServletLiveConfigRefreshHttpTests.LIVE_CONFIG)
@DirtiesContext
class ServletLiveConfigRefreshHttpTests extends AbstractLiveConfigRefreshHttpTests {

	static final String LIVE_CONFIG = "live-config-tests/servlet-cors-live.yml";

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
