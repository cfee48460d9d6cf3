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
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.HiddenHttpMethodFilter;

import dev.corsstarter.autoconfigure.internal.HandlerMappingPathMatching;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.observation.CorsDecisionObserver;
import dev.corsstarter.autoconfigure.properties.CorsProperties;
import dev.corsstarter.autoconfigure.properties.CorsStartupLog;
import dev.corsstarter.autoconfigure.servlet.CorsPolicyFilter;
import dev.corsstarter.autoconfigure.servlet.ServletRouting;
import dev.corsstarter.core.internal.MethodOverride;

/**
 * Installs the CORS filter in servlet applications, for REQUEST, ERROR and ASYNC
 * dispatches.
 */
@AutoConfiguration(after = CorsAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ Filter.class, FilterRegistrationBean.class })
@ConditionalOnBean(CorsPolicyRegistry.class)
@ConditionalOnBooleanProperty(name = "cors.enabled", matchIfMissing = true)
public final class CorsServletAutoConfiguration {

	/** How Spring MVC's handler mappings match paths, read once they exist. */
	@Bean
	@ConditionalOnMissingBean
	HandlerMappingPathMatching corsHandlerMappingPathMatching(ListableBeanFactory beans) {
		return new HandlerMappingPathMatching(beans, false);
	}

	// What Spring Boot 4's @ConditionalOnMissingFilterBean means, spelled out: that
	// annotation lives
	// in another package on Spring Boot 3.5, and an annotation missing at run time is
	// ignored silently.
	@Bean
	@ConditionalOnMissingBean(value = CorsPolicyFilter.class, parameterizedContainer = FilterRegistrationBean.class)
	FilterRegistrationBean<CorsPolicyFilter> corsPolicyFilter(CorsPolicyRegistry policies, CorsProperties properties,
			ObjectProvider<CorsDecisionObserver> observers, HandlerMappingPathMatching pathMatching,
			Environment environment, ListableBeanFactory beans) {
		CorsPolicyFilter filter = new CorsPolicyFilter(policies, CorsDecisionObserver.of(observers),
				routing(environment, beans), pathMatching);
		FilterRegistrationBean<CorsPolicyFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setName("corsPolicyFilter");
		registration.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC));
		registration.setOrder(CorsFilterOrder.resolve(properties));
		registration.setAsyncSupported(true);
		CorsStartupLog.installed("servlet", policies.current(), registration.getOrder(), properties, environment);
		return registration;
	}

	/**
	 * The Spring MVC servlet path, and {@code _method} when a
	 * {@code HiddenHttpMethodFilter} runs (Boot's, enabled by
	 * {@code spring.mvc.hiddenmethod.filter.enabled}, or the application's own).
	 */
	static ServletRouting routing(Environment environment, ListableBeanFactory beans) {
		String servletPath = environment.getProperty("spring.mvc.servlet.path");
		boolean hiddenMethod = beans.getBeanNamesForType(HiddenHttpMethodFilter.class, true, false).length > 0
				|| environment.getProperty("spring.mvc.hiddenmethod.filter.enabled", Boolean.class, false);
		return new ServletRouting(servletPath, hiddenMethod ? MethodOverride.DEFAULT_PARAMETER : null);
	}

}
