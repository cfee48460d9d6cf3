package dev.corsstarter.autoconfigure.it;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An open application (security lets everything through, CSRF off) whose handlers record
 * every request they see, for tests where what matters is whether a request reached the
 * application. No component scanning: the other test applications of this package stay
 * out.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ LifecycleTestApplication.Handlers.class, LifecycleTestApplication.ServletOpen.class,
		LifecycleTestApplication.ReactiveOpen.class })
public class LifecycleTestApplication {

	/** The {@code X-Request-Id} of every request a handler served. */
	static final Set<String> reached = ConcurrentHashMap.newKeySet();

	@RestController
	static class Handlers {

		@RequestMapping({ "/api/**", "/trial/**" })
		String hello(@RequestHeader(name = "X-Request-Id", required = false) String id) {
			if (id != null) {
				reached.add(id);
			}
			return "hello";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletOpen {

		@Bean
		SecurityFilterChain openSecurity(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
				.csrf(csrf -> csrf.disable())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@EnableWebFluxSecurity
	static class ReactiveOpen {

		@Bean
		SecurityWebFilterChain openSecurity(ServerHttpSecurity http) {
			return http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
				.csrf(csrf -> csrf.disable())
				.build();
		}

	}

}
