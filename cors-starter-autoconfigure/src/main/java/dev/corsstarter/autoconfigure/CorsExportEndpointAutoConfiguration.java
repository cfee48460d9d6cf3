package dev.corsstarter.autoconfigure;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.corsstarter.autoconfigure.actuate.CorsExportEndpoint;
import dev.corsstarter.autoconfigure.export.EdgeExportSettings;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.web.CorsRouting;
import dev.corsstarter.autoconfigure.web.CorsRouting.Stack;
import dev.corsstarter.core.request.PathMatching;

/** The {@code corsexport} actuator endpoint, beside the {@code cors} endpoint. */
@AutoConfiguration(after = CorsAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnWebApplication
@ConditionalOnBean(CorsPolicyRegistry.class)
@ConditionalOnBooleanProperty(name = "cors.enabled", matchIfMissing = true)
public final class CorsExportEndpointAutoConfiguration {

	/** The policies the filter decides with now, and their generation. */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	CorsExportEndpoint corsExportEndpoint(CorsPolicyRegistry policies, Environment environment,
			ApplicationContext context) {
		CorsRouting routing = context.getBeanProvider(CorsRouting.class)
			.getIfAvailable(() -> CorsRouting.detect(Stack.of(context), environment, context, null,
					() -> PathMatching.DEFAULT));
		return new CorsExportEndpoint(policies::current, policies::generation, routing.contextPath(),
				EdgeExportSettings.notExportable(routing));
	}

}
