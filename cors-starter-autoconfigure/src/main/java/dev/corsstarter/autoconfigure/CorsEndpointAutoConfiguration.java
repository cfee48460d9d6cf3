package dev.corsstarter.autoconfigure;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.annotation.RegisterReflectionForBinding;
import org.springframework.beans.factory.ListableBeanFactory;
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
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.OrderUtils;
import org.springframework.core.env.Environment;

import dev.corsstarter.autoconfigure.actuate.CorsEndpoint;
import dev.corsstarter.autoconfigure.actuate.CorsEndpoint.CorsDescriptor;
import dev.corsstarter.autoconfigure.actuate.CorsEndpoint.DryRunDescriptor;
import dev.corsstarter.autoconfigure.actuate.CorsEndpointWebExtension;
import dev.corsstarter.autoconfigure.actuate.CorsEndpointWebExtension.BadRequestDescriptor;
import dev.corsstarter.autoconfigure.internal.HandlerMappingPathMatching;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.reactive.CorsPolicyWebFilter;
import dev.corsstarter.autoconfigure.servlet.CorsPolicyFilter;
import dev.corsstarter.core.request.PathMatching;

/**
 * The {@code cors} actuator endpoint, when Actuator is present, policies are configured
 * and the endpoint is available. Its answers are serialised by reflection, hence the
 * hints for ahead-of-time processing and native images.
 */
@AutoConfiguration(after = CorsAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnWebApplication
@ConditionalOnBean(CorsPolicyRegistry.class)
@ConditionalOnBooleanProperty(name = "cors.enabled", matchIfMissing = true)
@RegisterReflectionForBinding({ CorsDescriptor.class, DryRunDescriptor.class, BadRequestDescriptor.class })
public final class CorsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(CorsEndpoint.class)
	@ConditionalOnAvailableEndpoint(endpoint = CorsEndpoint.class, exposure = EndpointExposure.WEB)
	CorsEndpointWebExtension corsEndpointWebExtension(CorsEndpoint endpoint) {
		return new CorsEndpointWebExtension(endpoint);
	}

	/**
	 * Warnings located as the startup log does. The stack, the filter order and the path
	 * matching are detected here, once per stack below.
	 */
	private static CorsEndpoint endpoint(CorsPolicyRegistry policies, Environment environment,
			ListableBeanFactory beans, String stack, Supplier<Integer> filterOrder) {
		Supplier<PathMatching> pathMatching = () -> beans.getBeanProvider(HandlerMappingPathMatching.class)
			.stream()
			.findFirst()
			.map(HandlerMappingPathMatching::get)
			.orElse(PathMatching.DEFAULT);
		return new CorsEndpoint(policies, stack, filterOrder,
				(violation) -> CorsPropertySources.locate(violation, environment), pathMatching);
	}

	/** The order of the first filter bean of that type, as Spring sorts it. */
	private static @Nullable Integer orderOf(ListableBeanFactory beans, Class<?> type) {
		return beans.getBeanProvider(type)
			.stream()
			.findFirst()
			.map((filter) -> (filter instanceof Ordered ordered) ? ordered.getOrder()
					: OrderUtils.getOrder(filter.getClass(), Ordered.LOWEST_PRECEDENCE))
			.orElse(null);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletCorsEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		CorsEndpoint corsEndpoint(CorsPolicyRegistry policies, Environment environment, ListableBeanFactory beans) {
			return endpoint(policies, environment, beans, CorsEndpoint.SERVLET, () -> filterOrder(beans));
		}

		/** The registered CORS filter's order, the starter's or the application's own. */
		@SuppressWarnings("rawtypes")
		static @Nullable Integer filterOrder(ListableBeanFactory beans) {
			for (FilterRegistrationBean registration : beans.getBeansOfType(FilterRegistrationBean.class, false, false)
				.values()) {
				if (registration.getFilter() instanceof CorsPolicyFilter) {
					return registration.getOrder();
				}
			}
			return orderOf(beans, CorsPolicyFilter.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveCorsEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		CorsEndpoint corsEndpoint(CorsPolicyRegistry policies, Environment environment, ListableBeanFactory beans) {
			return endpoint(policies, environment, beans, CorsEndpoint.REACTIVE,
					() -> orderOf(beans, CorsPolicyWebFilter.class));
		}

	}

}
