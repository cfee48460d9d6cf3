package dev.corsstarter.autoconfigure;

import java.util.EnumSet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.observation.CorsDecisionObserver;
import dev.corsstarter.autoconfigure.properties.CorsProperties;
import dev.corsstarter.autoconfigure.properties.CorsStartupLog;
import dev.corsstarter.autoconfigure.servlet.CorsPolicyFilter;
import dev.corsstarter.autoconfigure.web.CorsRouting;

/**
 * Installs the CORS filter in servlet applications, for REQUEST, ERROR and ASYNC
 * dispatches, and publishes how the application routes requests.
 */
@AutoConfiguration(after = CorsAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ Filter.class, FilterRegistrationBean.class })
@ConditionalOnBean(CorsPolicyRegistry.class)
@ConditionalOnBooleanProperty(name = "cors.enabled", matchIfMissing = true)
@Import(CorsRoutingConfiguration.class)
public final class CorsServletAutoConfiguration {

	// @ConditionalOnMissingFilterBean spelled out: it lives in another package on Spring
	// Boot 3.5, and an annotation missing at run time is ignored silently
	@Bean
	@ConditionalOnMissingBean(value = CorsPolicyFilter.class, parameterizedContainer = FilterRegistrationBean.class)
	FilterRegistrationBean<CorsPolicyFilter> corsPolicyFilter(CorsPolicyRegistry policies, CorsProperties properties,
			ObjectProvider<CorsDecisionObserver> observers, CorsRouting routing, Environment environment) {
		CorsPolicyFilter filter = new CorsPolicyFilter(policies, CorsDecisionObserver.of(observers), routing);
		FilterRegistrationBean<CorsPolicyFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setName("corsPolicyFilter");
		registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC));
		registration.setOrder(routing.filterOrder());
		registration.setAsyncSupported(true);
		CorsStartupLog.installed("servlet", policies.current(), routing.filterOrder(), properties, environment);
		return registration;
	}

}
