package dev.corsstarter.consumer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A WebFlux application as a user writes it: cors-spring-boot-starter, the CORS policy in
 * application.yml, Spring Security without {@code http.cors()}.
 */
@SpringBootApplication
public class ReactiveConsumerApplication {

	public static void main(String[] args) {
		SpringApplication.run(ReactiveConsumerApplication.class, args);
	}

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
		http.authorizeExchange((exchanges) -> exchanges.pathMatchers("/api/public/**")
			.permitAll()
			.anyExchange()
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
