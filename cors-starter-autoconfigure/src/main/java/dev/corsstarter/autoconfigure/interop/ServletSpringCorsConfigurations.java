package dev.corsstarter.autoconfigure.interop;

import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;
import org.springframework.web.servlet.handler.AbstractHandlerMethodMapping;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;

/**
 * Finds the CORS configuration a Spring MVC application has of its own:
 * {@code @CrossOrigin} on handler methods, {@code addCorsMappings} on the handler
 * mappings, and {@code CorsConfigurationSource} beans.
 */
final class ServletSpringCorsConfigurations {

	private static final Log logger = LogFactory.getLog(ServletSpringCorsConfigurations.class);

	private static final Set<String> MVC_MAPPINGS = Set.of("requestMappingHandlerMapping", "routerFunctionMapping",
			"beanNameHandlerMapping", "resourceHandlerMapping", "viewControllerHandlerMapping",
			"defaultServletHandlerMapping", "welcomePageHandlerMapping", "welcomePageNotAcceptableHandlerMapping");

	/**
	 * The handler-method configuration, protected in Spring MVC; {@code null} when it
	 * cannot be read.
	 */
	private static final @Nullable Method HANDLER_CORS = ReflectionUtils.findMethod(AbstractHandlerMethodMapping.class,
			"getCorsConfiguration", Object.class, HttpServletRequest.class);

	static {
		if (HANDLER_CORS != null) {
			ReflectionUtils.makeAccessible(HANDLER_CORS);
		}
	}

	private ServletSpringCorsConfigurations() {
	}

	static List<SpringCorsConfiguration> find(ListableBeanFactory beans) {
		Set<SpringCorsConfiguration> found = new LinkedHashSet<>();
		beans.getBeansOfType(AbstractHandlerMapping.class, false, false).forEach((name, mapping) -> {
			if (mapping instanceof AbstractHandlerMethodMapping<?> methods) {
				handlerMethods(methods, found);
			}
			if (mapping.getCorsConfigurationSource() instanceof UrlBasedCorsConfigurationSource source) {
				String kind = MVC_MAPPINGS.contains(name) ? SpringCorsConfiguration.CORS_MAPPINGS
						: SpringCorsConfiguration.HANDLER_MAPPING;
				source.getCorsConfigurations()
					.forEach((pattern,
							configuration) -> found.add(new SpringCorsConfiguration(kind,
									kind.equals(SpringCorsConfiguration.CORS_MAPPINGS) ? "handler mappings" : name,
									pattern, configuration)));
			}
		});
		beans.getBeansOfType(CorsConfigurationSource.class, false, false).forEach((name, source) -> {
			if (source instanceof HandlerMappingIntrospector
					|| source instanceof ServletPolicyCorsConfigurationSource) {
				return;
			}
			if (source instanceof UrlBasedCorsConfigurationSource urlBased) {
				urlBased.getCorsConfigurations()
					.forEach((pattern, configuration) -> found.add(new SpringCorsConfiguration(
							SpringCorsConfiguration.SOURCE_BEAN, name, pattern, configuration)));
			}
			else {
				found.add(new SpringCorsConfiguration(SpringCorsConfiguration.SOURCE_BEAN, name, null, null));
			}
		});
		return SpringCorsConfigurations.dedupe(found);
	}

	private static void handlerMethods(AbstractHandlerMethodMapping<?> mapping, Set<SpringCorsConfiguration> found) {
		if (HANDLER_CORS == null) {
			return;
		}
		for (Map.Entry<?, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
			CorsConfiguration configuration;
			try {
				configuration = (CorsConfiguration) ReflectionUtils.invokeMethod(HANDLER_CORS, mapping,
						entry.getValue(), null);
			}
			catch (RuntimeException ex) {
				logger.debug("Could not read the CORS configuration of " + entry.getValue(), ex);
				continue;
			}
			if (configuration == null || !(entry.getKey() instanceof RequestMappingInfo info)) {
				continue;
			}
			for (String pattern : info.getPatternValues()) {
				found.add(new SpringCorsConfiguration(SpringCorsConfiguration.CROSS_ORIGIN,
						SpringCorsConfigurations.handlerName(entry.getValue()), pattern, configuration));
			}
		}
	}

}
