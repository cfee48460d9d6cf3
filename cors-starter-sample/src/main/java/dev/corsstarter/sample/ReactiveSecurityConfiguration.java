package dev.corsstarter.sample;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * Spring Security for the reactive stack
 * ({@code spring.main.web-application-type=reactive}), with the same rules as
 * {@link ServletSecurityConfiguration}; see there for why there is no {@code http.cors()}
 * and why CSRF protection is off for {@code /api/**}, {@code /admin/**} and the actuator
 * endpoints only.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@EnableWebFluxSecurity
class ReactiveSecurityConfiguration {

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
		http.authorizeExchange((exchanges) -> exchanges.pathMatchers(SampleSecurity.PUBLIC_PAGES)
			.permitAll()
			.pathMatchers(SampleSecurity.PUBLIC_ACTUATOR)
			.permitAll()
			.pathMatchers(SampleSecurity.PUBLIC_API)
			.permitAll()
			.pathMatchers(HttpMethod.GET, SampleSecurity.PUBLIC_API_READS)
			.permitAll()
			.anyExchange()
			.authenticated())
			.httpBasic(Customizer.withDefaults())
			// stateless: no WebSession holds the login
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.csrf((csrf) -> csrf
				.requireCsrfProtectionMatcher(new AndServerWebExchangeMatcher(CsrfWebFilter.DEFAULT_CSRF_MATCHER,
						new NegatedServerWebExchangeMatcher(new OrServerWebExchangeMatcher(
								ServerWebExchangeMatchers.pathMatchers(SampleSecurity.API, SampleSecurity.ADMIN),
								EndpointRequest.toAnyEndpoint())))));
		return http.build();
	}

}
