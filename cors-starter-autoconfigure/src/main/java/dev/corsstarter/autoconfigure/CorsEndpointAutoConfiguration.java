package dev.corsstarter.autoconfigure;

import java.util.function.Supplier;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.OrderUtils;
import org.springframework.core.env.Environment;

import dev.corsstarter.autoconfigure.actuate.CorsEndpoint;
import dev.corsstarter.autoconfigure.actuate.CorsEndpointWebExtension;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.properties.CorsPolicyLoader;
import dev.corsstarter.autoconfigure.reactive.CorsPolicyWebFilter;
import dev.corsstarter.autoconfigure.servlet.CorsPolicyFilter;
import dev.corsstarter.autoconfigure.web.CorsRouting;
import dev.corsstarter.core.request.PathMatching;

/**
 * Provides the {@code cors} actuator endpoint when Spring Boot Actuator is present, CORS
 * policies are configured and the endpoint is available (access allowed and exposed).
 */
@AutoConfiguration(after = CorsAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnWebApplication
@ConditionalOnBean(CorsPolicyRegistry.class)
@ConditionalOnBooleanProperty(name = "cors.enabled", matchIfMissing = true)
@ImportRuntimeHints(CorsEndpointRuntimeHints.class)
public final class CorsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(CorsEndpoint.class)
	@ConditionalOnAvailableEndpoint(endpoint = CorsEndpoint.class, exposure = EndpointExposure.WEB)
	CorsEndpointWebExtension corsEndpointWebExtension(CorsEndpoint endpoint) {
		return new CorsEndpointWebExtension(endpoint);
	}

	/**
	 * The endpoint, showing each warning with where its value was set, as the startup log
	 * does.
	 */
	private static CorsEndpoint endpoint(CorsPolicyRegistry policies, Environment environment, String stack,
			Supplier<Integer> filterOrder, ListableBeanFactory beans) {
		ObjectProvider<CorsRouting> routing = beans.getBeanProvider(CorsRouting.class);
		return new CorsEndpoint(policies, stack, filterOrder,
				(violation) -> CorsPolicyLoader.locate(violation, environment), () -> {
					CorsRouting matching = routing.getIfAvailable();
					return (matching != null) ? matching.pathMatching() : PathMatching.DEFAULT;
				});
	}

	/**
	 * The order a filter bean is sorted by: {@link Ordered}, else {@code @Order} on its
	 * class.
	 */
	private static int orderOf(Object filter) {
		return (filter instanceof Ordered ordered) ? ordered.getOrder()
				: OrderUtils.getOrder(filter.getClass(), Ordered.LOWEST_PRECEDENCE);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletCorsEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		CorsEndpoint corsEndpoint(CorsPolicyRegistry policies, Environment environment, ListableBeanFactory beans) {
			return endpoint(policies, environment, CorsEndpoint.SERVLET, () -> filterOrder(beans), beans);
		}

		/**
		 * The order of the registered CORS filter, the starter's or the application's
		 * own.
		 */
		@SuppressWarnings("rawtypes")
		static Integer filterOrder(ListableBeanFactory beans) {
			for (FilterRegistrationBean registration : beans.getBeansOfType(FilterRegistrationBean.class, false, false)
				.values()) {
				if (registration.getFilter() instanceof CorsPolicyFilter) {
					return registration.getOrder();
				}
			}
			return beans.getBeanProvider(CorsPolicyFilter.class)
				.stream()
				.findFirst()
				.map(CorsEndpointAutoConfiguration::orderOf)
				.orElse(null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveCorsEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		CorsEndpoint corsEndpoint(CorsPolicyRegistry policies, Environment environment, ListableBeanFactory beans) {
			return endpoint(policies, environment, CorsEndpoint.REACTIVE, () -> filterOrder(beans), beans);
		}

		/**
		 * The order of the registered CORS web filter, the starter's or the application's
		 * own.
		 */
		static Integer filterOrder(ListableBeanFactory beans) {
			return beans.getBeanProvider(CorsPolicyWebFilter.class)
				.stream()
				.findFirst()
				.map(CorsEndpointAutoConfiguration::orderOf)
				.orElse(null);
		}

	}

}
