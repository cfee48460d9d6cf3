package dev.corsstarter.autoconfigure.it;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** The policy lifecycle on WebFlux with Reactor Netty and Spring Security. */
@SpringBootTest(classes = LifecycleTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
class ReactivePolicyLifecycleIntegrationTests extends AbstractPolicyLifecycleIntegrationTests {

}
