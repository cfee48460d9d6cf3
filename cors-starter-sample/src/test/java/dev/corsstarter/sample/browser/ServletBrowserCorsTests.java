package dev.corsstarter.sample.browser;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import dev.corsstarter.sample.SampleApplication;

/** The sample on Spring MVC and Tomcat (the default), in headless Chromium. */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class ServletBrowserCorsTests extends AbstractBrowserCorsTests {

	@Override
	String expectedStack() {
		return "servlet";
	}

}
