package dev.corsstarter.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;

/**
 * What the edge export needs from the application's own settings besides the policies:
 * the context path its locations start with, and the routing the edge cannot reproduce.
 */
final class EdgeExportSettings {

	private EdgeExportSettings() {
	}

	/** The context path of the stack, {@code ""} for none. */
	static String contextPath(PropertyResolver properties, boolean reactive) {
		String path = properties.getProperty(reactive ? "spring.webflux.base-path" : "server.servlet.context-path", "");
		path = path.strip();
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		return (path.isEmpty() || path.startsWith("/")) ? path : "/" + path;
	}

	/**
	 * Why the application's routing cannot be exported, whatever its policies: a method
	 * override the edge cannot read (it is in the body) or a Spring MVC servlet path
	 * under which the starter matches each pattern in two forms.
	 * @param hiddenMethodFilterBean whether the application registers a
	 * {@code HiddenHttpMethodFilter} itself
	 */
	static List<String> notExportable(Environment environment, boolean reactive, boolean hiddenMethodFilterBean) {
		List<String> reasons = new ArrayList<>();
		String hiddenMethod = reactive ? "spring.webflux.hiddenmethod.filter.enabled"
				: "spring.mvc.hiddenmethod.filter.enabled";
		if (hiddenMethodFilterBean || environment.getProperty(hiddenMethod, Boolean.class, false)) {
			reasons.add("the application honours a method override (_method, " + hiddenMethod
					+ " or a HiddenHttpMethodFilter bean) that a form POST carries in its body, which nginx does not read: "
					+ "the edge would let through a POST whose override the policy refuses");
		}
		String servletPath = environment.getProperty("spring.mvc.servlet.path", "").strip();
		if (!reactive && !servletPath.isEmpty() && !servletPath.equals("/")) {
			reasons
				.add("spring.mvc.servlet.path=" + servletPath + ": the starter matches each pattern with and without "
						+ "the servlet path, nginx's locations can match one of them only");
		}
		return reasons;
	}

}
