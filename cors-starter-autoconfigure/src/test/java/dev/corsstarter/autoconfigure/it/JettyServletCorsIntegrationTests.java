package dev.corsstarter.autoconfigure.it;

import org.junit.jupiter.api.Tag;

/**
 * {@link ServletCorsIntegrationTests}, the behaviour table with Spring Security, on
 * Jetty. Jetty answers {@code 400} itself to a WebSocket upgrade without
 * {@code Connection: Upgrade}, which no browser sends, for every origin; the handler is
 * never reached either way.
 */
@Tag("jetty")
class JettyServletCorsIntegrationTests extends ServletCorsIntegrationTests {

	@Override
	int containerStatus(CorsScenario scenario, int status) {
		return scenario.name.equals("WebSocket upgrade from a foreign origin") ? 400 : status;
	}

}
