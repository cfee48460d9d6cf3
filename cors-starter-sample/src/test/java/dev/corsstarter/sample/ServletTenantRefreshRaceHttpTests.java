package dev.corsstarter.sample;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;

/** Tenant additions racing a revoking refresh on Spring MVC. */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.application.name=tenant-race-servlet",
		args = "--sample.live-config=" + ServletTenantRefreshRaceHttpTests.LIVE_CONFIG)
@DirtiesContext
class ServletTenantRefreshRaceHttpTests extends AbstractTenantRefreshRaceHttpTests {

	static final String LIVE_CONFIG = "live-config-tests/servlet-tenant-race-cors-live.yml";

	/** Before the context starts: the application starts with the partner granted. */
	@BeforeAll
	static void grantingLiveConfig() throws IOException {
		writeLiveConfig(Path.of(LIVE_CONFIG), GRANTING);
	}

	@Override
	Path liveConfig() {
		return Path.of(LIVE_CONFIG);
	}

}
