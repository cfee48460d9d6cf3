package dev.corsstarter.autoconfigure.properties;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;

/** The keys of {@link CorsProperties}; the closest one to a key Boot did not bind. */
final class CorsPropertyKeys {

	private static final String POLICIES = "policies";

	/** Top-level keys, dashed, by uniform name. */
	private static final Map<String, String> TOP_LEVEL = keys(CorsProperties.class);

	/** Per-policy keys, dashed, by uniform name. */
	private static final Map<String, String> POLICY = keys(CorsProperties.Policy.class);

	/** Names other CORS configurations use, with the key that means the same here. */
	private static final Map<String, Suggestion> ALIASES = Map.of("allowedoriginpatterns",
			new Suggestion("allowed-origins",
					"allowed-origins takes patterns too, e.g. https://*.example.com or http://localhost:*"),
			"paths", new Suggestion("path-patterns", null), "pathpattern", new Suggestion("path-patterns", null),
			"urlpatterns", new Suggestion("path-patterns", null), "mapping", new Suggestion("path-patterns", null),
			"maxageseconds", new Suggestion("max-age", "max-age is a duration: a number of seconds or e.g. 10m"),
			"exposeheaders", new Suggestion("exposed-headers", null));

	private CorsPropertyKeys() {
	}

	static List<String> topLevelKeys() {
		return List.copyOf(TOP_LEVEL.values());
	}

	static List<String> policyKeys() {
		return List.copyOf(POLICY.values());
	}

	/** Whether the name is a key cors-starter defines, in any relaxed form. */
	static boolean isDefined(ConfigurationPropertyName name) {
		Suggestion closest = suggest(name);
		return closest != null && name.equals(ConfigurationPropertyName.ofIfValid(closest.name()));
	}

	/** The closest known key under the user's policy name, or {@code null}. */
	static @Nullable Suggestion suggest(ConfigurationPropertyName name) {
		int size = name.getNumberOfElements();
		boolean policies = size >= 2 && POLICIES.equals(uniform(name, 1));
		// a policy key without a policy name, e.g. cors.allowed-origins
		String bare = (policies && size == 3) ? POLICY.get(uniform(name, 2))
				: (size >= 2 && !policies) ? POLICY.get(uniform(name, 1)) : null;
		if (bare == null && size >= 2 && !policies && ALIASES.containsKey(uniform(name, 1))) {
			bare = ALIASES.get(uniform(name, 1)).name();
		}
		if (bare != null) {
			return new Suggestion("cors.policies.<name>." + bare,
					"Policy keys go under a policy name, e.g. cors.policies.api." + bare);
		}
		String written = joinedUniform(name);
		// per known key: as suggested, in uniform form, and its last element uniform
		List<String[]> candidates = new ArrayList<>();
		TOP_LEVEL.forEach((uniform, key) -> candidates.add(new String[] { "cors." + key, "cors." + uniform, uniform }));
		if (size >= 3) {
			String policy = name.getElement(2, Form.ORIGINAL);
			Suggestion alias = (size >= 4) ? ALIASES.get(uniform(name, 3)) : null;
			if (alias != null) {
				return new Suggestion("cors.policies." + policy + "." + alias.name(), alias.note());
			}
			POLICY.forEach((uniform, key) -> candidates.add(new String[] { "cors.policies." + policy + "." + key,
					"cors.policies." + uniform(name, 2) + "." + uniform, uniform }));
		}
		return candidates.stream()
			.min(Comparator.comparingInt((candidate) -> distance(written, candidate[1])))
			.filter((best) -> distance(written, best[1]) <= Math.max(3, best[2].length() / 3))
			.map((best) -> new Suggestion(best[0], null))
			.orElse(null);
	}

	private static String joinedUniform(ConfigurationPropertyName name) {
		return IntStream.range(0, name.getNumberOfElements())
			.filter((i) -> !name.isNumericIndex(i))
			.mapToObj((i) -> uniform(name, i))
			.collect(Collectors.joining("."));
	}

	private static String uniform(ConfigurationPropertyName name, int index) {
		return name.getElement(index, Form.UNIFORM);
	}

	/** Levenshtein distance, one row of the matrix updated in place. */
	private static int distance(String a, String b) {
		int[] row = IntStream.rangeClosed(0, b.length()).toArray();
		for (int i = 1; i <= a.length(); i++) {
			int diagonal = row[0];
			row[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int above = row[j];
				row[j] = Math.min(diagonal + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1),
						Math.min(above, row[j - 1]) + 1);
				diagonal = above;
			}
		}
		return row[b.length()];
	}

	private static Map<String, String> keys(Class<?> type) {
		return Stream.of(BeanUtils.getPropertyDescriptors(type))
			.filter((descriptor) -> descriptor.getWriteMethod() != null && descriptor.getReadMethod() != null)
			.map((descriptor) -> DataObjectPropertyName.toDashedForm(descriptor.getName()))
			.collect(Collectors.toMap((dashed) -> dashed.replace("-", ""), (dashed) -> dashed, (a, b) -> b,
					LinkedHashMap::new));
	}

	/** The closest known key, in full, with an extra explanation or {@code null}. */
	record Suggestion(String name, @Nullable String note) {
	}

}
