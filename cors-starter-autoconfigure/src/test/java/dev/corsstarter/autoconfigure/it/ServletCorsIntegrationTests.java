package dev.corsstarter.autoconfigure.it;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** The behaviour table on Spring MVC with Tomcat and Spring Security. */
@SpringBootTest(classes = CorsTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=servlet")
class ServletCorsIntegrationTests extends AbstractCorsIntegrationTests {

}
