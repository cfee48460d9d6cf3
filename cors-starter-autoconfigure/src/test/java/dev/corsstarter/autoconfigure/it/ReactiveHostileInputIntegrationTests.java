package dev.corsstarter.autoconfigure.it;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** Generated hostile requests on WebFlux with Reactor Netty and Spring Security. */
@SpringBootTest(classes = CorsTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
class ReactiveHostileInputIntegrationTests extends AbstractHostileInputIntegrationTests {

	@Override
	String server() {
		return "reactor-netty";
	}

}
