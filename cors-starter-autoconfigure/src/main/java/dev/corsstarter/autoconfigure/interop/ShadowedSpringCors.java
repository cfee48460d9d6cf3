package dev.corsstarter.autoconfigure.interop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.http.server.PathContainer;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.corsstarter.autoconfigure.actuate.CorsEndpoint;
import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.decision.Reason;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;
import dev.corsstarter.core.internal.MapCorsRequest;

/**
 * The application's own Spring CORS configuration that a policy shadows: the CORS filter
 * answers first on a policy's paths, so {@code @CrossOrigin}, {@code addCorsMappings} and
 * {@code CorsConfigurationSource} beans there no longer decide anything. Once all
 * singletons exist (handler mappings have registered their handlers), each one a policy
 * covers is named in one WARN, with the policy that now decides there and what that
 * changed; the {@code cors} actuator endpoint lists them as {@code shadowedSpringCors},
 * against the policies in force.
 */
public final class ShadowedSpringCors implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(ShadowedSpringCors.class);

	private final CorsPolicyRegistry policies;

	private final Supplier<List<SpringCorsConfiguration>> finder;

	private final ObjectProvider<CorsEndpoint> endpoint;

	private volatile @Nullable List<SpringCorsConfiguration> found;

	/**
	 * @param policies the policies in force
	 * @param finder finds the application's own CORS configuration
	 * @param endpoint the {@code cors} endpoint, if any, to list them
	 */
	public ShadowedSpringCors(CorsPolicyRegistry policies, Supplier<List<SpringCorsConfiguration>> finder,
			ObjectProvider<CorsEndpoint> endpoint) {
		this.policies = policies;
		this.finder = finder;
		this.endpoint = endpoint;
	}

	/** Over the handler mappings and sources of a Spring MVC application. */
	public static ShadowedSpringCors servlet(CorsPolicyRegistry policies, ListableBeanFactory beans,
			ObjectProvider<CorsEndpoint> endpoint) {
		return new ShadowedSpringCors(policies, () -> ServletSpringCorsConfigurations.find(beans), endpoint);
	}

	/** Over the handler mappings and sources of a WebFlux application. */
	public static ShadowedSpringCors reactive(CorsPolicyRegistry policies, ListableBeanFactory beans,
			ObjectProvider<CorsEndpoint> endpoint) {
		return new ShadowedSpringCors(policies, () -> ReactiveSpringCorsConfigurations.find(beans), endpoint);
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (ShadowedSpringCorsConfiguration shadowed : shadowed()) {
			logger.warn(shadowed.message());
		}
		this.endpoint.ifAvailable((cors) -> cors.setShadowedSpringCors(this::shadowed));
	}

	/** The application's own CORS configuration, found once. */
	public List<SpringCorsConfiguration> found() {
		List<SpringCorsConfiguration> result = this.found;
		if (result == null) {
			result = this.finder.get();
			this.found = result;
		}
		return result;
	}

	/** What the policies in force shadow. */
	public List<ShadowedSpringCorsConfiguration> shadowed() {
		return analyse(this.policies.current(), found());
	}

	static List<ShadowedSpringCorsConfiguration> analyse(CorsEngine engine, List<SpringCorsConfiguration> found) {
		List<ShadowedSpringCorsConfiguration> result = new ArrayList<>();
		for (SpringCorsConfiguration configuration : found) {
			ShadowedSpringCorsConfiguration shadowed = analyse(engine, configuration);
			if (shadowed != null) {
				result.add(shadowed);
			}
		}
		return List.copyOf(result);
	}

	private static @Nullable ShadowedSpringCorsConfiguration analyse(CorsEngine engine,
			SpringCorsConfiguration spring) {
		CorsConfiguration configuration = spring.configuration();
		if (spring.pathPattern() == null || configuration == null) {
			List<String> enforced = engine.policies()
				.stream()
				.filter(ShadowedSpringCors::enforced)
				.map(CorsPolicy::name)
				.toList();
			if (enforced.isEmpty()) {
				return null;
			}
			String message = "Spring CORS configuration shadowed: " + spring.describe() + ": on the paths of "
					+ names(enforced) + " the CORS filter decides first, so this source"
					+ " only sees the requests the filter passes on there";
			return new ShadowedSpringCorsConfiguration(spring.kind(), spring.name(), null, List.of(), List.of(), false,
					enforced, List.of(), List.of(), false, false, message);
		}
		Map<CorsPolicy, String> deciding = decidingPolicies(engine, spring.pathPattern());
		if (deciding.isEmpty()) {
			return null;
		}
		List<String> origins = spring.allowedOrigins();
		List<String> methods = SpringCorsConfiguration.nonNull(configuration.getAllowedMethods());
		boolean credentials = Boolean.TRUE.equals(configuration.getAllowCredentials());
		Set<String> refusedOrigins = new LinkedHashSet<>();
		Set<String> refusedMethods = new LinkedHashSet<>();
		boolean credentialsRefused = false;
		List<String> changes = new ArrayList<>();
		for (Map.Entry<CorsPolicy, String> entry : deciding.entrySet()) {
			CorsPolicy policy = entry.getKey();
			List<String> policyOrigins = refusedOrigins(engine, entry.getValue(), policy, configuration);
			List<String> policyMethods = refusedMethods(policy, methods);
			boolean policyCredentials = credentials && !policy.allowCredentials();
			refusedOrigins.addAll(policyOrigins);
			refusedMethods.addAll(policyMethods);
			credentialsRefused |= policyCredentials;
			changes.add(change(policy, policyOrigins, policyMethods, policyCredentials));
		}
		boolean unused = refusedOrigins.isEmpty() && refusedMethods.isEmpty() && !credentialsRefused;
		String message = "Spring CORS configuration shadowed: " + spring.describe() + " allowing origins " + origins
				+ ", methods " + methods + (credentials ? " with credentials" : "") + ": " + String.join("; ", changes)
				+ (unused ? "; the policy allows all it allowed, so it is now unused" : "");
		return new ShadowedSpringCorsConfiguration(spring.kind(), spring.name(), spring.pathPattern(), origins, methods,
				credentials, deciding.keySet().stream().map(CorsPolicy::name).toList(), List.copyOf(refusedOrigins),
				List.copyOf(refusedMethods), credentialsRefused, unused, message);
	}

	private static String change(CorsPolicy policy, List<String> origins, List<String> methods, boolean credentials) {
		StringBuilder change = new StringBuilder("policy '").append(policy.name())
			.append("' (")
			.append(policy.propertyPrefix())
			.append(") now decides there");
		List<String> refused = new ArrayList<>();
		if (!origins.isEmpty()) {
			refused.add("origins " + origins);
		}
		if (!methods.isEmpty()) {
			refused.add("methods " + methods);
		}
		if (credentials) {
			refused.add("credentials");
		}
		if (!refused.isEmpty()) {
			change.append(" and refuses ").append(String.join(", ", refused));
		}
		return change.toString();
	}

	/**
	 * The enforced policies deciding on a Spring path pattern, each with a path where it
	 * does: the pattern's own representative path, and each policy pattern's
	 * representative path the Spring pattern matches (so {@code /**} is shadowed by a
	 * policy on {@code /api/**}).
	 */
	static Map<CorsPolicy, String> decidingPolicies(CorsEngine engine, String springPattern) {
		Set<String> paths = new LinkedHashSet<>();
		paths.add(representative(springPattern));
		PathPattern parsed = parse(springPattern);
		if (parsed != null) {
			for (CorsPolicy policy : engine.policies()) {
				for (String policyPattern : policy.pathPatterns()) {
					String path = representative(policyPattern);
					if (parsed.matches(PathContainer.parsePath(path))) {
						paths.add(path);
					}
				}
			}
		}
		Map<CorsPolicy, String> deciding = new LinkedHashMap<>();
		for (String path : paths) {
			CorsDecision decision = engine.evaluate(MapCorsRequest.get(path).build());
			CorsPolicy policy = decision.policy();
			if (policy != null && decision.isEnforced()) {
				deciding.putIfAbsent(policy, path);
			}
		}
		return deciding;
	}

	/** What the configuration allowed on the path that the policy refuses. */
	private static List<String> refusedOrigins(CorsEngine engine, String path, CorsPolicy policy,
			CorsConfiguration configuration) {
		List<String> refused = new ArrayList<>();
		for (String origin : SpringCorsConfiguration.nonNull(configuration.getAllowedOrigins())) {
			if (CorsConfiguration.ALL.equals(origin)) {
				if (!policy.allowedOrigins().contains(CorsConfiguration.ALL)) {
					refused.add(origin);
				}
				continue;
			}
			CorsDecision decision = engine.evaluate(MapCorsRequest.get(path).origin(origin).build());
			if (decision.reason() == Reason.ORIGIN_NOT_ALLOWED || decision.reason() == Reason.MALFORMED_ORIGIN) {
				refused.add(origin);
			}
		}
		for (String pattern : SpringCorsConfiguration.nonNull(configuration.getAllowedOriginPatterns())) {
			String starter = SpringCorsPolicies.originPattern(pattern);
			if (!policy.allowedOrigins().contains(starter)
					&& !policy.allowedOrigins().contains(CorsConfiguration.ALL)) {
				refused.add(pattern);
			}
		}
		return refused;
	}

	private static List<String> refusedMethods(CorsPolicy policy, List<String> methods) {
		if (policy.allowedMethods().contains(CorsConfiguration.ALL)) {
			return List.of();
		}
		return methods.stream().filter((method) -> !policy.allowedMethods().contains(method)).toList();
	}

	private static boolean enforced(CorsPolicy policy) {
		return policy.mode() != PolicyMode.REPORT_ONLY;
	}

	private static String names(List<String> policies) {
		return policies.stream().map((name) -> "'" + name + "'").toList().toString();
	}

	private static @Nullable PathPattern parse(String pattern) {
		try {
			return PathPatternParser.defaultInstance.parse(pattern);
		}
		catch (RuntimeException ex) {
			return null; // an AntPathMatcher pattern PathPattern does not read: its own
							// path only
		}
	}

	/**
	 * A concrete path a pattern matches: each wildcard and variable as one segment
	 * {@code x}.
	 */
	static String representative(String pattern) {
		String path = pattern.replaceAll("\\{\\*[^}]*}", "x")
			.replaceAll("\\{[^}]*}", "x")
			.replace("**", "x")
			.replace("*", "x")
			.replace("?", "x");
		return path.startsWith("/") ? path : "/" + path;
	}

}
