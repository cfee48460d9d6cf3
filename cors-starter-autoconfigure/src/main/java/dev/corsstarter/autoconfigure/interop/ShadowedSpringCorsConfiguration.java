package dev.corsstarter.autoconfigure.interop;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A piece of the application's own Spring CORS configuration on paths where a policy now
 * decides first, and what that changed.
 *
 * @param kind where it was found: {@code @CrossOrigin}, {@code addCorsMappings},
 * {@code CorsConfigurationSource bean} or {@code handler mapping}
 * @param name the handler method or the bean
 * @param pathPattern the path pattern it applies to; {@code null} when it cannot be known
 * @param allowedOrigins the origins and origin patterns it allows
 * @param allowedMethods the methods it allows
 * @param allowCredentials whether it allows credentials
 * @param policies the policies that now decide on its paths
 * @param refusedOrigins what it allowed that the policies refuse
 * @param refusedMethods the methods it allowed that the policies refuse
 * @param credentialsRefused whether it allowed credentials where the policies do not
 * @param unused whether the policies allow all it allowed, so it no longer does anything
 * @param message the startup warning
 */
public record ShadowedSpringCorsConfiguration(String kind, String name, @Nullable String pathPattern,
		List<String> allowedOrigins, List<String> allowedMethods, boolean allowCredentials, List<String> policies,
		List<String> refusedOrigins, List<String> refusedMethods, boolean credentialsRefused, boolean unused,
		String message) {

}
