package dev.corsstarter.autoconfigure.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import dev.corsstarter.autoconfigure.lifecycle.PolicyChange.Difference;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;

/**
 * What a change does to the policies serving: the policies added and removed, and per policy
 * kept the values each property gained or lost, each difference marked as loosening protection
 * or not. Compares compiled policies (what the engines decide with), so a change of spelling
 * the engine ignores (the order of origins, the case of a header name) is no difference.
 */
final class PolicyDiff {

	private PolicyDiff() {
	}

	/**
	 * @param serving the policies serving before the change
	 * @param candidate the policies of the change
	 * @return every difference: policies removed and changed in the order they served, then
	 * policies added in the order of the change
	 */
	static List<Difference> between(List<CorsPolicy> serving, List<CorsPolicy> candidate) {
		Map<String, CorsPolicy> before = byName(serving);
		Map<String, CorsPolicy> after = byName(candidate);
		List<Difference> differences = new ArrayList<>();
		for (CorsPolicy old : before.values()) {
			CorsPolicy now = after.get(old.name());
			if (now == null) {
				// its paths go to another policy or to none: whatever it refused may now pass
				differences.add(new Difference(old.name(), old.propertyPrefix(), List.of(), old.pathPatterns(), true));
			}
			else {
				compare(old, now, differences);
			}
		}
		for (CorsPolicy now : after.values()) {
			if (!before.containsKey(now.name())) {
				differences.add(new Difference(now.name(), now.propertyPrefix(), now.pathPatterns(), List.of(), false));
			}
		}
		return differences;
	}

	private static void compare(CorsPolicy old, CorsPolicy now, List<Difference> differences) {
		// a path pattern removed leaves its paths to another policy or none; one added takes paths over
		values(old, now, "path-patterns", CorsPolicy::pathPatterns, Function.identity(), false, differences);
		values(old, now, "allowed-origins", CorsPolicy::allowedOrigins, Function.identity(), true, differences);
		values(old, now, "allowed-methods", CorsPolicy::allowedMethods, Function.identity(), true, differences);
		values(old, now, "allowed-headers", CorsPolicy::allowedHeaders, PolicyDiff::headerName, true, differences);
		values(old, now, "exposed-headers", CorsPolicy::exposedHeaders, PolicyDiff::headerName, true, differences);
		flag(old, now, "allow-credentials", old.allowCredentials(), now.allowCredentials(), differences);
		flag(old, now, "allow-private-network", old.allowPrivateNetwork(), now.allowPrivateNetwork(), differences);
		if (!old.maxAge().equals(now.maxAge())) {
			// a longer cache keeps a browser on an allowance after it is withdrawn
			differences.add(new Difference(now.name(), now.propertyPrefix() + ".max-age",
					List.of(seconds(now.maxAge())), List.of(seconds(old.maxAge())),
					now.maxAge().compareTo(old.maxAge()) > 0));
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

	/** The values of {@code from} that {@code in} lacks, compared by {@code key}, in order, each once. */
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

	/** Header names are case-insensitive: {@code X-Trace} and {@code x-trace} are one header. */
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
