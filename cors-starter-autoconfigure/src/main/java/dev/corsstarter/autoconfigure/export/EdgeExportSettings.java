package dev.corsstarter.autoconfigure.export;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.env.Environment;

import dev.corsstarter.export.Refusal;
import dev.corsstarter.export.Refusal.Code;

/**
 * What the edge export needs from the application's own settings besides the policies:
 * the context path its routes start with, and the routing the edge cannot reproduce.
 */
public final class EdgeExportSettings {

	private EdgeExportSettings() {
	}

	/** The context path of the stack, {@code ""} for none. */
	public static String contextPath(Environment environment, boolean reactive) {
		String path = environment.getProperty(reactive ? "spring.webflux.base-path" : "server.servlet.context-path", "")
			.strip()
			.replaceAll("/+$", "");
		return (path.isEmpty() || path.startsWith("/")) ? path : "/" + path;
	}

	/**
	 * Why the application's routing cannot be exported, whatever its policies: a method
	 * override the edge cannot read (it is in the body) or a Spring MVC servlet path
	 * under which the starter matches each pattern in two forms.
	 * @param environment the application's environment
	 * @param reactive whether the application runs on WebFlux
	 * @param hiddenMethodFilterBean whether the application registers a
	 * {@code HiddenHttpMethodFilter} itself
	 * @return the refusals, empty when the routing can be exported
	 */
	public static List<Refusal> notExportable(Environment environment, boolean reactive,
			boolean hiddenMethodFilterBean) {
		List<Refusal> refusals = new ArrayList<>();
		String hiddenMethod = reactive ? "spring.webflux.hiddenmethod.filter.enabled"
				: "spring.mvc.hiddenmethod.filter.enabled";
		if (hiddenMethodFilterBean || environment.getProperty(hiddenMethod, Boolean.class, false)) {
			refusals.add(new Refusal(Code.METHOD_OVERRIDE, "the application honours a method override (_method, "
					+ hiddenMethod + " or a HiddenHttpMethodFilter bean) that a form POST carries in its body, "
					+ "which nginx does not read: the edge would let through a POST whose override the policy refuses"));
		}
		String servletPath = environment.getProperty("spring.mvc.servlet.path", "").strip();
		if (!reactive && !servletPath.isEmpty() && !servletPath.equals("/")) {
			refusals.add(new Refusal(Code.SERVLET_PATH, "spring.mvc.servlet.path=" + servletPath
					+ ": the starter matches each pattern with and without the servlet path, nginx's locations can "
					+ "match one of them only"));
		}
		return refusals;
	}

}
