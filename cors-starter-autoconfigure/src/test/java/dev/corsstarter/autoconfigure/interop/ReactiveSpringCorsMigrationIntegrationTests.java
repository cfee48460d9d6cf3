package dev.corsstarter.autoconfigure.interop;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Shadowed Spring CORS configuration named and converted on the reactive stack, Spring
 * Security in front.
 */
@SpringBootTest(classes = InteropTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
class ReactiveSpringCorsMigrationIntegrationTests extends AbstractSpringCorsMigrationIntegrationTests {

}
