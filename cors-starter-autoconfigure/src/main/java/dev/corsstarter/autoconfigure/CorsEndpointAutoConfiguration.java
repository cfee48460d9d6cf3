package dev.corsstarter.autoconfigure;

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
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.corsstarter.autoconfigure.actuate.CorsEndpoint;
import dev.corsstarter.autoconfigure.actuate.CorsEndpointWebExtension;
import dev.corsstarter.core.decision.CorsEngine;

/**
 * Provides the {@code cors} actuator endpoint when Spring Boot Actuator is present, CORS
 * policies are configured and the endpoint is available (access allowed and exposed).
 */
@AutoConfiguration(after = CorsAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnWebApplication
@ConditionalOnBean(CorsEngine.class)
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

	/** The endpoint, showing each warning with where its value was set, as the startup log does. */
	private static CorsEndpoint endpoint(CorsEngine engine, CorsProperties properties, Environment environment,
			String stack) {
		return new CorsEndpoint(engine, stack, CorsFilterOrder.resolve(properties),
				(violation) -> CorsPropertySources.locate(violation, ConfigurationPropertySources.get(environment)));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletCorsEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		CorsEndpoint corsEndpoint(CorsEngine engine, CorsProperties properties, Environment environment) {
			return endpoint(engine, properties, environment, CorsEndpoint.SERVLET);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveCorsEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		CorsEndpoint corsEndpoint(CorsEngine engine, CorsProperties properties, Environment environment) {
			return endpoint(engine, properties, environment, CorsEndpoint.REACTIVE);
		}

	}

}
