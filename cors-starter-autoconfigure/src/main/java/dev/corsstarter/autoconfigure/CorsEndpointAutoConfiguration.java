package dev.corsstarter.autoconfigure;

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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.context.annotation.Configuration;

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

	private static CorsEndpoint endpoint(CorsEngine engine, ObjectProvider<CorsConfigurationReport> report,
			CorsProperties properties, String stack) {
		return new CorsEndpoint(engine, report.getIfAvailable(() -> CorsConfigurationReport.NONE), stack,
				CorsFilterOrder.resolve(properties));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletCorsEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		CorsEndpoint corsEndpoint(CorsEngine engine, ObjectProvider<CorsConfigurationReport> report,
				CorsProperties properties) {
			return endpoint(engine, report, properties, CorsEndpoint.SERVLET);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveCorsEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		CorsEndpoint corsEndpoint(CorsEngine engine, ObjectProvider<CorsConfigurationReport> report,
				CorsProperties properties) {
			return endpoint(engine, report, properties, CorsEndpoint.REACTIVE);
		}

	}

}
