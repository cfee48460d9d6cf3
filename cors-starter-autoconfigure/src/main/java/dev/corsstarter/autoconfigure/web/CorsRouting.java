package dev.corsstarter.autoconfigure.web;

import java.util.Locale;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.PropertyResolver;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.springframework.web.context.WebApplicationContext;

import dev.corsstarter.core.internal.MethodOverride;
import dev.corsstarter.core.request.PathMatching;

/**
 * How the application routes requests, detected once by the stack's auto-configuration
 * and read by the filters, the endpoints and the edge export.
 *
 * @param stack the web stack
 * @param filterOrder the order the CORS filter is installed at
 * @param contextPath the servlet context path or WebFlux base path, {@code ""} for none
 * @param servletPath the Spring MVC servlet path when it is not {@code /}, so patterns
 * written like controller mappings match under it; or {@code null}
 * @param methodOverrideParameter the form parameter a {@code HiddenHttpMethodFilter}
 * reads ({@code _method}), so the method it switches to is decided too; or {@code null}
 * @param handlerMappings how the handler mappings match paths, asked per request
 */
public record CorsRouting(Stack stack, int filterOrder, String contextPath, @Nullable String servletPath,
		@Nullable String methodOverrideParameter, Supplier<PathMatching> handlerMappings) {

	/**
	 * Just after Spring Boot's {@code ForwardedHeaderFilter} and
	 * {@code CharacterEncodingFilter} ({@link Ordered#HIGHEST_PRECEDENCE}), so
	 * same-origin detection sees the forwarded scheme and host; well before Spring
	 * Session ({@code HIGHEST_PRECEDENCE + 50}) and Spring Security (-100 on both stacks
	 * and every supported line), so a preflight is answered before any session or
	 * authentication.
	 */
	public static final int DEFAULT_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	public CorsRouting {
		contextPath = prefix(contextPath);
		servletPath = (servletPath != null && !prefix(servletPath).isEmpty()) ? prefix(servletPath) : null;
	}

	/** Spring's defaults on a stack: no context or servlet path, no method override. */
	public static CorsRouting of(Stack stack) {
		return new CorsRouting(stack, DEFAULT_FILTER_ORDER, "", null, null, () -> PathMatching.DEFAULT);
	}

	/**
	 * Read from the application's settings and, when given, its beans.
	 * @param filterOrder the configured filter order, {@code null} for the default
	 */
	public static CorsRouting detect(Stack stack, PropertyResolver properties, @Nullable ListableBeanFactory beans,
			@Nullable Integer filterOrder, Supplier<PathMatching> handlerMappings) {
		boolean servlet = stack == Stack.SERVLET;
		String filter = "org.springframework.web.filter." + (servlet ? "" : "reactive.") + "HiddenHttpMethodFilter";
		ClassLoader classLoader = CorsRouting.class.getClassLoader();
		boolean hiddenMethod = properties.getProperty(stack.hiddenMethodProperty(), Boolean.class, false)
				|| (beans != null && ClassUtils.isPresent(filter, classLoader) && beans
					.getBeanNamesForType(ClassUtils.resolveClassName(filter, classLoader), true, false).length > 0);
		return new CorsRouting(stack, (filterOrder != null) ? filterOrder : DEFAULT_FILTER_ORDER,
				properties.getProperty(servlet ? "server.servlet.context-path" : "spring.webflux.base-path", ""),
				servlet ? properties.getProperty("spring.mvc.servlet.path") : null,
				hiddenMethod ? MethodOverride.DEFAULT_PARAMETER : null, handlerMappings);
	}

	/** How the handler mappings match paths: every widening until they have been read. */
	public PathMatching pathMatching() {
		return this.handlerMappings.get();
	}

	/**
	 * A path prefix as Spring reads it: {@code /app} for {@code app/}, {@code ""} for
	 * {@code /}.
	 */
	private static String prefix(String path) {
		String prefix = path.strip();
		prefix = StringUtils
			.trimTrailingCharacter(prefix.endsWith("/*") ? prefix.substring(0, prefix.length() - 1) : prefix, '/');
		return (prefix.isEmpty() || prefix.startsWith("/")) ? prefix : "/" + prefix;
	}

	/** The web stacks. */
	public enum Stack {

		/** Spring MVC in a servlet container. */
		SERVLET,

		/** Spring WebFlux. */
		REACTIVE;

		/** The stack of a web application: servlet when its context is a servlet one. */
		public static Stack of(ApplicationContext context) {
			return (context instanceof WebApplicationContext) ? SERVLET : REACTIVE;
		}

		/** {@code servlet} or {@code reactive}. */
		public String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

		/** The property that turns on Spring Boot's {@code HiddenHttpMethodFilter}. */
		public String hiddenMethodProperty() {
			return "spring." + ((this == SERVLET) ? "mvc" : "webflux") + ".hiddenmethod.filter.enabled";
		}

		/** The stack's {@code AbstractHandlerMapping}, {@code null} when absent. */
		public @Nullable Class<?> handlerMappingType() {
			String type = "org.springframework.web." + tag() + ".handler.AbstractHandlerMapping";
			ClassLoader classLoader = CorsRouting.class.getClassLoader();
			return ClassUtils.isPresent(type, classLoader) ? ClassUtils.resolveClassName(type, classLoader) : null;
		}

	}

}
