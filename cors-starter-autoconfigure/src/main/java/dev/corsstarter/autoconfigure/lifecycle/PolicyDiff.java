package dev.corsstarter.autoconfigure.lifecycle;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.http.server.PathContainer;

import dev.corsstarter.autoconfigure.lifecycle.PolicyChange.Difference;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;

/**
 * What a change does to the policies serving, each difference marked as loosening
 * protection or not. Compares compiled policies, so a spelling the engine ignores (the
 * order of origins, the case of a header) is no difference. A policy or path pattern
 * added tightens, unless it takes paths from a policy that allowed less.
 */
final class PolicyDiff {

	private PolicyDiff() {
	}

	/** Policies removed and changed in serving order, then policies added. */
	static List<Difference> between(CorsEngine serving, CorsEngine candidate) {
		Map<String, CorsPolicy> before = byName(serving.policies());
		Map<String, CorsPolicy> after = byName(candidate.policies());
		List<Difference> differences = new ArrayList<>();
		for (CorsPolicy old : before.values()) {
			CorsPolicy now = after.get(old.name());
			if (now == null) {
				// whatever it refused may now pass
				differences.add(new Difference(old.name(), old.propertyPrefix(), List.of(), old.pathPatterns(), true));
			}
			else {
				// path patterns added loosen when they take paths from a stricter policy
				boolean takesOver = takesOverLoosening(serving, candidate, now,
						missing(now.pathPatterns(), old.pathPatterns(), Function.identity()));
				values(old, now, "path-patterns", CorsPolicy::pathPatterns, Function.identity(), takesOver, true,
						differences);
				compare(old, now, differences);
			}
		}
		for (CorsPolicy now : after.values()) {
			if (!before.containsKey(now.name())) {
				differences.add(new Difference(now.name(), now.propertyPrefix(), now.pathPatterns(), List.of(),
						takesOverLoosening(serving, candidate, now, now.pathPatterns())));
			}
		}
		return differences;
	}

	/** Whether the policy now decides a path another decided, allowing more than it. */
	private static boolean takesOverLoosening(CorsEngine serving, CorsEngine candidate, CorsPolicy policy,
			List<String> patterns) {
		for (CorsEngine.Route route : candidate.routes()) {
			String pattern = route.pattern().getPatternString();
			if (!route.policy().name().equals(policy.name()) || !patterns.contains(pattern)) {
				continue;
			}
			String probe = route.samplePath();
			if (!route.pattern().matches(PathContainer.parsePath(probe))) {
				// a pattern no sample path stands for ({id:[0-9]+}): a take-over
				// cannot be ruled out, so it is reported as one
				return true;
			}
			CorsEngine.Route now = candidate.routeFor(probe);
			// another deciding there: no plain path stands for the pattern, nothing to
			// compare
			CorsEngine.Route previous = (now != null && now.policy().name().equals(policy.name()))
					? serving.routeFor(probe) : null;
			if (previous != null && !previous.policy().name().equals(policy.name())) {
				List<Difference> allowances = new ArrayList<>();
				compare(previous.policy(), policy, allowances);
				if (allowances.stream().anyMatch(Difference::loosens)) {
					return true;
				}
			}
		}
		return false;
	}

	/** What changed in what a policy allows: all but its path patterns. */
	private static void compare(CorsPolicy old, CorsPolicy now, List<Difference> differences) {
		values(old, now, "allowed-origins", CorsPolicy::allowedOrigins, Function.identity(), true, false, differences);
		values(old, now, "allowed-methods", CorsPolicy::allowedMethods, Function.identity(), true, false, differences);
		values(old, now, "allowed-headers", CorsPolicy::allowedHeaders, PolicyDiff::headerName, true, false,
				differences);
		values(old, now, "exposed-headers", CorsPolicy::exposedHeaders, PolicyDiff::headerName, true, false,
				differences);
		value(old, now, "allow-credentials", CorsPolicy::allowCredentials, now.allowCredentials(), differences);
		value(old, now, "allow-private-network", CorsPolicy::allowPrivateNetwork, now.allowPrivateNetwork(),
				differences);
		// a longer cache keeps a browser on an allowance after it is withdrawn
		value(old, now, "max-age", (p) -> p.maxAge().toSeconds() + "s", now.maxAge().compareTo(old.maxAge()) > 0,
				differences);
		value(old, now, "mode", (p) -> p.mode().tag(), now.mode() == PolicyMode.REPORT_ONLY, differences);
	}

	/** One difference for the values added, one for those removed. */
	private static void values(CorsPolicy old, CorsPolicy now, String property,
			Function<CorsPolicy, List<String>> values, Function<String, String> key, boolean addingLoosens,
			boolean removingLoosens, List<Difference> differences) {
		List<String> added = missing(values.apply(now), values.apply(old), key);
		List<String> removed = missing(values.apply(old), values.apply(now), key);
		String name = now.propertyPrefix() + "." + property;
		if (!added.isEmpty()) {
			differences.add(new Difference(now.name(), name, added, List.of(), addingLoosens));
		}
		if (!removed.isEmpty()) {
			differences.add(new Difference(now.name(), name, List.of(), removed, removingLoosens));
		}
	}

	/** One value changed: one difference, its new value added and its old one removed. */
	private static void value(CorsPolicy old, CorsPolicy now, String property, Function<CorsPolicy, Object> value,
			boolean loosens, List<Difference> differences) {
		Object before = value.apply(old);
		Object after = value.apply(now);
		if (!before.equals(after)) {
			differences.add(new Difference(now.name(), now.propertyPrefix() + "." + property,
					List.of(String.valueOf(after)), List.of(String.valueOf(before)), loosens));
		}
	}

	/** The values of {@code from} that {@code in} lacks, by {@code key}, each once. */
	private static List<String> missing(List<String> from, List<String> in, Function<String, String> key) {
		Set<String> seen = in.stream().map(key).collect(Collectors.toCollection(HashSet::new));
		return from.stream().filter((value) -> seen.add(key.apply(value))).toList();
	}

	private static String headerName(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	private static Map<String, CorsPolicy> byName(List<CorsPolicy> policies) {
		return policies.stream()
			.collect(Collectors.toMap(CorsPolicy::name, Function.identity(), (a, b) -> b, LinkedHashMap::new));
	}

}
