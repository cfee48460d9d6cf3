package dev.corsstarter.autoconfigure.interop;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.method.HandlerMethod;

import dev.corsstarter.autoconfigure.web.CorsRouting.Stack;

/**
 * Finds the CORS configuration an application has of its own: {@code @CrossOrigin} on
 * handler methods, {@code addCorsMappings} on the handler mappings (and the global CORS
 * configuration other handler mappings carry, such as Spring Cloud Gateway's
 * {@code globalcors}), and {@code CorsConfigurationSource} beans. Spring MVC and WebFlux
 * keep these alike, some of them private: each is read by name and reflection, and what
 * cannot be read is skipped.
 */
final class SpringCorsConfigurations {

	private static final Log logger = LogFactory.getLog(SpringCorsConfigurations.class);

	/** The handler mappings that {@code addCorsMappings} sets. */
	private static final Set<String> OWN_MAPPINGS = Set.of("requestMappingHandlerMapping", "routerFunctionMapping",
			"resourceHandlerMapping", "beanNameHandlerMapping", "viewControllerHandlerMapping",
			"defaultServletHandlerMapping", "welcomePageHandlerMapping", "welcomePageNotAcceptableHandlerMapping",
			"webFluxAdapterRegistry");

	private final Class<?> urlBasedSource;

	private final @Nullable Field urlConfigurations;

	private final @Nullable Field mappingSource;

	private final @Nullable Method handlerCors;

	/** Keyed by what tells them apart: the same registration is set on every mapping. */
	private final Map<String, SpringCorsConfiguration> found = new LinkedHashMap<>();

	private SpringCorsConfigurations(Class<?> mapping, String cors, String request) {
		ClassLoader classLoader = mapping.getClassLoader();
		this.urlBasedSource = ClassUtils.resolveClassName(cors + ".UrlBasedCorsConfigurationSource", classLoader);
		this.urlConfigurations = accessible(ReflectionUtils.findField(this.urlBasedSource, "corsConfigurations"));
		this.mappingSource = accessible(ReflectionUtils.findField(mapping, "corsConfigurationSource"));
		this.handlerCors = accessible(ReflectionUtils.findMethod(mapping, "getCorsConfiguration", Object.class,
				ClassUtils.resolveClassName(request, classLoader)));
	}

	/** What the application configured on the stack, each registration once. */
	static List<SpringCorsConfiguration> find(ListableBeanFactory beans, Stack stack) {
		Class<?> mapping = stack.handlerMappingType();
		if (mapping == null) {
			return List.of();
		}
		ClassLoader classLoader = SpringCorsConfigurations.class.getClassLoader();
		String cors = (stack == Stack.SERVLET) ? "org.springframework.web.cors"
				: "org.springframework.web.cors.reactive";
		SpringCorsConfigurations finder = new SpringCorsConfigurations(mapping, cors, (stack == Stack.SERVLET)
				? "jakarta.servlet.http.HttpServletRequest" : "org.springframework.web.server.ServerWebExchange");
		beans.getBeansOfType(mapping, false, false).forEach(finder::mapping);
		beans.getBeansOfType(ClassUtils.resolveClassName(cors + ".CorsConfigurationSource", classLoader), false, false)
			.forEach(finder::source);
		return List.copyOf(finder.found.values());
	}

	private void add(String kind, String name, @Nullable Object pattern, @Nullable CorsConfiguration configuration) {
		SpringCorsConfiguration found = new SpringCorsConfiguration(kind, name, pattern, configuration);
		this.found.putIfAbsent(kind + "|" + name + "|" + found.pathPattern(), found);
	}

	private void mapping(String name, Object mapping) {
		if (invoke(mapping, "getHandlerMethods") instanceof Map<?, ?> handlerMethods && this.handlerCors != null) {
			handlerMethods.forEach((info, handler) -> handlerMethod(mapping, info, (HandlerMethod) handler));
		}
		Object source = (this.mappingSource != null) ? ReflectionUtils.getField(this.mappingSource, mapping) : null;
		boolean own = OWN_MAPPINGS.contains(name);
		addAll(own ? SpringCorsConfiguration.CORS_MAPPINGS : SpringCorsConfiguration.HANDLER_MAPPING,
				own ? "handler mappings" : name, source);
	}

	private void source(String name, Object source) {
		if (source instanceof PolicyCorsConfigurations
				|| source.getClass().getName().endsWith(".HandlerMappingIntrospector")) {
			return;
		}
		if (!addAll(SpringCorsConfiguration.SOURCE_BEAN, name, source)) {
			add(SpringCorsConfiguration.SOURCE_BEAN, name, null, null);
		}
	}

	private void handlerMethod(Object mapping, Object info, HandlerMethod handler) {
		CorsConfiguration configuration;
		try {
			configuration = (CorsConfiguration) ReflectionUtils.invokeMethod(this.handlerCors, mapping, handler, null);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not read the CORS configuration of " + handler, ex);
			return;
		}
		if (configuration == null) {
			return;
		}
		// Spring MVC's parsed patterns, else those it matches with a PathMatcher
		Object patterns = invoke(info, "getPathPatternsCondition");
		patterns = invoke((patterns != null) ? patterns : invoke(info, "getPatternsCondition"), "getPatterns");
		String handlerName = ClassUtils.getShortName(handler.getBeanType()) + "#" + handler.getMethod().getName()
				+ "()";
		if (patterns instanceof Collection<?> values) {
			values.forEach((pattern) -> add(SpringCorsConfiguration.CROSS_ORIGIN, handlerName, pattern, configuration));
		}
	}

	/** A URL-based source's configurations by path pattern; whether it is one. */
	private boolean addAll(String kind, String name, @Nullable Object source) {
		Map<?, ?> configurations = (this.urlBasedSource.isInstance(source) && this.urlConfigurations != null)
				? (Map<?, ?>) ReflectionUtils.getField(this.urlConfigurations, source) : null;
		if (configurations == null) {
			return false;
		}
		configurations.forEach((pattern, configuration) -> add(kind, name, pattern, (CorsConfiguration) configuration));
		return true;
	}

	private static @Nullable Object invoke(@Nullable Object target, String name) {
		Method method = (target != null) ? ReflectionUtils.findMethod(target.getClass(), name) : null;
		return (method != null) ? ReflectionUtils.invokeMethod(accessible(method), target) : null;
	}

	private static <T extends AccessibleObject> @Nullable T accessible(@Nullable T member) {
		try {
			return (member != null && member.trySetAccessible()) ? member : null;
		}
		catch (SecurityException ex) {
			return null;
		}
	}

}
