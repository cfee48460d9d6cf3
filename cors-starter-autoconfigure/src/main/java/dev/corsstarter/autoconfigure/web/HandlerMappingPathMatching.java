package dev.corsstarter.autoconfigure.web;

import java.lang.reflect.Method;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.util.PathMatcher;
import org.springframework.util.ReflectionUtils;

import dev.corsstarter.autoconfigure.web.CorsRouting.Stack;
import dev.corsstarter.core.request.PathMatching;

/**
 * How the application's handler mappings match paths, read once the singletons exist.
 * Until then, and if they cannot be read, every widening option is assumed
 * ({@link PathMatching#WIDEST}): matching policies more widely can only add a stricter
 * decision, never lift one. Each mapping is read by name and reflection, as the stack's
 * types are optional here: its {@code PathPatternParser}'s case sensitivity and Spring
 * Framework 6's trailing-slash matching, or its {@code PathMatcher}, probed.
 */
public final class HandlerMappingPathMatching
		implements Supplier<PathMatching>, SmartInitializingSingleton, ApplicationListener<ContextRefreshedEvent> {

	private static final Log logger = LogFactory.getLog(HandlerMappingPathMatching.class);

	private final ListableBeanFactory beans;

	private final Stack stack;

	private volatile @Nullable PathMatching resolved;

	/**
	 * @param beans where the handler mappings are
	 * @param stack whose handler mappings to read
	 */
	public HandlerMappingPathMatching(ListableBeanFactory beans, Stack stack) {
		this.beans = beans;
		this.stack = stack;
	}

	/** The application's path matching, or {@link PathMatching#WIDEST} while unknown. */
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
		resolve();
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
		catch (RuntimeException | LinkageError ex) {
			logger.warn("Could not read how the application's handler mappings match paths; CORS policies match "
					+ "paths ignoring case and a trailing slash, which may refuse more than needed: " + ex);
		}
	}

	/** Any handler mapping that matches more widely widens the policies. */
	private PathMatching read() {
		Class<?> type = this.stack.handlerMappingType();
		if (type == null) {
			return PathMatching.DEFAULT;
		}
		boolean caseInsensitive = false;
		boolean trailingSlash = false;
		// including lazy ones: the dispatcher creates them on its first request anyway
		for (Object mapping : this.beans.getBeansOfType(type, false, true).values()) {
			Object parser = invoke(mapping,
					(this.stack == Stack.REACTIVE) ? "getPathPatternParser" : "getPatternParser");
			if (parser != null) {
				caseInsensitive |= Boolean.FALSE.equals(invoke(parser, "isCaseSensitive"));
				trailingSlash |= Boolean.TRUE.equals(invoke(parser, "isMatchOptionalTrailingSeparator"));
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
		if (method == null) {
			return null;
		}
		ReflectionUtils.makeAccessible(method);
		return ReflectionUtils.invokeMethod(method, target);
	}

}
