package dev.corsstarter.autoconfigure;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.reactive.HiddenHttpMethodFilter;
import org.springframework.web.server.WebFilter;

import dev.corsstarter.autoconfigure.internal.HandlerMappingPathMatching;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.observation.CorsDecisionObserver;
import dev.corsstarter.autoconfigure.properties.CorsProperties;
import dev.corsstarter.autoconfigure.properties.CorsStartupLog;
import dev.corsstarter.autoconfigure.reactive.CorsPolicyWebFilter;
import dev.corsstarter.autoconfigure.reactive.OrderedCorsPolicyWebFilter;
import dev.corsstarter.core.internal.MethodOverride;

/**
 * Installs the CORS web filter in reactive applications, ahead of Spring Security's
 * {@code WebFilterChainProxy}. The filter carries its order through Spring's
 * {@link Ordered}, which WebFlux honours when it sorts the web filter beans on every
 * supported Spring Boot line (Spring Boot's own {@code OrderedWebFilter} moved package
 * between 3.5 and 4.0).
 */
@AutoConfiguration(after = CorsAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass(WebFilter.class)
@ConditionalOnBean(CorsPolicyRegistry.class)
@ConditionalOnBooleanProperty(name = "cors.enabled", matchIfMissing = true)
public final class CorsReactiveAutoConfiguration {

	/** How WebFlux's handler mappings match paths, read once they exist. */
	@Bean
	@ConditionalOnMissingBean
	HandlerMappingPathMatching corsHandlerMappingPathMatching(ListableBeanFactory beans) {
		return new HandlerMappingPathMatching(beans, true);
	}

	@Bean
	@ConditionalOnMissingBean(CorsPolicyWebFilter.class)
	OrderedCorsPolicyWebFilter corsPolicyWebFilter(CorsPolicyRegistry policies, CorsProperties properties,
			ObjectProvider<CorsDecisionObserver> observers, HandlerMappingPathMatching pathMatching,
			Environment environment, ListableBeanFactory beans) {
		OrderedCorsPolicyWebFilter filter = new OrderedCorsPolicyWebFilter(policies, CorsDecisionObserver.of(observers),
				CorsFilterOrder.resolve(properties), methodOverrideParameter(environment, beans), pathMatching);
		CorsStartupLog.installed("reactive", policies.current(), filter.getOrder(), properties, environment);
		return filter;
	}

	/**
	 * {@code _method} when a {@code HiddenHttpMethodFilter} runs (Boot's, enabled by
	 * {@code spring.webflux.hiddenmethod.filter.enabled}, or the application's own).
	 */
	static String methodOverrideParameter(Environment environment, ListableBeanFactory beans) {
		boolean hiddenMethod = beans.getBeanNamesForType(HiddenHttpMethodFilter.class, true, false).length > 0
				|| environment.getProperty("spring.webflux.hiddenmethod.filter.enabled", Boolean.class, false);
		return hiddenMethod ? MethodOverride.DEFAULT_PARAMETER : null;
	}

}
