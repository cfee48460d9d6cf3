package dev.corsstarter.core.internal;

import java.util.Locale;

/**
 * The method override of Spring's {@code HiddenHttpMethodFilter}: a {@code POST} whose
 * {@code _method} form parameter names {@code PUT}, {@code DELETE} or {@code PATCH} (any
 * case) runs as that method. Adapters use it to report
 * {@link dev.corsstarter.core.request.CorsRequest#methodOverride()} exactly as the filter
 * will apply it.
 */
public final class MethodOverride {

	/** The form parameter Spring's filter reads by default. */
	public static final String DEFAULT_PARAMETER = "_method";

	private MethodOverride() {
	}

	/**
	 * The method a parameter value switches a {@code POST} to, or {@code null} for none.
	 */
	public static String of(String parameterValue) {
		if (parameterValue == null || parameterValue.isEmpty()) {
			return null;
		}
		String method = parameterValue.toUpperCase(Locale.ENGLISH);
		return switch (method) {
			case "PUT", "DELETE", "PATCH" -> method;
			default -> null;
		};
	}

}
