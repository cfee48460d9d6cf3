package dev.corsstarter.autoconfigure;

import java.util.List;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.corsstarter.autoconfigure.actuate.CorsEndpoint;
import dev.corsstarter.autoconfigure.actuate.CorsMigrationEndpoint;
import dev.corsstarter.autoconfigure.interop.ShadowedSpringCors;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;

/**
 * Finds the application's own Spring CORS configuration: names at startup what the
 * policies now shadow (listed by the {@code cors} endpoint too), and offers it converted
 * into policies through the {@code corsmigration} endpoint. Reads the handler mappings
 * and beans once all singletons exist; registers nothing Spring itself would use.
 */
@AutoConfiguration(after = { CorsAutoConfiguration.class, CorsEndpointAutoConfiguration.class })
@ConditionalOnBean(CorsPolicyRegistry.class)
@ConditionalOnBooleanProperty(name = "cors.enabled", matchIfMissing = true)
public final class CorsSpringInteropAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(name = "org.springframework.web.servlet.handler.AbstractHandlerMapping")
	static final class ServletSpringCors {

		@Bean
		@ConditionalOnMissingBean
		ShadowedSpringCors shadowedSpringCors(CorsPolicyRegistry policies, ListableBeanFactory beans,
				ObjectProvider<CorsEndpoint> endpoint) {
			return ShadowedSpringCors.servlet(policies, beans, endpoint);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(name = "org.springframework.web.reactive.handler.AbstractHandlerMapping")
	static final class ReactiveSpringCors {

		@Bean
		@ConditionalOnMissingBean
		ShadowedSpringCors shadowedSpringCors(CorsPolicyRegistry policies, ListableBeanFactory beans,
				ObjectProvider<CorsEndpoint> endpoint) {
			return ShadowedSpringCors.reactive(policies, beans, endpoint);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
	@ConditionalOnWebApplication
	static final class MigrationEndpoint {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		CorsMigrationEndpoint corsMigrationEndpoint(CorsPolicyRegistry policies,
				ObjectProvider<ShadowedSpringCors> springCors) {
			return new CorsMigrationEndpoint(policies, () -> {
				ShadowedSpringCors found = springCors.getIfAvailable();
				return (found != null) ? found.found() : List.of();
			});
		}

	}

}
