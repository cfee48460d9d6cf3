package dev.corsstarter.autoconfigure.servlet;

/**
 * How the application routes servlet requests beyond the container's own mapping, so the
 * CORS decision covers every path and method a handler may see.
 *
 * @param dispatcherServletPath the Spring MVC servlet path
 * ({@code spring.mvc.servlet.path}) when it is not {@code /}, so patterns written like
 * controller mappings match under it; or {@code null}
 * @param methodOverrideParameter the form parameter a {@code HiddenHttpMethodFilter} in
 * the application reads ({@code _method}), so the method it switches to is decided too;
 * or {@code null} when no such filter runs
 */
public record ServletRouting(String dispatcherServletPath, String methodOverrideParameter) {

	/** A dispatcher servlet at {@code /} and no method override. */
	public static final ServletRouting DEFAULT = new ServletRouting(null, null);

	public ServletRouting {
		if (dispatcherServletPath != null) {
			String trimmed = dispatcherServletPath.endsWith("/")
					? dispatcherServletPath.substring(0, dispatcherServletPath.length() - 1) : dispatcherServletPath;
			dispatcherServletPath = (trimmed.isEmpty() || trimmed.equals("/*")) ? null
					: trimmed.endsWith("/*") ? trimmed.substring(0, trimmed.length() - 2) : trimmed;
		}
	}

}
