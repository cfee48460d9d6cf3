package dev.corsstarter.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.corsstarter.autoconfigure.properties.CorsProperties;
import dev.corsstarter.autoconfigure.web.CorsRouting;
import dev.corsstarter.autoconfigure.web.CorsRouting.Stack;
import dev.corsstarter.autoconfigure.web.HandlerMappingPathMatching;

/** How the application routes requests, for the auto-configuration of its stack. */
@Configuration(proxyBeanMethods = false)
final class CorsRoutingConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HandlerMappingPathMatching corsHandlerMappingPathMatching(ApplicationContext context) {
		return new HandlerMappingPathMatching(context, Stack.of(context));
	}

	@Bean
	@ConditionalOnMissingBean
	CorsRouting corsRouting(CorsProperties properties, ApplicationContext context,
			HandlerMappingPathMatching pathMatching) {
		return CorsRouting.detect(Stack.of(context), context.getEnvironment(), context, properties.getFilterOrder(),
				pathMatching);
	}

}
