package dev.corsstarter.sample;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;

/**
 * The sample's JSON API. Plain {@code @RestController} methods without servlet or
 * reactive types, so the same controller serves Spring MVC and WebFlux. CORS is not
 * mentioned here at all: the {@code cors.policies} in application.yml decide it, in front
 * of Spring Security.
 */
@RestController
class ApiController {

	private static final List<Map<String, Object>> ITEMS = List.of(Map.of("id", 1, "name", "espresso"),
			Map.of("id", 2, "name", "flat white"), Map.of("id", 3, "name", "cortado"));

	private final String stack;

	ApiController(ApplicationContext context) {
		this.stack = (context instanceof WebApplicationContext) ? "servlet" : "reactive";
	}

	/**
	 * Public read. Sets {@code X-Request-Id}, which the policies expose to scripts, and
	 * {@code X-Internal}, which they do not: a cross-origin page can read only the first.
	 */
	@GetMapping("/api/public/greeting")
	ResponseEntity<Map<String, Object>> greeting() {
		return ResponseEntity.ok()
			.header("X-Request-Id", UUID.randomUUID().toString())
			.header("X-Internal", "backend-7")
			.body(Map.of("message", "Hello from cors-starter", "stack", this.stack));
	}

	/**
	 * Public JSON write: a cross-origin call with Content-Type: application/json needs a
	 * preflight.
	 */
	@PostMapping("/api/public/echo")
	Map<String, Object> echo(@RequestBody Map<String, Object> body) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("received", body);
		result.put("stack", this.stack);
		return result;
	}

	/**
	 * Fails on purpose: the 500 still carries the CORS headers, so the page can read it.
	 */
	@GetMapping("/api/public/fail")
	Map<String, Object> fail() {
		throw new IllegalStateException("Deliberate failure to show a readable 500");
	}

	/** Public read under the credentialed {@code api} policy. */
	@GetMapping("/api/items")
	List<Map<String, Object>> items() {
		return ITEMS;
	}

	/**
	 * PATCH is not among the {@code api} policy's allowed methods, so a cross-origin page
	 * never gets here: its preflight is refused.
	 */
	@PatchMapping("/api/items/{id}")
	Map<String, Object> rename(@PathVariable int id, @RequestBody Map<String, Object> body) {
		return Map.of("id", id, "name", String.valueOf(body.get("name")));
	}

	/** The credentialed area: needs HTTP Basic login (401 without). */
	@GetMapping("/api/account/me")
	Map<String, Object> me(Principal principal) {
		return Map.of("user", principal.getName(), "stack", this.stack);
	}

}
