package dev.corsstarter.autoconfigure;

import org.springframework.core.Ordered;

import dev.corsstarter.autoconfigure.properties.CorsProperties;

/** Where the CORS filter sits among the other filters of a Spring Boot application. */
public final class CorsFilterOrder {

	/**
	 * Just after Spring Boot's {@code ForwardedHeaderFilter} and
	 * {@code CharacterEncodingFilter} ({@link Ordered#HIGHEST_PRECEDENCE}), so
	 * same-origin detection sees the forwarded scheme and host; well before Spring
	 * Session ({@code HIGHEST_PRECEDENCE + 50}) and Spring Security
	 * ({@code SecurityFilterProperties.DEFAULT_FILTER_ORDER},
	 * {@code SecurityProperties.DEFAULT_FILTER_ORDER} on Spring Boot 3.5, and
	 * {@code WebFluxSecurityConfiguration.WEB_FILTER_CHAIN_FILTER_ORDER}, all -100 on
	 * every supported line), so a preflight is answered before any session or
	 * authentication is touched.
	 */
	public static final int DEFAULT = Ordered.HIGHEST_PRECEDENCE + 10;

	private CorsFilterOrder() {
	}

	/** The configured order, or the default. */
	public static int resolve(CorsProperties properties) {
		return (properties.getFilterOrder() != null) ? properties.getFilterOrder() : DEFAULT;
	}

}
