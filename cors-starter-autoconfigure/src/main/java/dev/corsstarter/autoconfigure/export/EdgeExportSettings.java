package dev.corsstarter.autoconfigure.export;

import java.util.ArrayList;
import java.util.List;

import dev.corsstarter.autoconfigure.web.CorsRouting;
import dev.corsstarter.export.Refusal;
import dev.corsstarter.export.Refusal.Code;

/** The application's routing that the edge export cannot reproduce. */
public final class EdgeExportSettings {

	private EdgeExportSettings() {
	}

	/** Why the routing cannot be exported: a method override, a servlet path; or none. */
	public static List<Refusal> notExportable(CorsRouting routing) {
		List<Refusal> refusals = new ArrayList<>();
		if (routing.methodOverrideParameter() != null) {
			refusals.add(new Refusal(Code.METHOD_OVERRIDE, "the application honours a method override (_method, "
					+ routing.stack().hiddenMethodProperty()
					+ " or a HiddenHttpMethodFilter bean) that a form POST carries in its body, "
					+ "which nginx does not read: the edge would let through a POST whose override the policy refuses"));
		}
		if (routing.servletPath() != null) {
			refusals.add(new Refusal(Code.SERVLET_PATH, "spring.mvc.servlet.path=" + routing.servletPath()
					+ ": the starter matches each pattern with and without the servlet path, nginx's locations can "
					+ "match one of them only"));
		}
		return refusals;
	}

}
