package dev.corsstarter.autoconfigure.it;

import org.junit.jupiter.api.Tag;

/** {@link ServletPathIntegrationTests} on Jetty, without Tomcat on the classpath. */
@Tag("jetty")
class JettyServletPathIntegrationTests extends ServletPathIntegrationTests {

	@Override
	String expectedServer() {
		return "Jetty";
	}

}
