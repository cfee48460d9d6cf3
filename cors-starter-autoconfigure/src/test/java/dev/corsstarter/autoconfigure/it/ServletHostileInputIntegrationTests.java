package dev.corsstarter.autoconfigure.it;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** Generated hostile requests on Spring MVC with Tomcat and Spring Security. */
@SpringBootTest(classes = CorsTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=servlet")
class ServletHostileInputIntegrationTests extends AbstractHostileInputIntegrationTests {

	@Override
	String server() {
		return "tomcat";
	}

}
