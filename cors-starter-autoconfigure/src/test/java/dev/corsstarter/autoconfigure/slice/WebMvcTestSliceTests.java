package dev.corsstarter.autoconfigure.slice;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A {@code @WebMvcTest} slice includes cors-starter: MockMvc runs the CORS filter, so a
 * preflight is answered as the application would answer it.
 */
@WebMvcTest(properties = { "cors.policies.api.path-patterns=/api/**",
		"cors.policies.api.allowed-origins=https://app.example.com", "cors.policies.api.allowed-methods=GET,PUT",
		"cors.policies.api.allowed-headers=Content-Type", "cors.policies.api.max-age=10m",
		"spring.security.user.password=unused" })
class WebMvcTestSliceTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void preflightIsAnsweredByTheStarter() throws Exception {
		this.mvc
			.perform(options("/api/ping").header("Origin", "https://app.example.com")
				.header("Access-Control-Request-Method", "PUT")
				.header("Access-Control-Request-Headers", "content-type"))
			.andExpect(status().isNoContent())
			.andExpect(header().string("Access-Control-Allow-Origin", "https://app.example.com"))
			.andExpect(header().string("Access-Control-Allow-Methods", "GET, PUT"))
			.andExpect(header().string("Access-Control-Allow-Headers", "Content-Type"))
			.andExpect(header().string("Access-Control-Max-Age", "600"));
	}

	@Test
	void preflightFromAnOriginNotAllowedIsRefused() throws Exception {
		this.mvc
			.perform(options("/api/ping").header("Origin", "https://evil.example")
				.header("Access-Control-Request-Method", "PUT"))
			.andExpect(status().isForbidden())
			.andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
	}

	@Test
	void actualRequestCarriesTheHeaders() throws Exception {
		this.mvc.perform(get("/api/ping").header("Origin", "https://app.example.com"))
			.andExpect(header().string("Access-Control-Allow-Origin", "https://app.example.com"))
			.andExpect(header().string("Vary", org.hamcrest.Matchers.containsString("Origin")));
	}

	@SpringBootConfiguration
	@Import(PingController.class)
	static class SliceApplication {

	}

	@RestController
	static class PingController {

		@GetMapping("/api/ping")
		String ping() {
			return "pong";
		}

	}

}
