package dev.corsstarter.consumer;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A user's own slice test: a plain {@code @WebMvcTest} of a controller, no extra annotation,
 * sees the starter's filter answer CORS as the running application does.
 */
@WebMvcTest(ServletConsumerApplication.ApiController.class)
class ServletSliceTests {

	@Autowired
	MockMvc mvc;

	@Test
	void anAllowedPreflightIsAnsweredByTheStarter() throws Exception {
		this.mvc.perform(options("/api/private/hello").header("Origin", "https://app.example.com")
				.header("Access-Control-Request-Method", "PUT")
				.header("Access-Control-Request-Headers", "content-type"))
			.andExpect(status().isNoContent())
			.andExpect(header().string("Access-Control-Allow-Origin", "https://app.example.com"))
			.andExpect(header().string("Access-Control-Allow-Credentials", "true"))
			.andExpect(header().string("Access-Control-Max-Age", "600"));
	}

	@Test
	void anotherOriginIsRefused() throws Exception {
		this.mvc.perform(get("/api/public/hello").header("Origin", "https://evil.example.org"))
			.andExpect(status().isForbidden())
			.andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
	}

}
