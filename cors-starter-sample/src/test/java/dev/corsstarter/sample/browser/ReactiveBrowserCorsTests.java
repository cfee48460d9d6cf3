package dev.corsstarter.sample.browser;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import dev.corsstarter.sample.SampleApplication;

/** The sample on WebFlux and Reactor Netty, in Chromium, WebKit and Firefox. */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
@AbstractBrowserCorsTests.Stack("reactive")
class ReactiveBrowserCorsTests extends AbstractBrowserCorsTests {

}
