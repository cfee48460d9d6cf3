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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.corsstarter.autoconfigure.actuate.CorsMigrationEndpoint;
import dev.corsstarter.autoconfigure.interop.ShadowedSpringCors;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.web.CorsRouting;

/**
 * Finds the application's own Spring CORS configuration: names at startup what the
 * policies now shadow (listed by the {@code cors} endpoint too), and offers it converted
 * into policies through the {@code corsmigration} endpoint. Reads the handler mappings
 * and beans once all singletons exist; registers nothing Spring itself would use.
 */
@AutoConfiguration(after = { CorsServletAutoConfiguration.class, CorsReactiveAutoConfiguration.class,
		CorsEndpointAutoConfiguration.class })
@ConditionalOnBean({ CorsPolicyRegistry.class, CorsRouting.class })
@ConditionalOnBooleanProperty(name = "cors.enabled", matchIfMissing = true)
public final class CorsSpringInteropAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ShadowedSpringCors shadowedSpringCors(CorsRouting routing, CorsPolicyRegistry policies, ListableBeanFactory beans) {
		return ShadowedSpringCors.of(routing.stack(), policies, beans);
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
