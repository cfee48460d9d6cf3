package dev.corsstarter.sample;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** The sample on its default stack: Spring MVC on Tomcat. */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ServletSampleHttpTests extends AbstractSampleHttpTests {

	@Override
	String expectedServer() {
		return "Tomcat";
	}

	@Override
	String expectedStack() {
		return "servlet";
	}

}
