package dev.corsstarter.autoconfigure.interop;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.util.ClassUtils;
import org.springframework.web.method.HandlerMethod;

/** What the servlet and reactive finders of Spring CORS configuration share. */
final class SpringCorsConfigurations {

	private SpringCorsConfigurations() {
	}

	/** {@code Controller#method()}, the enclosing class named for a nested controller. */
	static String handlerName(HandlerMethod handler) {
		return ClassUtils.getShortName(handler.getBeanType()) + "#" + handler.getMethod().getName() + "()";
	}

	/** The same registration is set on every handler mapping: keep each once. */
	static List<SpringCorsConfiguration> dedupe(Set<SpringCorsConfiguration> found) {
		List<SpringCorsConfiguration> result = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (SpringCorsConfiguration configuration : found) {
			if (seen.add(configuration.kind() + "|" + configuration.name() + "|" + configuration.pathPattern())) {
				result.add(configuration);
			}
		}
		return List.copyOf(result);
	}

}
