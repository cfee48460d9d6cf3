package dev.corsstarter.autoconfigure;

import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.annotation.RegisterReflectionForBinding;
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
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.OrderUtils;
import org.springframework.core.env.Environment;

import dev.corsstarter.autoconfigure.actuate.CorsEndpoint;
import dev.corsstarter.autoconfigure.actuate.CorsEndpoint.CorsDescriptor;
import dev.corsstarter.autoconfigure.actuate.CorsEndpoint.DryRunDescriptor;
import dev.corsstarter.autoconfigure.actuate.CorsEndpointWebExtension;
import dev.corsstarter.autoconfigure.actuate.CorsEndpointWebExtension.BadRequestDescriptor;
import dev.corsstarter.autoconfigure.interop.ShadowedSpringCors;
import dev.corsstarter.autoconfigure.web.CorsRouting;
import dev.corsstarter.autoconfigure.web.CorsRouting.Stack;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.properties.CorsPolicyLoader;
import dev.corsstarter.autoconfigure.reactive.CorsPolicyWebFilter;
import dev.corsstarter.autoconfigure.servlet.CorsPolicyFilter;
import dev.corsstarter.core.request.PathMatching;

/** The {@code cors} actuator endpoint; its answers hinted for native images. */
@AutoConfiguration(after = CorsAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnWebApplication
@ConditionalOnBean(CorsPolicyRegistry.class)
@ConditionalOnBooleanProperty(name = "cors.enabled", matchIfMissing = true)
@RegisterReflectionForBinding({ CorsDescriptor.class, DryRunDescriptor.class, BadRequestDescriptor.class })
public final class CorsEndpointAutoConfiguration {

	/** Warnings located as the startup log does them. */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	CorsEndpoint corsEndpoint(CorsPolicyRegistry policies, Environment environment, ApplicationContext context,
			ObjectProvider<ShadowedSpringCors> springCors) {
		Stack stack = Stack.of(context);
		Supplier<PathMatching> pathMatching = () -> context.getBeanProvider(CorsRouting.class)
			.stream()
			.findFirst()
			.map(CorsRouting::pathMatching)
			.orElse(PathMatching.DEFAULT);
		CorsEndpoint endpoint = new CorsEndpoint(policies, stack.tag(),
				(stack == Stack.SERVLET) ? () -> ServletFilterOrder.of(context)
						: () -> orderOf(context, CorsPolicyWebFilter.class),
				(violation) -> CorsPolicyLoader.locate(violation, environment), pathMatching);
		// asked per description: an application's own ShadowedSpringCors is listed too
		endpoint.setShadowedSpringCors(() -> {
			ShadowedSpringCors shadowed = springCors.getIfAvailable();
			return (shadowed != null) ? shadowed.shadowed() : List.of();
		});
		return endpoint;
	}

	/** Declared after the endpoint, for {@code @ConditionalOnBean}. */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(CorsEndpoint.class)
	@ConditionalOnAvailableEndpoint(endpoint = CorsEndpoint.class, exposure = EndpointExposure.WEB)
	CorsEndpointWebExtension corsEndpointWebExtension(CorsEndpoint endpoint) {
		return new CorsEndpointWebExtension(endpoint);
	}

	/** The first filter bean's order, as Spring sorts it. */
	private static @Nullable Integer orderOf(ListableBeanFactory beans, Class<?> type) {
		return beans.getBeanProvider(type)
			.stream()
			.findFirst()
			.map((filter) -> (filter instanceof Ordered ordered) ? ordered.getOrder()
					: OrderUtils.getOrder(filter.getClass(), Ordered.LOWEST_PRECEDENCE))
			.orElse(null);
	}

	/** Servlet types, loaded on the servlet stack only. */
	private static final class ServletFilterOrder {

		/** The registered CORS filter's order, the starter's or the application's. */
		@SuppressWarnings("rawtypes")
		static @Nullable Integer of(ListableBeanFactory beans) {
			for (FilterRegistrationBean registration : beans.getBeansOfType(FilterRegistrationBean.class, false, false)
				.values()) {
				if (registration.getFilter() instanceof CorsPolicyFilter) {
					return registration.getOrder();
				}
			}
			return orderOf(beans, CorsPolicyFilter.class);
		}

	}

}
