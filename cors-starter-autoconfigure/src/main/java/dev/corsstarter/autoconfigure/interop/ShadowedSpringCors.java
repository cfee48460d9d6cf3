package dev.corsstarter.autoconfigure.interop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.http.server.PathContainer;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.util.pattern.PathPattern;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.web.CorsRouting.Stack;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.decision.Reason;
import dev.corsstarter.core.internal.OriginPattern;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;
import dev.corsstarter.core.internal.MapCorsRequest;

/**
 * The application's own Spring CORS configuration that a policy shadows: the CORS filter
 * answers first on a policy's paths, so {@code @CrossOrigin}, {@code addCorsMappings} and
 * {@code CorsConfigurationSource} beans there no longer decide anything. Once all
 * singletons exist, each one a policy covers is named in one WARN, with the policy that
 * now decides there and what that changed; the {@code cors} actuator endpoint lists them
 * as {@code shadowedSpringCors}, against the policies in force.
 */
public final class ShadowedSpringCors implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(ShadowedSpringCors.class);

	private final CorsPolicyRegistry policies;

	private final Supplier<List<SpringCorsConfiguration>> found;

	private ShadowedSpringCors(CorsPolicyRegistry policies, Supplier<List<SpringCorsConfiguration>> finder) {
		this.policies = policies;
		this.found = SingletonSupplier.of(finder);
	}

	/** Over the handler mappings and sources of an application on a stack. */
	public static ShadowedSpringCors of(Stack stack, CorsPolicyRegistry policies, ListableBeanFactory beans) {
		return new ShadowedSpringCors(policies, () -> SpringCorsConfigurations.find(beans, stack));
	}

	@Override
	public void afterSingletonsInstantiated() {
		shadowed().forEach((shadowed) -> logger.warn(shadowed.message()));
	}

	/** The application's own CORS configuration, found once. */
	public List<SpringCorsConfiguration> found() {
		return this.found.get();
	}

	/** What the policies in force shadow. */
	public List<ShadowedSpringCorsConfiguration> shadowed() {
		return analyse(this.policies.current(), found());
	}

	static List<ShadowedSpringCorsConfiguration> analyse(CorsEngine engine, List<SpringCorsConfiguration> found) {
		return found.stream()
			.map((spring) -> (spring.pathPattern() != null && spring.configuration() != null) ? analyse(engine, spring)
					: unknownPaths(engine, spring))
			.filter(Objects::nonNull)
			.toList();
	}

	/** A source deciding in code may see any path: every enforced policy shadows it. */
	private static @Nullable ShadowedSpringCorsConfiguration unknownPaths(CorsEngine engine,
			SpringCorsConfiguration spring) {
		List<String> enforced = engine.policies()
			.stream()
			.filter((policy) -> policy.mode() != PolicyMode.REPORT_ONLY)
			.map(CorsPolicy::name)
			.toList();
		String message = "Spring CORS configuration shadowed: " + spring.describe() + ": on the paths of "
				+ enforced.stream().map((name) -> "'" + name + "'").toList() + " the CORS filter decides first, so"
				+ " this source only sees the requests the filter passes on there";
		return enforced.isEmpty() ? null : new ShadowedSpringCorsConfiguration(spring.kind(), spring.name(), null,
				List.of(), List.of(), false, enforced, List.of(), List.of(), false, false, message);
	}

	private static @Nullable ShadowedSpringCorsConfiguration analyse(CorsEngine engine,
			SpringCorsConfiguration spring) {
		CorsConfiguration configuration = spring.configuration();
		Map<CorsEngine.Route, String> deciding = decidingRoutes(engine, spring);
		if (deciding.isEmpty() || configuration == null) {
			return null;
		}
		List<String> methods = SpringCorsConfiguration.nonNull(configuration.getAllowedMethods());
		boolean credentials = Boolean.TRUE.equals(configuration.getAllowCredentials());
		Set<String> refusedOrigins = new LinkedHashSet<>();
		Set<String> refusedMethods = new LinkedHashSet<>();
		boolean credentialsRefused = false;
		List<String> changes = new ArrayList<>();
		for (Map.Entry<CorsEngine.Route, String> entry : deciding.entrySet()) {
			CorsPolicy policy = entry.getKey().policy();
			List<String> origins = refusedOrigins(engine, entry.getValue(), entry.getKey(), configuration);
			List<String> policyMethods = policy.allowedMethods().contains(CorsConfiguration.ALL) ? List.of()
					: methods.stream().filter((method) -> !policy.allowedMethods().contains(method)).toList();
			boolean noCredentials = credentials && !policy.allowCredentials();
			refusedOrigins.addAll(origins);
			refusedMethods.addAll(policyMethods);
			credentialsRefused |= noCredentials;
			List<String> refused = Stream.of(origins.isEmpty() ? null : "origins " + origins,
					policyMethods.isEmpty() ? null : "methods " + policyMethods, noCredentials ? "credentials" : null)
				.filter(Objects::nonNull)
				.toList();
			changes.add("policy '" + policy.name() + "' (" + policy.propertyPrefix() + ") now decides there"
					+ (refused.isEmpty() ? "" : " and refuses " + String.join(", ", refused)));
		}
		boolean unused = refusedOrigins.isEmpty() && refusedMethods.isEmpty() && !credentialsRefused;
		String message = "Spring CORS configuration shadowed: " + spring.describe() + " allowing origins "
				+ spring.allowedOrigins() + ", methods " + methods + (credentials ? " with credentials" : "") + ": "
				+ String.join("; ", changes)
				+ (unused ? "; the policy allows all it allowed, so it is now unused" : "");
		return new ShadowedSpringCorsConfiguration(spring.kind(), spring.name(), spring.pathPattern(),
				spring.allowedOrigins(), methods, credentials,
				deciding.keySet().stream().map((route) -> route.policy().name()).toList(), List.copyOf(refusedOrigins),
				List.copyOf(refusedMethods), credentialsRefused, unused, message);
	}

	/**
	 * The enforced policies deciding on a Spring path pattern, each by its first route
	 * and with a path where it decides: the pattern's own sample path, and each route's
	 * the Spring pattern matches (so {@code /**} is shadowed by {@code /api/**}).
	 */
	static Map<CorsEngine.Route, String> decidingRoutes(CorsEngine engine, SpringCorsConfiguration spring) {
		Set<String> paths = new LinkedHashSet<>();
		paths.add(CorsEngine.Route.samplePath(String.valueOf(spring.pathPattern())));
		PathPattern parsed = spring.parsedPattern();
		for (CorsEngine.Route route : engine.routes()) {
			String path = route.samplePath();
			if (parsed != null && parsed.matches(PathContainer.parsePath(path))) {
				paths.add(path);
			}
		}
		Map<CorsEngine.Route, String> deciding = new LinkedHashMap<>();
		for (String path : paths) {
			CorsEngine.Route decides = engine.routeFor(path);
			// named by the policy's first route, the one the engine tries first
			CorsEngine.Route route = (decides != null) ? engine.routes()
				.stream()
				.filter((candidate) -> candidate.policy() == decides.policy())
				.findFirst()
				.orElseThrow() : null;
			if (route != null && route.mode() == PolicyMode.ENFORCE) {
				deciding.putIfAbsent(route, path);
			}
		}
		return deciding;
	}

	/** What the configuration allowed on the path that the route's policy refuses. */
	private static List<String> refusedOrigins(CorsEngine engine, String path, CorsEngine.Route route,
			CorsConfiguration configuration) {
		boolean any = route.origins().stream().anyMatch((origin) -> origin.kind() == OriginPattern.Kind.ANY);
		List<String> refused = new ArrayList<>();
		for (String origin : SpringCorsConfiguration.nonNull(configuration.getAllowedOrigins())) {
			Reason reason = CorsConfiguration.ALL.equals(origin) ? null
					: engine.evaluate(MapCorsRequest.get(path).origin(origin).build()).reason();
			if ((reason == null) ? !any : reason == Reason.ORIGIN_NOT_ALLOWED || reason == Reason.MALFORMED_ORIGIN) {
				refused.add(origin);
			}
		}
		for (String pattern : SpringCorsConfiguration.nonNull(configuration.getAllowedOriginPatterns())) {
			String starter = SpringCorsPolicies.originPattern(pattern);
			if (!any && route.origins().stream().noneMatch((origin) -> origin.value().equals(starter))) {
				refused.add(pattern);
			}
		}
		return refused;
	}

}
