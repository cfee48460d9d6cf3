package dev.corsstarter.autoconfigure.it;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** Random policy changes while requests run, on WebFlux with Reactor Netty. */
@SpringBootTest(classes = LifecycleTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
class ReactiveRandomChangesIntegrationTests extends AbstractRandomChangesIntegrationTests {

	@Override
	String server() {
		return "reactor-netty";
	}

}
