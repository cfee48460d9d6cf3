package dev.corsstarter.sample;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;

/** Tenant additions racing a revoking refresh on WebFlux. */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "spring.application.name=tenant-race-reactive",
				// as many admin threads as concurrent requests (as with virtual threads):
				// Boot's default 8
				// would queue the additions and keep them below the connection pool's 10
				"spring.task.execution.pool.core-size=64" },
		args = "--sample.live-config=" + ReactiveTenantRefreshRaceHttpTests.LIVE_CONFIG)
@DirtiesContext
class ReactiveTenantRefreshRaceHttpTests extends AbstractTenantRefreshRaceHttpTests {

	static final String LIVE_CONFIG = "live-config-tests/reactive-tenant-race-cors-live.yml";

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
