package dev.corsstarter.autoconfigure.internal;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.http.server.PathContainer;
import org.springframework.util.ClassUtils;
import org.springframework.util.PathMatcher;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.corsstarter.core.request.PathMatching;

/**
 * How the application's handler mappings match paths, read once from the Spring MVC or
 * WebFlux handler mappings when the application context has created its singletons. Until
 * then, and if they cannot be read, every widening option is assumed
 * ({@link PathMatching#WIDEST}): matching policies more widely can only add a stricter
 * decision, never lift one, so a request decided before the routing is known is never let
 * through more than once it is.
 * <p>
 * The options are probed by behaviour rather than read from fields, so that each Spring
 * Framework line is read the same way: whether a pattern {@code /a} matches {@code /A},
 * and whether it matches {@code /a/} (Spring Framework 6's deprecated trailing-slash
 * matching, on a parser, a path matcher, or
 * {@code RequestMappingHandlerMapping#useTrailingSlashMatch()}).
 */
public final class HandlerMappingPathMatching
		implements Supplier<PathMatching>, SmartInitializingSingleton, ApplicationListener<ContextRefreshedEvent> {

	private static final Log logger = LogFactory.getLog(HandlerMappingPathMatching.class);

	private static final String SERVLET_MAPPING = "org.springframework.web.servlet.handler.AbstractHandlerMapping";

	private static final String REACTIVE_MAPPING = "org.springframework.web.reactive.handler.AbstractHandlerMapping";

	private static final PathContainer UPPER = PathContainer.parsePath("/A");

	private static final PathContainer TRAILING = PathContainer.parsePath("/a/");

	private final ListableBeanFactory beans;

	private final boolean reactive;

	private volatile @Nullable PathMatching resolved;

	/**
	 * @param beans where the handler mappings are
	 * @param reactive {@code true} to read WebFlux handler mappings, {@code false} for
	 * Spring MVC's
	 */
	public HandlerMappingPathMatching(ListableBeanFactory beans, boolean reactive) {
		this.beans = beans;
		this.reactive = reactive;
	}

	/**
	 * The application's path matching, or {@link PathMatching#WIDEST} while it is not
	 * known.
	 */
	@Override
	public PathMatching get() {
		PathMatching resolved = this.resolved;
		return (resolved != null) ? resolved : PathMatching.WIDEST;
	}

	@Override
	public void afterSingletonsInstantiated() {
		resolve();
	}

	/** For handler mappings that are created lazily, after the singletons. */
	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		if (this.resolved == null) {
			resolve();
		}
	}

	private synchronized void resolve() {
		if (this.resolved != null) {
			return;
		}
		try {
			PathMatching matching = read();
			if (matching.isWidened()) {
				logger.info("CORS policies match paths as the application's handler mappings do: "
						+ (matching.caseInsensitive() ? "ignoring case" : "case-sensitively")
						+ (matching.trailingSlash() ? ", and /x/ as /x" : ""));
			}
			this.resolved = matching;
		}
		catch (ClassNotFoundException | RuntimeException | LinkageError ex) {
			logger.warn("Could not read how the application's handler mappings match paths; CORS policies match "
					+ "paths ignoring case and a trailing slash, which may refuse more than needed: " + ex);
		}
	}

	/**
	 * Every handler mapping of the stack: each may match paths its own way, and any that
	 * matches more widely widens the policies. Read by name and reflection, as the
	 * stack's types are optional here.
	 */
	private PathMatching read() throws ClassNotFoundException {
		String typeName = this.reactive ? REACTIVE_MAPPING : SERVLET_MAPPING;
		ClassLoader classLoader = getClass().getClassLoader();
		if (!ClassUtils.isPresent(typeName, classLoader)) {
			return PathMatching.DEFAULT;
		}
		// including lazy ones: the dispatcher creates them on its first request anyway
		Collection<?> mappings = this.beans.getBeansOfType(ClassUtils.forName(typeName, classLoader), false, true)
			.values();
		boolean caseInsensitive = false;
		boolean trailingSlash = false;
		for (Object mapping : mappings) {
			Object parser = invoke(mapping, this.reactive ? "getPathPatternParser" : "getPatternParser");
			if (parser instanceof PathPatternParser patternParser) {
				PathPattern pattern = patternParser.parse("/a");
				caseInsensitive |= pattern.matches(UPPER);
				trailingSlash |= pattern.matches(TRAILING);
			}
			else if (invoke(mapping, "getPathMatcher") instanceof PathMatcher matcher) {
				caseInsensitive |= matcher.match("/a", "/A");
				trailingSlash |= matcher.match("/a", "/a/");
			}
			// Spring Framework 6's useTrailingSlashMatch(), removed in Spring Framework 7
			trailingSlash |= Boolean.TRUE.equals(invoke(mapping, "useTrailingSlashMatch"));
		}
		return new PathMatching(caseInsensitive, trailingSlash);
	}

	private static @Nullable Object invoke(Object target, String name) {
		Method method = ReflectionUtils.findMethod(target.getClass(), name);
		if (method == null || method.getParameterCount() != 0) {
			return null;
		}
		ReflectionUtils.makeAccessible(method);
		return ReflectionUtils.invokeMethod(method, target);
	}

}
