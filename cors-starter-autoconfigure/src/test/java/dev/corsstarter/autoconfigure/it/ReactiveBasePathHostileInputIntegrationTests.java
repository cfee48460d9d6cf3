package dev.corsstarter.autoconfigure.it;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Generated hostile requests on WebFlux with Reactor Netty under a base path, each target
 * spelt with a variant of it: doubled slashes, path parameters, {@code ..;} re-entry,
 * encoded characters.
 */
@SpringBootTest(classes = CorsTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "spring.webflux.base-path=/ctx" })
class ReactiveBasePathHostileInputIntegrationTests extends AbstractHostileInputIntegrationTests {

	@Override
	String server() {
		return "reactor-netty under /ctx";
	}

	@Override
	String contextPath() {
		return "/ctx";
	}

}
