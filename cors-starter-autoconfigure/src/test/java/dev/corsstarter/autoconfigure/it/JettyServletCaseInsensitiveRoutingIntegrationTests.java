package dev.corsstarter.autoconfigure.it;

import org.junit.jupiter.api.Tag;

/**
 * {@link ServletCaseInsensitiveRoutingIntegrationTests} on Jetty, without Tomcat on the
 * classpath.
 */
@Tag("jetty")
class JettyServletCaseInsensitiveRoutingIntegrationTests extends ServletCaseInsensitiveRoutingIntegrationTests {

	@Override
	String expectedServer() {
		return "Jetty";
	}

}
