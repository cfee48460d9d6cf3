package dev.corsstarter.autoconfigure.it;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.cors.CorsConfiguration;

/**
 * The application under test on both stacks: Spring Security as users configure it
 * (everything authenticated, HTTP Basic, CSRF on, {@code cors()} enabled with a
 * permissive source) and controllers that answer 200, throw, and complete asynchronously.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ CorsTestApplication.TestController.class, CorsTestApplication.ServletResetController.class,
		CorsTestApplication.ReactiveResetController.class, CorsTestApplication.ServletSecurity.class,
		CorsTestApplication.ReactiveSecurity.class, CorsTestApplication.ServletCorsMappings.class,
		CorsTestApplication.ReactiveCorsMappings.class })
public class CorsTestApplication {

	/** Counts controller invocations, to prove rejected requests never reach one. */
	static final AtomicInteger calls = new AtomicInteger();

	/**
	 * Header a test may send to name its request; handlers record it and echo it back.
	 */
	static final String TEST_ID = "X-Test-Id";

	/**
	 * The {@value #TEST_ID} of every request that reached a handler, so tests that send
	 * requests from several threads at once can tell which ones got through.
	 */
	static final Set<String> reached = ConcurrentHashMap.newKeySet();

	static void called(String id) {
		calls.incrementAndGet();
		if (id != null) {
			reached.add(id);
		}
	}

	private static ResponseEntity.BodyBuilder ok(String id) {
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		return (id != null) ? response.header(TEST_ID, id) : response;
	}

	/**
	 * The one origin Spring's own CORS configurations allow on {@code /spring/**}, which
	 * no policy covers.
	 */
	static final String SPRING_ORIGIN = "https://spring.example.com";

	/**
	 * An origin only Spring's own configuration on {@code /device/restricted} allows, not
	 * the starter's policy.
	 */
	static final String SPRING_ONLY_ORIGIN = "https://other.example.com";

	/**
	 * A deliberately permissive CORS configuration for /api/** (Security's
	 * {@code cors()}, and the MVC/WebFlux CORS mappings below), to prove the starter's
	 * headers win without duplicates; other paths get none, so the starter's own absence
	 * is observable there.
	 */
	static CorsConfiguration permissive() {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.addAllowedOriginPattern("*");
		configuration.addAllowedMethod("*");
		configuration.addAllowedHeader("*");
		configuration.addExposedHeader("X-Leaked");
		configuration.setAllowCredentials(true);
		return configuration;
	}

	/**
	 * The configured password as it is. Without a PasswordEncoder bean, Spring Security
	 * upgrades the in-memory user's {@code {noop}} password to BCrypt at the first login,
	 * and every later HTTP Basic request pays for a BCrypt check, about 200 ms on a small
	 * machine.
	 */
	/**
	 * Spring's own CORS configuration for a path no policy covers, as Security's
	 * {@code cors()} applies it to {@code /spring/secured/**}.
	 */
	static CorsConfiguration springOnly(String exposedHeader) {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.addAllowedOrigin(SPRING_ORIGIN);
		configuration.addAllowedMethod("GET");
		configuration.addExposedHeader(exposedHeader);
		return configuration;
	}

	/**
	 * Security's {@code cors()} source: permissive on the policy paths under /api/,
	 * strict on /spring/secured/.
	 */
	static CorsConfiguration securityCors(String path) {
		if (path.startsWith("/api/")) {
			return permissive();
		}
		return path.startsWith("/spring/secured/") ? springOnly("X-Spring-Secured") : null;
	}

	@Bean
	static PasswordEncoder plainTextPasswordEncoder() {
		return new PasswordEncoder() {
			@Override
			public String encode(CharSequence rawPassword) {
				return rawPassword.toString();
			}

			@Override
			public boolean matches(CharSequence rawPassword, String encodedPassword) {
				return rawPassword.toString().equals(encodedPassword);
			}
		};
	}

	@RestController
	static class TestController {

		@GetMapping({ "/api/hello", "/api/public/hello", "/device/hello", "/other/hello" })
		ResponseEntity<String> hello(@RequestHeader(name = TEST_ID, required = false) String id) {
			called(id);
			return ok(id).header("X-Request-Id", "r-1").header("X-Secret", "s").body("hello");
		}

		@PostMapping("/api/hello")
		ResponseEntity<String> post(@RequestHeader(name = TEST_ID, required = false) String id) {
			called(id);
			return ok(id).body("posted");
		}

		@GetMapping("/api/boom")
		String boom(@RequestHeader(name = TEST_ID, required = false) String id) {
			called(id);
			throw new IllegalStateException("boom");
		}

		@GetMapping("/api/async")
		CompletableFuture<String> async(@RequestHeader(name = TEST_ID, required = false) String id) {
			called(id);
			return CompletableFuture.supplyAsync(() -> "later");
		}

		@CrossOrigin(origins = "*", exposedHeaders = "X-Annotated")
		@GetMapping("/api/annotated")
		ResponseEntity<String> annotated(@RequestHeader(name = TEST_ID, required = false) String id) {
			called(id);
			return ok(id).body("annotated");
		}

		/**
		 * On the device policy's path, a Spring configuration that allows another origin
		 * than the policy.
		 */
		@CrossOrigin(origins = SPRING_ONLY_ORIGIN)
		@GetMapping("/device/restricted")
		ResponseEntity<String> restricted(@RequestHeader(name = TEST_ID, required = false) String id) {
			called(id);
			return ok(id).body("restricted");
		}

		/** No policy covers /spring/**: Spring's own CORS support answers there. */
		@CrossOrigin(origins = SPRING_ORIGIN, exposedHeaders = "X-Spring")
		@GetMapping("/spring/annotated")
		ResponseEntity<String> springAnnotated(@RequestHeader(name = TEST_ID, required = false) String id) {
			called(id);
			return ok(id).body("spring");
		}

		@GetMapping({ "/spring/mapped/hello", "/spring/secured/hello" })
		ResponseEntity<String> springHello(@RequestHeader(name = TEST_ID, required = false) String id) {
			called(id);
			return ok(id).body("spring");
		}

	}

	/**
	 * Resets the response, as some error handlers do: the CORS headers must come back.
	 */
	@RestController
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletResetController {

		@GetMapping("/api/reset")
		void reset(@RequestHeader(name = TEST_ID, required = false) String id,
				jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
			called(id);
			response.reset();
			response.setContentType("text/plain");
			response.getWriter().write("reset");
		}

	}

	/**
	 * Strips the CORS headers before the body is written: they must be back on the wire.
	 */
	@RestController
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveResetController {

		@GetMapping("/api/reset")
		reactor.core.publisher.Mono<String> reset(@RequestHeader(name = TEST_ID, required = false) String id,
				org.springframework.http.server.reactive.ServerHttpResponse response) {
			called(id);
			response.getHeaders().remove("Access-Control-Allow-Origin");
			response.getHeaders().remove("Access-Control-Allow-Credentials");
			response.getHeaders().remove("Vary");
			return reactor.core.publisher.Mono.just("reset");
		}

	}

	/**
	 * Spring MVC's own CORS mappings on the same paths: they must not add a second set of
	 * headers.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletCorsMappings implements org.springframework.web.servlet.config.annotation.WebMvcConfigurer {

		@Override
		public void addCorsMappings(org.springframework.web.servlet.config.annotation.CorsRegistry registry) {
			registry.addMapping("/api/**").allowedOriginPatterns("*").allowedMethods("*").exposedHeaders("X-Mapped");
			registry.addMapping("/spring/mapped/**").allowedOrigins(SPRING_ORIGIN).exposedHeaders("X-Spring-Mapped");
		}

	}

	/**
	 * WebFlux's own CORS mappings on the same paths: they must not add a second set of
	 * headers.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveCorsMappings implements org.springframework.web.reactive.config.WebFluxConfigurer {

		@Override
		public void addCorsMappings(org.springframework.web.reactive.config.CorsRegistry registry) {
			registry.addMapping("/api/**").allowedOriginPatterns("*").allowedMethods("*").exposedHeaders("X-Mapped");
			registry.addMapping("/spring/mapped/**").allowedOrigins(SPRING_ORIGIN).exposedHeaders("X-Spring-Mapped");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletSecurity {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests(requests -> requests.requestMatchers("/api/public/**", "/error")
				.permitAll()
				.anyRequest()
				.authenticated())
				.httpBasic(Customizer.withDefaults())
				.cors(cors -> cors.configurationSource(request -> securityCors(request.getRequestURI())));
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@EnableWebFluxSecurity
	static class ReactiveSecurity {

		@Bean
		SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
			http.authorizeExchange(
					exchanges -> exchanges.pathMatchers("/api/public/**").permitAll().anyExchange().authenticated())
				.httpBasic(Customizer.withDefaults())
				.cors(cors -> cors
					.configurationSource(exchange -> securityCors(exchange.getRequest().getPath().value())));
			return http.build();
		}

	}

}
