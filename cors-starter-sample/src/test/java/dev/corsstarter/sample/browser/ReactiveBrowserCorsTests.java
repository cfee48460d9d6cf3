package dev.corsstarter.sample.browser;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import dev.corsstarter.sample.SampleApplication;

/** The sample on WebFlux and Reactor Netty, in headless Chromium. */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
class ReactiveBrowserCorsTests extends AbstractBrowserCorsTests {

	@Override
	String expectedStack() {
		return "reactive";
	}

}
