package dev.corsstarter.autoconfigure.interop;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.util.pattern.PathPattern;

/**
 * One piece of the application's own Spring CORS configuration: where it was found, the
 * path pattern it applies to, and what it allows.
 *
 * @param kind {@value #CROSS_ORIGIN}, {@value #CORS_MAPPINGS}, {@value #SOURCE_BEAN} or
 * {@value #HANDLER_MAPPING}
 * @param name the handler method ({@code Controller#method()}) or the bean
 * @param pathPattern the path pattern it applies to; {@code null} for a source whose
 * paths cannot be known
 * @param parsedPattern the path pattern as Spring parsed it; {@code null} when Spring
 * matches it with a {@code PathMatcher} or its paths cannot be known
 * @param configuration what it allows; {@code null} for a source whose paths cannot be
 * known
 */
public record SpringCorsConfiguration(String kind, String name, @Nullable String pathPattern,
		@Nullable PathPattern parsedPattern, @Nullable CorsConfiguration configuration) {

	/** {@code @CrossOrigin} on a handler method or its class. */
	public static final String CROSS_ORIGIN = "@CrossOrigin";

	/** A registration of {@code addCorsMappings} on the handler mappings. */
	public static final String CORS_MAPPINGS = "addCorsMappings";

	/** A {@code CorsConfigurationSource} bean of the application. */
	public static final String SOURCE_BEAN = "CorsConfigurationSource bean";

	/** Global CORS configuration of another handler mapping (Spring Cloud Gateway's). */
	public static final String HANDLER_MAPPING = "handler mapping";

	/** With a path pattern as Spring parsed it, or as a {@code PathMatcher} reads it. */
	SpringCorsConfiguration(String kind, String name, @Nullable Object pattern,
			@Nullable CorsConfiguration configuration) {
		this(kind, name, (pattern != null) ? pattern.toString() : null,
				(pattern instanceof PathPattern parsed) ? parsed : null, configuration);
	}

	/** The origins and origin patterns it allows, as configured. */
	public List<String> allowedOrigins() {
		List<String> origins = new ArrayList<>();
		if (this.configuration != null) {
			origins.addAll(nonNull(this.configuration.getAllowedOrigins()));
			origins.addAll(nonNull(this.configuration.getAllowedOriginPatterns()));
		}
		return origins;
	}

	/** A short description for a log line: the kind, the name and the path. */
	public String describe() {
		String path = (this.pathPattern != null) ? " on " + this.pathPattern : " (paths unknown)";
		return switch (this.kind) {
			case CROSS_ORIGIN -> CROSS_ORIGIN + " on " + this.name + path;
			case CORS_MAPPINGS -> CORS_MAPPINGS + " registration" + path;
			default -> this.kind + " '" + this.name + "'" + path;
		};
	}

	static List<String> nonNull(@Nullable List<String> values) {
		return (values != null) ? values : List.of();
	}

}
