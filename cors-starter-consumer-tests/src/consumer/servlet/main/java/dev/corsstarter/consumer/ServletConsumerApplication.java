package dev.corsstarter.consumer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring MVC application as a user writes it: cors-spring-boot-starter, the CORS policy in
 * application.yml, Spring Security without {@code http.cors()}.
 */
@SpringBootApplication
public class ServletConsumerApplication {

	public static void main(String[] args) {
		SpringApplication.run(ServletConsumerApplication.class, args);
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/api/public/**")
			.permitAll()
			.anyRequest()
			.authenticated());
		http.httpBasic(Customizer.withDefaults());
		http.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	@RestController
	static class ApiController {

		@GetMapping("/api/public/hello")
		String publicHello() {
			return "hello";
		}

		@GetMapping("/api/private/hello")
		String privateHello() {
			return "secret";
		}

	}

}
