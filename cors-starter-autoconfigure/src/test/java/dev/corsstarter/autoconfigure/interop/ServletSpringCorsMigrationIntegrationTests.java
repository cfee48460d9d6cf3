package dev.corsstarter.autoconfigure.interop;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Shadowed Spring CORS configuration named and converted on the servlet stack, Spring
 * Security in front.
 */
@SpringBootTest(classes = InteropTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=servlet")
class ServletSpringCorsMigrationIntegrationTests extends AbstractSpringCorsMigrationIntegrationTests {

}
