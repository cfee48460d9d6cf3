package dev.corsstarter.autoconfigure.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.reactive.handler.AbstractHandlerMapping;
import org.springframework.web.server.ServerWebExchange;

import dev.corsstarter.autoconfigure.web.CorsRouting.Stack;

/**
 * Spring Cloud Gateway (WebFlux) puts its global CORS configuration
 * ({@code spring.cloud.gateway.server.webflux.globalcors.cors-configurations}) on its
 * {@code RoutePredicateHandlerMapping} through
 * {@link AbstractHandlerMapping#setCorsConfigurations}, as any other handler mapping may.
 * Such a configuration is found and named by the mapping's bean name, beside the
 * application's own {@code addCorsMappings}.
 */
class GatewayGlobalCorsTests {

	@Test
	void globalCorsOfAnotherHandlerMappingIsFoundUnderItsBeanName() {
		CorsConfiguration global = new CorsConfiguration();
		global.setAllowedOrigins(List.of("https://gateway-client.example"));
		global.setAllowedMethods(List.of("GET", "POST"));
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerSingleton("routePredicateHandlerMapping", new RouteMapping(Map.of("/api/**", global)));

		List<SpringCorsConfiguration> found = SpringCorsConfigurations.find(beans, Stack.REACTIVE);

		assertThat(found).singleElement().satisfies((configuration) -> {
			assertThat(configuration.kind()).isEqualTo(SpringCorsConfiguration.HANDLER_MAPPING);
			assertThat(configuration.name()).isEqualTo("routePredicateHandlerMapping");
			assertThat(configuration.pathPattern()).isEqualTo("/api/**");
			assertThat(configuration.configuration().getAllowedOrigins())
				.containsExactly("https://gateway-client.example");
		});
	}

	@Test
	void aHandlerMappingWithoutCorsConfigurationIsNotListed() {
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerSingleton("routePredicateHandlerMapping", new RouteMapping(Map.of()));

		assertThat(SpringCorsConfigurations.find(beans, Stack.REACTIVE)).isEmpty();
	}

	/** Configured as Gateway's {@code RoutePredicateHandlerMapping} configures itself. */
	static final class RouteMapping extends AbstractHandlerMapping {

		RouteMapping(Map<String, CorsConfiguration> globalCors) {
			setCorsConfigurations(globalCors);
		}

		@Override
		protected Mono<?> getHandlerInternal(ServerWebExchange exchange) {
			return Mono.empty();
		}

	}

}
