package dev.corsstarter.autoconfigure.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.corsstarter.autoconfigure.lifecycle.PolicyChange.Difference;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;
import dev.corsstarter.core.internal.MapCorsRequest;

/**
 * What a change does to the policies serving: the policies added and removed, and per
 * policy kept the values each property gained or lost, each difference marked as
 * loosening protection or not. Compares compiled policies (what the engines decide with),
 * so a change of spelling the engine ignores (the order of origins, the case of a header
 * name) is no difference.
 * <p>
 * A policy or path pattern added covers paths: paths no policy covered are now checked,
 * which tightens; but paths another policy decided before are now decided by it, which
 * loosens when it allows anything that policy did not (a sub-area opened to more origins,
 * say).
 */
final class PolicyDiff {

	/** A well-formed origin for asking an engine which policy decides a path. */
	private static final String PROBE_ORIGIN = "https://probe.invalid";

	private static final Pattern PATTERN_SEGMENT = Pattern.compile("\\{[^/]*}|\\*\\*|\\*|\\?");

	private PolicyDiff() {
	}

	/**
	 * @param serving the engine serving before the change
	 * @param candidate the engine of the change
	 * @return every difference: policies removed and changed in the order they served,
	 * then policies added in the order of the change
	 */
	static List<Difference> between(CorsEngine serving, CorsEngine candidate) {
		Map<String, CorsPolicy> before = byName(serving.policies());
		Map<String, CorsPolicy> after = byName(candidate.policies());
		List<Difference> differences = new ArrayList<>();
		for (CorsPolicy old : before.values()) {
			CorsPolicy now = after.get(old.name());
			if (now == null) {
				// its paths go to another policy or to none: whatever it refused may now
				// pass
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

	/**
	 * Mark the path patterns added to a policy as loosening when they take paths from a
	 * more restrictive one.
	 */
	private static void takesOver(CorsEngine serving, CorsEngine candidate, CorsPolicy policy, List<String> added,
			String property, List<Difference> differences) {
		if (!added.isEmpty() && takesOverLoosening(serving, candidate, policy, added)) {
			for (int i = 0; i < differences.size(); i++) {
				Difference difference = differences.get(i);
				if (difference.property().equals(property) && !difference.added().isEmpty()) {
					differences.set(i, new Difference(difference.policy(), property, difference.added(),
							difference.removed(), true));
				}
			}
		}
	}

	/**
	 * Whether a policy, on a path of one of these patterns, now decides what another
	 * policy serving before decided, and allows something that one did not.
	 */
	private static boolean takesOverLoosening(CorsEngine serving, CorsEngine candidate, CorsPolicy policy,
			List<String> patterns) {
		for (String pattern : patterns) {
			MapCorsRequest probe = MapCorsRequest.get(PATTERN_SEGMENT.matcher(pattern).replaceAll("x"))
				.origin(PROBE_ORIGIN)
				.build();
			if (!policy.name().equals(candidate.evaluate(probe).policyName())) {
				// a pattern no plain path stands for (a regular expression): nothing to
				// compare
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
		// a path pattern removed leaves its paths to another policy or none; one added
		// takes paths over
		values(old, now, "path-patterns", CorsPolicy::pathPatterns, Function.identity(), false, differences);
		values(old, now, "allowed-origins", CorsPolicy::allowedOrigins, Function.identity(), true, differences);
		values(old, now, "allowed-methods", CorsPolicy::allowedMethods, Function.identity(), true, differences);
		values(old, now, "allowed-headers", CorsPolicy::allowedHeaders, PolicyDiff::headerName, true, differences);
		values(old, now, "exposed-headers", CorsPolicy::exposedHeaders, PolicyDiff::headerName, true, differences);
		flag(old, now, "allow-credentials", old.allowCredentials(), now.allowCredentials(), differences);
		flag(old, now, "allow-private-network", old.allowPrivateNetwork(), now.allowPrivateNetwork(), differences);
		if (!old.maxAge().equals(now.maxAge())) {
			// a longer cache keeps a browser on an allowance after it is withdrawn
			differences
				.add(new Difference(now.name(), now.propertyPrefix() + ".max-age", List.of(seconds(now.maxAge())),
						List.of(seconds(old.maxAge())), now.maxAge().compareTo(old.maxAge()) > 0));
		}
		if (old.mode() != now.mode()) {
			differences.add(new Difference(now.name(), now.propertyPrefix() + ".mode", List.of(now.mode().tag()),
					List.of(old.mode().tag()), now.mode() == PolicyMode.REPORT_ONLY));
		}
	}

	/**
	 * One difference for the values added and one for those removed: adding loosens where
	 * {@code addingLoosens}, removing where not.
	 */
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

	/** Turning a flag on loosens, turning it off tightens. */
	private static void flag(CorsPolicy old, CorsPolicy now, String property, boolean before, boolean after,
			List<Difference> differences) {
		if (before != after) {
			differences.add(new Difference(now.name(), now.propertyPrefix() + "." + property,
					List.of(String.valueOf(after)), List.of(String.valueOf(before)), after));
		}
	}

	/**
	 * The values of {@code from} that {@code in} lacks, compared by {@code key}, in
	 * order, each once.
	 */
	private static List<String> missing(List<String> from, List<String> in, Function<String, String> key) {
		List<String> keys = in.stream().map(key).toList();
		List<String> missing = new ArrayList<>();
		List<String> seen = new ArrayList<>();
		for (String value : from) {
			String k = key.apply(value);
			if (!keys.contains(k) && !seen.contains(k)) {
				seen.add(k);
				missing.add(value);
			}
		}
		return missing;
	}

	/**
	 * Header names are case-insensitive: {@code X-Trace} and {@code x-trace} are one
	 * header.
	 */
	private static String headerName(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	private static String seconds(Duration duration) {
		return duration.toSeconds() + "s";
	}

	private static Map<String, CorsPolicy> byName(List<CorsPolicy> policies) {
		Map<String, CorsPolicy> byName = new LinkedHashMap<>();
		for (CorsPolicy policy : policies) {
			byName.put(policy.name(), policy);
		}
		return byName;
	}

}
