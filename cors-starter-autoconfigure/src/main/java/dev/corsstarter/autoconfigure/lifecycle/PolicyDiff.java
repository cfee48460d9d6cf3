package dev.corsstarter.autoconfigure.lifecycle;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.corsstarter.autoconfigure.lifecycle.PolicyChange.Difference;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;
import dev.corsstarter.core.internal.MapCorsRequest;

/**
 * What a change does to the policies serving, each difference marked as loosening
 * protection or not. Compares compiled policies, so a spelling the engine ignores (the
 * order of origins, the case of a header) is no difference. A policy or path pattern
 * added tightens, unless it takes paths from a policy that allowed less.
 */
final class PolicyDiff {

	/** An origin for asking an engine which policy decides a path. */
	private static final String PROBE_ORIGIN = "https://probe.invalid";

	private static final Pattern PATTERN_SEGMENT = Pattern.compile("\\{[^/]*}|\\*\\*|\\*|\\?");

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
				compare(old, now, differences);
				takesOver(serving, candidate, now, missing(now.pathPatterns(), old.pathPatterns(), Function.identity()),
						now.propertyPrefix() + ".path-patterns", differences);
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

	/** Path patterns added loosen when they take paths from a stricter policy. */
	private static void takesOver(CorsEngine serving, CorsEngine candidate, CorsPolicy policy, List<String> added,
			String property, List<Difference> differences) {
		if (!added.isEmpty() && takesOverLoosening(serving, candidate, policy, added)) {
			differences.replaceAll((d) -> (d.property().equals(property) && !d.added().isEmpty())
					? new Difference(d.policy(), property, d.added(), d.removed(), true) : d);
		}
	}

	/** Whether the policy now decides a path another decided, allowing more than it. */
	private static boolean takesOverLoosening(CorsEngine serving, CorsEngine candidate, CorsPolicy policy,
			List<String> patterns) {
		for (String pattern : patterns) {
			MapCorsRequest probe = MapCorsRequest.get(PATTERN_SEGMENT.matcher(pattern).replaceAll("x"))
				.origin(PROBE_ORIGIN)
				.build();
			if (!policy.name().equals(candidate.evaluate(probe).policyName())) {
				// no plain path stands for the pattern: nothing to compare
				continue;
			}
			CorsPolicy previous = serving.evaluate(probe).policy();
			if (previous != null && !previous.name().equals(policy.name())) {
				List<Difference> allowances = new ArrayList<>();
				compare(previous, policy, allowances);
				if (allowances.stream().anyMatch(d -> d.loosens() && !d.property().endsWith(".path-patterns"))) {
					return true;
				}
			}
		}
		return false;
	}

	private static void compare(CorsPolicy old, CorsPolicy now, List<Difference> differences) {
		values(old, now, "path-patterns", CorsPolicy::pathPatterns, Function.identity(), false, differences);
		values(old, now, "allowed-origins", CorsPolicy::allowedOrigins, Function.identity(), true, differences);
		values(old, now, "allowed-methods", CorsPolicy::allowedMethods, Function.identity(), true, differences);
		values(old, now, "allowed-headers", CorsPolicy::allowedHeaders, PolicyDiff::headerName, true, differences);
		values(old, now, "exposed-headers", CorsPolicy::exposedHeaders, PolicyDiff::headerName, true, differences);
		value(now, "allow-credentials", old.allowCredentials(), now.allowCredentials(), now.allowCredentials(),
				differences);
		value(now, "allow-private-network", old.allowPrivateNetwork(), now.allowPrivateNetwork(),
				now.allowPrivateNetwork(), differences);
		// a longer cache keeps a browser on an allowance after it is withdrawn
		value(now, "max-age", old.maxAge().toSeconds() + "s", now.maxAge().toSeconds() + "s",
				now.maxAge().compareTo(old.maxAge()) > 0, differences);
		value(now, "mode", old.mode().tag(), now.mode().tag(), now.mode() == PolicyMode.REPORT_ONLY, differences);
	}

	/** One difference for the values added, one for those removed. */
	private static void values(CorsPolicy old, CorsPolicy now, String property,
			Function<CorsPolicy, List<String>> values, Function<String, String> key, boolean addingLoosens,
			List<Difference> differences) {
		List<String> added = missing(values.apply(now), values.apply(old), key);
		List<String> removed = missing(values.apply(old), values.apply(now), key);
		String name = now.propertyPrefix() + "." + property;
		if (!added.isEmpty()) {
			differences.add(new Difference(now.name(), name, added, List.of(), addingLoosens));
		}
		if (!removed.isEmpty()) {
			differences.add(new Difference(now.name(), name, List.of(), removed, !addingLoosens));
		}
	}

	/** One value changed: one difference, its new value added and its old one removed. */
	private static void value(CorsPolicy now, String property, Object before, Object after, boolean loosens,
			List<Difference> differences) {
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
