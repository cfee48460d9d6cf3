package dev.corsstarter.sample;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The sample with {@code spring.main.web-application-type=reactive}: WebFlux on Reactor
 * Netty, although Tomcat is on the classpath too.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
class ReactiveSampleHttpTests extends AbstractSampleHttpTests {

	@Override
	String expectedServer() {
		return "Netty";
	}

	@Override
	String expectedStack() {
		return "reactive";
	}

}
