package dev.corsstarter.autoconfigure.interop;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;

/**
 * Spring's CORS world meeting the starter on WebFlux with Reactor Netty and Spring
 * Security.
 */
@SpringBootTest(classes = InteropTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
class ReactiveInteropIntegrationTests extends AbstractInteropIntegrationTests {

	@Override
	CorsConfiguration sourceConfiguration(String path, String... headers) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("http://localhost" + path);
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		MockServerWebExchange exchange = MockServerWebExchange.from(request);
		return this.context.getBean("corsConfigurationSource", CorsConfigurationSource.class)
			.getCorsConfiguration(exchange);
	}

	@Override
	Class<?> expectedSourceType() {
		return ReactivePolicyCorsConfigurationSource.class;
	}

}
