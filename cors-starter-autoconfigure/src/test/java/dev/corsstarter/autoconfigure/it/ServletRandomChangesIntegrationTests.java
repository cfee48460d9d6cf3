package dev.corsstarter.autoconfigure.it;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** Random policy changes while requests run, on Spring MVC with Tomcat. */
@SpringBootTest(classes = LifecycleTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=servlet")
class ServletRandomChangesIntegrationTests extends AbstractRandomChangesIntegrationTests {

	@Override
	String server() {
		return "tomcat";
	}

}
