package dev.corsstarter.autoconfigure.interop;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.handler.AbstractHandlerMapping;
import org.springframework.web.reactive.result.method.AbstractHandlerMethodMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Finds the CORS configuration a WebFlux application has of its own: {@code @CrossOrigin}
 * on handler methods, {@code addCorsMappings} on the handler mappings (and the global
 * CORS configuration other handler mappings carry, such as Spring Cloud Gateway's
 * {@code globalcors}), and {@code CorsConfigurationSource} beans. WebFlux keeps some of
 * these private; what cannot be read is skipped.
 */
final class ReactiveSpringCorsConfigurations {

	private static final Log logger = LogFactory.getLog(ReactiveSpringCorsConfigurations.class);

	private static final Set<String> WEBFLUX_MAPPINGS = Set.of("requestMappingHandlerMapping", "routerFunctionMapping",
			"resourceHandlerMapping", "webFluxAdapterRegistry");

	private static final @Nullable Method HANDLER_CORS = accessible(ReflectionUtils
		.findMethod(AbstractHandlerMethodMapping.class, "getCorsConfiguration", Object.class, ServerWebExchange.class));

	private static final @Nullable Field MAPPING_SOURCE = accessible(
			ReflectionUtils.findField(AbstractHandlerMapping.class, "corsConfigurationSource"));

	private static final @Nullable Field URL_CONFIGURATIONS = accessible(
			ReflectionUtils.findField(UrlBasedCorsConfigurationSource.class, "corsConfigurations"));

	private ReactiveSpringCorsConfigurations() {
	}

	private static <T extends java.lang.reflect.AccessibleObject> @Nullable T accessible(@Nullable T member) {
		try {
			if (member != null) {
				member.setAccessible(true);
			}
			return member;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	static List<SpringCorsConfiguration> find(ListableBeanFactory beans) {
		Set<SpringCorsConfiguration> found = new LinkedHashSet<>();
		beans.getBeansOfType(AbstractHandlerMapping.class, false, false).forEach((name, mapping) -> {
			if (mapping instanceof AbstractHandlerMethodMapping<?> methods) {
				handlerMethods(methods, found);
			}
			Object source = (MAPPING_SOURCE != null) ? ReflectionUtils.getField(MAPPING_SOURCE, mapping) : null;
			if (source instanceof UrlBasedCorsConfigurationSource urlBased) {
				String kind = WEBFLUX_MAPPINGS.contains(name) ? SpringCorsConfiguration.CORS_MAPPINGS
						: SpringCorsConfiguration.HANDLER_MAPPING;
				configurations(urlBased).forEach((pattern,
						configuration) -> found.add(new SpringCorsConfiguration(kind,
								kind.equals(SpringCorsConfiguration.CORS_MAPPINGS) ? "handler mappings" : name, pattern,
								configuration)));
			}
		});
		beans.getBeansOfType(CorsConfigurationSource.class, false, false).forEach((name, source) -> {
			if (source instanceof ReactivePolicyCorsConfigurationSource) {
				return;
			}
			Map<String, CorsConfiguration> configurations = (source instanceof UrlBasedCorsConfigurationSource urlBased)
					? configurations(urlBased) : null;
			if (configurations != null && !configurations.isEmpty()) {
				configurations.forEach((pattern, configuration) -> found.add(new SpringCorsConfiguration(
						SpringCorsConfiguration.SOURCE_BEAN, name, pattern, configuration)));
			}
			else {
				found.add(new SpringCorsConfiguration(SpringCorsConfiguration.SOURCE_BEAN, name, null, null));
			}
		});
		return SpringCorsConfigurations.dedupe(found);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, CorsConfiguration> configurations(UrlBasedCorsConfigurationSource source) {
		if (URL_CONFIGURATIONS == null) {
			return Map.of();
		}
		Object value = ReflectionUtils.getField(URL_CONFIGURATIONS, source);
		Map<String, CorsConfiguration> result = new java.util.LinkedHashMap<>();
		if (value instanceof Map<?, ?> map) {
			map.forEach((pattern, configuration) -> {
				String text = (pattern instanceof PathPattern path) ? path.getPatternString() : String.valueOf(pattern);
				if (configuration instanceof CorsConfiguration cors) {
					result.put(text, cors);
				}
			});
		}
		return result;
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
			for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
				found.add(new SpringCorsConfiguration(SpringCorsConfiguration.CROSS_ORIGIN,
						SpringCorsConfigurations.handlerName(entry.getValue()), pattern.getPatternString(),
						configuration));
			}
		}
	}

}
