package dev.corsstarter.autoconfigure.it;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Generated hostile requests on Spring MVC with Tomcat under a context path, each target
 * spelt with a variant of it: doubled slashes, path parameters, {@code ..;} re-entry,
 * encoded characters.
 */
@SpringBootTest(classes = CorsTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "server.servlet.context-path=/ctx" })
class ServletContextPathHostileInputIntegrationTests extends AbstractHostileInputIntegrationTests {

	@Override
	String server() {
		return "tomcat under /ctx";
	}

	@Override
	String contextPath() {
		return "/ctx";
	}

}
