package dev.corsstarter.sample.browser;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import dev.corsstarter.sample.SampleApplication;

/** The sample on Spring MVC and Tomcat (the default), in Chromium, WebKit and Firefox. */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AbstractBrowserCorsTests.Stack("servlet")
class ServletBrowserCorsTests extends AbstractBrowserCorsTests {

}
