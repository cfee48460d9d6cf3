package dev.corsstarter.sample;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Security for the servlet stack (the default). The rules are the same as
 * {@link ReactiveSecurityConfiguration}'s. There is no {@code http.cors()}:
 * cors-starter's filter runs before Spring Security, answers preflights itself and puts
 * the CORS headers on every response on a policy's paths, 401s from this chain included.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
class ServletSecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(SampleSecurity.PUBLIC_PAGES)
			.permitAll()
			.requestMatchers(SampleSecurity.PUBLIC_ACTUATOR)
			.permitAll()
			.requestMatchers(SampleSecurity.PUBLIC_API)
			.permitAll()
			.requestMatchers(HttpMethod.GET, SampleSecurity.PUBLIC_API_READS)
			.permitAll()
			// error pages render the status of the failed request (the 500 of
			// /api/public/fail)
			.requestMatchers("/error")
			.permitAll()
			// /api/account/**, /admin/**, /actuator/cors, /actuator/refresh and
			// everything else:
			// log in first
			.anyRequest()
			.authenticated())
			.httpBasic(Customizer.withDefaults())
			// Stateless: every API call carries its Authorization header; no session, no
			// cookie.
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// CSRF protection stays on, except for the JSON API, the admin flow and the
			// actuator.
			// /api/** keeps no session and no cookie, so nothing rides along on a forged
			// request
			// but browser-cached Basic credentials; and a cross-site request to /api/**
			// is refused
			// by cors-starter (403, before this chain) unless its Origin is in a policy.
			// Requiring
			// a CSRF token there would protect nothing more and break every cross-origin
			// client.
			// /admin/** takes JSON only (see SampleSecurity.ADMIN); the actuator
			// endpoints are
			// machine endpoints authenticated on every request (POST /actuator/refresh
			// with
			// HTTP Basic, no token).
			.csrf((csrf) -> csrf.ignoringRequestMatchers(SampleSecurity.API, SampleSecurity.ADMIN)
				.ignoringRequestMatchers(EndpointRequest.toAnyEndpoint()));
		return http.build();
	}

}
