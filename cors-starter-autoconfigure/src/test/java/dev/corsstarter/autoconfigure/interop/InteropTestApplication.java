package dev.corsstarter.autoconfigure.interop;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.cors.CorsConfiguration;

/**
 * An application that had CORS before it adopted the starter, on both stacks: Spring
 * Security in front with {@code cors(withDefaults())}, {@code @CrossOrigin} controllers
 * inside and outside the policy's paths, and {@code addCorsMappings} registrations.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ InteropTestApplication.Controllers.class, InteropTestApplication.ServletSecurity.class,
		InteropTestApplication.ReactiveSecurity.class, InteropTestApplication.ServletCorsMappings.class,
		InteropTestApplication.ReactiveCorsMappings.class, InteropTestApplication.ServletLegacySource.class,
		InteropTestApplication.ReactiveLegacySource.class })
public class InteropTestApplication {

	static final String APP = "https://app.example.com";

	static final String LEGACY = "https://legacy.example.com";

	static final String EVIL = "https://evil.example.net";

	/**
	 * The low-cardinality key values of every server request observation that stopped.
	 */
	static final ConcurrentLinkedQueue<Map<String, String>> observed = new ConcurrentLinkedQueue<>();

	@Bean
	ObservationHandler<Observation.Context> serverRequestRecorder() {
		return new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof org.springframework.http.server.observation.ServerRequestObservationContext
						|| context instanceof ServerRequestObservationContext;
			}

			@Override
			public void onStop(Observation.Context context) {
				Map<String, String> keys = new java.util.TreeMap<>();
				for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
					keys.put(keyValue.getKey(), keyValue.getValue());
				}
				observed.add(keys);
			}

		};
	}

	/**
	 * The application's own source, as Spring Security's cors() finds it, when a test
	 * asks for one.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnProperty("test.legacy-source")
	static class ServletLegacySource {

		@Bean
		org.springframework.web.cors.CorsConfigurationSource corsConfigurationSource() {
			var source = new org.springframework.web.cors.UrlBasedCorsConfigurationSource();
			source.registerCorsConfiguration("/api/**", legacyConfiguration());
			return source;
		}

	}

	/**
	 * The application's own source, as Spring Security's cors() finds it, when a test
	 * asks for one.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnProperty("test.legacy-source")
	static class ReactiveLegacySource {

		@Bean
		org.springframework.web.cors.reactive.CorsConfigurationSource corsConfigurationSource() {
			var source = new org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource();
			source.registerCorsConfiguration("/api/**", legacyConfiguration());
			return source;
		}

	}

	static CorsConfiguration legacyConfiguration() {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(List.of(APP, LEGACY));
		configuration.setAllowedMethods(List.of("GET", "POST", "DELETE"));
		configuration.setAllowCredentials(true);
		configuration.setMaxAge(3600L);
		return configuration;
	}

	@RestController
	static class Controllers {

		@GetMapping({ "/api/orders", "/open/hello", "/beta/hello" })
		String hello() {
			return "hello";
		}

		/** On the policy's path: the policy decides here now. */
		@CrossOrigin(origins = { APP, LEGACY }, maxAge = 3600)
		@GetMapping("/api/legacy")
		String legacy() {
			return "legacy";
		}

		/** Outside every policy: Spring's own CORS support still answers here. */
		@CrossOrigin(origins = LEGACY)
		@GetMapping("/open/annotated")
		String openAnnotated() {
			return "open";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletCorsMappings implements org.springframework.web.servlet.config.annotation.WebMvcConfigurer {

		@Override
		public void addCorsMappings(org.springframework.web.servlet.config.annotation.CorsRegistry registry) {
			registry.addMapping("/api/**").allowedOrigins(APP, LEGACY).allowedMethods("GET", "POST");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveCorsMappings implements org.springframework.web.reactive.config.WebFluxConfigurer {

		@Override
		public void addCorsMappings(org.springframework.web.reactive.config.CorsRegistry registry) {
			registry.addMapping("/api/**").allowedOrigins(APP, LEGACY).allowedMethods("GET", "POST");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletSecurity {

		@Bean
		SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
				.httpBasic(Customizer.withDefaults())
				.cors(Customizer.withDefaults());
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@EnableWebFluxSecurity
	static class ReactiveSecurity {

		@Bean
		SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
			http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
				.httpBasic(Customizer.withDefaults())
				.cors(Customizer.withDefaults());
			return http.build();
		}

	}

}
