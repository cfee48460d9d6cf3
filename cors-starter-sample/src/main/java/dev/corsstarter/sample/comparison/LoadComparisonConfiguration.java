package dev.corsstarter.sample.comparison;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webflux.filter.OrderedWebFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.corsstarter.autoconfigure.properties.CorsProperties;
import dev.corsstarter.autoconfigure.web.CorsRouting;
import dev.corsstarter.core.policy.CorsPolicy;

/** The comparison variants of the sample; see the package documentation. */
@Configuration(proxyBeanMethods = false)
class LoadComparisonConfiguration {

	/**
	 * A first servlet filter answering every {@code OPTIONS} with 204 and these headers.
	 */
	static FilterRegistrationBean<Filter> optionsAnswer(Map<String, String> headers) {
		Filter filter = (request, response, chain) -> {
			if (HttpMethod.OPTIONS.matches(((HttpServletRequest) request).getMethod())) {
				HttpServletResponse httpResponse = (HttpServletResponse) response;
				httpResponse.setStatus(HttpServletResponse.SC_NO_CONTENT);
				headers.forEach(httpResponse::setHeader);
				return;
			}
			chain.doFilter(request, response);
		};
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(CorsRouting.DEFAULT_FILTER_ORDER);
		return registration;
	}

	/** A first web filter answering every {@code OPTIONS} with 204 and these headers. */
	static WebFilter optionsAnswerWebFilter(Map<String, String> headers) {
		return new OrderedWebFilter() {
			@Override
			public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
				if (exchange.getRequest().getMethod() == HttpMethod.OPTIONS) {
					exchange.getResponse().setStatusCode(HttpStatus.NO_CONTENT);
					headers.forEach(exchange.getResponse().getHeaders()::set);
					return exchange.getResponse().setComplete();
				}
				return chain.filter(exchange);
			}

			@Override
			public int getOrder() {
				return CorsRouting.DEFAULT_FILTER_ORDER;
			}
		};
	}

	/**
	 * A first filter answering every {@code OPTIONS} with 204 and nothing else: the most
	 * a preflight can cost.
	 */
	@Configuration(proxyBeanMethods = false)
	@Profile("compare-ceiling")
	static class Ceiling {

		@Bean
		@ConditionalOnWebApplication(type = Type.SERVLET)
		FilterRegistrationBean<Filter> noContentForOptions() {
			return optionsAnswer(Map.of());
		}

		@Bean
		@ConditionalOnWebApplication(type = Type.REACTIVE)
		WebFilter noContentForOptionsWebFilter() {
			return optionsAnswerWebFilter(Map.of());
		}

	}

	/**
	 * A first filter answering every {@code OPTIONS} with the preflight response the
	 * starter writes for the load test's request, status and every header hard-coded:
	 * what answering that preflight costs when nothing is decided. The load script checks
	 * that this response and the starter's are the same before it measures.
	 */
	@Configuration(proxyBeanMethods = false)
	@Profile("compare-fair-ceiling")
	static class FairCeiling {

		static final Map<String, String> PREFLIGHT_HEADERS = fairPreflightHeaders();

		@Bean
		@ConditionalOnWebApplication(type = Type.SERVLET)
		FilterRegistrationBean<Filter> fixedPreflightAnswer() {
			return optionsAnswer(PREFLIGHT_HEADERS);
		}

		@Bean
		@ConditionalOnWebApplication(type = Type.REACTIVE)
		WebFilter fixedPreflightAnswerWebFilter() {
			return optionsAnswerWebFilter(PREFLIGHT_HEADERS);
		}

		private static Map<String, String> fairPreflightHeaders() {
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
			headers.put("Access-Control-Allow-Origin", "https://app.example.com");
			headers.put("Access-Control-Allow-Credentials", "true");
			headers.put("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, DELETE");
			headers.put("Access-Control-Allow-Headers", "Content-Type, Authorization");
			headers.put("Access-Control-Max-Age", "600");
			return headers;
		}

	}

	/**
	 * What many applications do today: Spring Security's {@code cors()} with a
	 * {@code CorsConfigurationSource} holding the same {@code cors.policies}, most
	 * specific pattern first (Spring's source takes the first pattern that matches).
	 */
	@Configuration(proxyBeanMethods = false)
	@Profile("compare-security-cors")
	static class SecurityCors {

		@Bean
		@ConditionalOnWebApplication(type = Type.SERVLET)
		Customizer<HttpSecurity> securityCors() {
			return (http) -> http.cors(Customizer.withDefaults());
		}

		@Bean
		@ConditionalOnWebApplication(type = Type.SERVLET)
		UrlBasedCorsConfigurationSource corsConfigurationSource(Environment environment) {
			UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
			source.setCorsConfigurations(configurations(environment));
			return source;
		}

		@Bean
		@ConditionalOnWebApplication(type = Type.REACTIVE)
		Customizer<ServerHttpSecurity> serverSecurityCors() {
			return (http) -> http.cors(Customizer.withDefaults());
		}

		@Bean
		@ConditionalOnWebApplication(type = Type.REACTIVE)
		org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource reactiveCorsConfigurationSource(
				Environment environment) {
			var source = new org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource();
			source.setCorsConfigurations(configurations(environment));
			return source;
		}

		/**
		 * The bound {@code cors.policies} as Spring configurations, by path pattern, most
		 * specific first.
		 */
		static Map<String, CorsConfiguration> configurations(Environment environment) {
			List<CorsPolicy> policies = Binder.get(environment)
				.bind("cors", CorsProperties.class)
				.orElseGet(CorsProperties::new)
				.toCorsPolicies();
			Map<PathPattern, CorsConfiguration> byPattern = new TreeMap<>(PathPattern.SPECIFICITY_COMPARATOR);
			for (CorsPolicy policy : policies) {
				CorsConfiguration configuration = new CorsConfiguration();
				// exact origins stay exact; Spring needs its pattern syntax for the
				// wildcards
				configuration.setAllowedOrigins(
						policy.allowedOrigins().stream().filter((origin) -> !origin.contains("*")).toList());
				configuration.setAllowedOriginPatterns(
						policy.allowedOrigins().stream().filter((origin) -> origin.contains("*")).toList());
				configuration.setAllowedMethods(policy.allowedMethods());
				configuration.setAllowedHeaders(policy.allowedHeaders());
				configuration.setExposedHeaders(policy.exposedHeaders());
				configuration.setAllowCredentials(policy.allowCredentials());
				configuration.setAllowPrivateNetwork(policy.allowPrivateNetwork());
				configuration.setMaxAge(policy.maxAge());
				for (String pattern : policy.pathPatterns()) {
					byPattern.put(PathPatternParser.defaultInstance.parse(pattern), configuration);
				}
			}
			Map<String, CorsConfiguration> configurations = new LinkedHashMap<>();
			byPattern
				.forEach((pattern, configuration) -> configurations.put(pattern.getPatternString(), configuration));
			return configurations;
		}

	}

}
