package dev.corsstarter.autoconfigure.it;

import java.util.Set;

import org.junit.jupiter.api.Tag;

/**
 * {@link ServletContainerPathIntegrationTests} on Jetty, without Tomcat on the classpath.
 * Jetty 12 answers {@code 400} itself to a context path entered twice through an empty
 * segment or a {@code ..;} segment, where Tomcat resolves the path and routes it: for
 * every origin, so those never reach the starter or the application.
 */
@Tag("jetty")
class JettyServletContainerPathIntegrationTests extends ServletContainerPathIntegrationTests {

	@Override
	String expectedServer() {
		return "Jetty";
	}

	@Override
	Set<String> ambiguousToTheContainer() {
		return Set.of("//ctx/api/legacy/x", "//ctx//api/legacy/x", "/ctx/..;/ctx/api/legacy/x",
				"/ctx;x/..;/ctx/api/legacy/x", "//ctx/api/ws", "//ctx//api/ws", "/ctx/..;/ctx/api/ws",
				"/ctx;x/..;/ctx/api/ws");
	}

}
