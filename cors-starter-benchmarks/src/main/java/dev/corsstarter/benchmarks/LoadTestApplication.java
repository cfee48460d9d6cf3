package dev.corsstarter.benchmarks;


import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The application wrk loads, in three modes (profiles) with the same policy and security:
 * {@code ceiling} (a first filter answering 204 to everything), {@code starter} (cors-starter)
 * and {@code security-cors} (Spring Security's {@code http.cors()}, what many apps use today).
 */
@SpringBootApplication
public class LoadTestApplication {

	public static void main(String[] args) {
		SpringApplication.run(LoadTestApplication.class, args);
	}

	@RestController
	static class Api {

		@GetMapping("/api/hello")
		String hello() {
			return "hello";
		}

	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, org.springframework.core.env.Environment env)
			throws Exception {
		http.authorizeHttpRequests(requests -> requests.requestMatchers("/api/**").permitAll().anyRequest().authenticated())
			.httpBasic(Customizer.withDefaults())
			.csrf(csrf -> csrf.disable());
		if (env.matchesProfiles("security-cors")) {
			http.cors(Customizer.withDefaults());
		}
		return http.build();
	}

	@Configuration(proxyBeanMethods = false)
	@Profile("security-cors")
	static class SecurityCors {

		@Bean
		UrlBasedCorsConfigurationSource corsConfigurationSource() {
			return BenchmarkPolicy.springSource();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Profile("ceiling")
	static class Ceiling {

		@Bean
		FilterRegistrationBean<Filter> noContentFilter() {
			FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(
					(request, response, chain) -> ((HttpServletResponse) response).setStatus(204));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}


}
