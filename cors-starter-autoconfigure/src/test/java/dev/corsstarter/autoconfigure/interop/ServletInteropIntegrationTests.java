package dev.corsstarter.autoconfigure.interop;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * Spring's CORS world meeting the starter on Spring MVC with Tomcat and Spring Security.
 */
@SpringBootTest(classes = InteropTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=servlet")
class ServletInteropIntegrationTests extends AbstractInteropIntegrationTests {

	@Override
	CorsConfiguration sourceConfiguration(String path, String... headers) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		for (int i = 0; i < headers.length; i += 2) {
			request.addHeader(headers[i], headers[i + 1]);
		}
		return this.context.getBean("corsConfigurationSource", CorsConfigurationSource.class)
			.getCorsConfiguration(request);
	}

	@Override
	Class<?> expectedSourceType() {
		return ServletPolicyCorsConfigurationSource.class;
	}

}
