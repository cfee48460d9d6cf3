package dev.corsstarter.core.internal;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** The method override of Spring's {@code HiddenHttpMethodFilter}. */
public final class MethodOverride {

	/** The form parameter Spring's filter reads by default. */
	public static final String DEFAULT_PARAMETER = "_method";

	private MethodOverride() {
	}

	/** The method a parameter value switches a {@code POST} to, or {@code null}. */
	public static @Nullable String of(@Nullable String parameterValue) {
		String method = (parameterValue != null) ? parameterValue.toUpperCase(Locale.ENGLISH) : "";
		return switch (method) {
			case "PUT", "DELETE", "PATCH" -> method;
			default -> null;
		};
	}

}
