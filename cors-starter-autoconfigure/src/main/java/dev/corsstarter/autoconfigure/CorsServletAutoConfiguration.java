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

import dev.corsstarter.autoconfigure.observation.CorsDecisionObserver;
import dev.corsstarter.autoconfigure.observation.CompositeCorsDecisionObserver;
import dev.corsstarter.autoconfigure.servlet.CorsPolicyFilter;
import dev.corsstarter.core.decision.CorsEngine;

/**
 * Installs the CORS filter in servlet applications, for REQUEST, ERROR and ASYNC dispatches.
 */
@AutoConfiguration(after = CorsAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ Filter.class, FilterRegistrationBean.class })
@ConditionalOnBean(CorsEngine.class)
@ConditionalOnBooleanProperty(name = "cors.enabled", matchIfMissing = true)
public final class CorsServletAutoConfiguration {

	// What Spring Boot 4's @ConditionalOnMissingFilterBean means, spelled out: that annotation lives
	// in another package on Spring Boot 3.5, and an annotation missing at run time is ignored silently.
	@Bean
	@ConditionalOnMissingBean(value = CorsPolicyFilter.class, parameterizedContainer = FilterRegistrationBean.class)
	FilterRegistrationBean<CorsPolicyFilter> corsPolicyFilter(CorsEngine engine, CorsProperties properties,
			ObjectProvider<CorsDecisionObserver> observers) {
		CorsPolicyFilter filter = new CorsPolicyFilter(engine, CompositeCorsDecisionObserver.of(observers));
		FilterRegistrationBean<CorsPolicyFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setName("corsPolicyFilter");
		registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC));
		registration.setOrder(CorsFilterOrder.resolve(properties));
		registration.setAsyncSupported(true);
		return registration;
	}

}
