package dev.corsstarter.autoconfigure;

import org.springframework.beans.factory.ListableBeanFactory;
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
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

import dev.corsstarter.autoconfigure.actuate.CorsExportEndpoint;
import dev.corsstarter.autoconfigure.export.EdgeExportSettings;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.core.decision.CorsEngine;

/**
 * Provides the {@code corsexport} actuator endpoint beside the {@code cors} endpoint:
 * when Spring Boot Actuator is present, CORS policies are configured and the endpoint is
 * available (access allowed and exposed over HTTP).
 */
@AutoConfiguration(after = CorsAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnWebApplication
@ConditionalOnBean(CorsPolicyRegistry.class)
@ConditionalOnBooleanProperty(name = "cors.enabled", matchIfMissing = true)
public final class CorsExportEndpointAutoConfiguration {

	private static CorsExportEndpoint endpoint(CorsPolicyRegistry policies, Environment environment,
			ListableBeanFactory beans, boolean reactive, String hiddenMethodFilter) {
		ClassLoader classLoader = CorsExportEndpointAutoConfiguration.class.getClassLoader();
		boolean hiddenMethodBean = ClassUtils.isPresent(hiddenMethodFilter, classLoader) && beans
			.getBeanNamesForType(ClassUtils.resolveClassName(hiddenMethodFilter, classLoader), true, false).length > 0;
		return new CorsExportEndpoint(policies::current, policies::generation,
				EdgeExportSettings.contextPath(environment, reactive),
				EdgeExportSettings.notExportable(environment, reactive, hiddenMethodBean));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletCorsExportEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		CorsExportEndpoint corsExportEndpoint(CorsPolicyRegistry policies, Environment environment,
				ListableBeanFactory beans) {
			return endpoint(policies, environment, beans, false,
					"org.springframework.web.filter.HiddenHttpMethodFilter");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveCorsExportEndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		CorsExportEndpoint corsExportEndpoint(CorsPolicyRegistry policies, Environment environment,
				ListableBeanFactory beans) {
			return endpoint(policies, environment, beans, true,
					"org.springframework.web.filter.reactive.HiddenHttpMethodFilter");
		}

	}

}
