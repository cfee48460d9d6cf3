package dev.corsstarter.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;

/**
 * Every key cors-starter defines under {@code cors.}, derived from {@link CorsProperties}
 * and {@link CorsProperties.Policy}, and the closest known key for one it does not define
 * (Spring Boot's binder tells which keys were not bound; it suggests nothing).
 * <p>
 * Names are compared as Spring Boot's relaxed binding compares them: case-insensitively
 * and ignoring dashes and underscores, so {@code allowedOrigins}, {@code allowed_origins}
 * and the environment variable {@code CORS_POLICIES_API_ALLOWEDORIGINS} are all
 * {@code allowed-origins}; indexes are ignored.
 */
final class CorsPropertyKeys {

	static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("cors");

	private static final String POLICIES = "policies";

	/** Top-level keys by uniform name. */
	private static final Map<String, Key> TOP_LEVEL = keys(CorsProperties.class);

	/** Per-policy keys by uniform name. */
	private static final Map<String, Key> POLICY = keys(CorsProperties.Policy.class);

	/**
	 * Names other CORS configurations use, mapped to the key that means the same here.
	 */
	private static final Map<String, Alias> ALIASES = Map.of("allowedoriginpatterns",
			new Alias("allowed-origins",
					"allowed-origins takes patterns too, e.g. https://*.example.com or http://localhost:*"),
			"paths", new Alias("path-patterns", null), "pathpattern", new Alias("path-patterns", null), "urlpatterns",
			new Alias("path-patterns", null), "mapping", new Alias("path-patterns", null), "maxageseconds",
			new Alias("max-age", "max-age is a duration: a number of seconds or e.g. 10m"), "exposeheaders",
			new Alias("exposed-headers", null));

	private CorsPropertyKeys() {
	}

	/** The top-level keys, dashed, e.g. {@code filter-order}. */
	static List<String> topLevelKeys() {
		return TOP_LEVEL.values().stream().map(Key::name).toList();
	}

	/** The per-policy keys, dashed, e.g. {@code allowed-origins}. */
	static List<String> policyKeys() {
		return POLICY.values().stream().map(Key::name).toList();
	}

	/** Whether the name is a key cors-starter defines, in any relaxed form. */
	static boolean isDefined(ConfigurationPropertyName name) {
		Suggestion closest = suggest(name);
		ConfigurationPropertyName defined = (closest != null) ? ConfigurationPropertyName.ofIfValid(closest.name())
				: null;
		return name.equals(defined);
	}

	/**
	 * The closest known key for an unknown one, spelt out under the user's policy name,
	 * e.g. {@code cors.policies.api.allow-credentials} for
	 * {@code cors.policies.api.allow-credential}.
	 * @return the suggestion, or {@code null} when no known key is close
	 */
	static @Nullable Suggestion suggest(ConfigurationPropertyName name) {
		int size = name.getNumberOfElements();
		if (size >= 3 && POLICIES.equals(uniform(name, 1)) && size == 3 && POLICY.containsKey(uniform(name, 2))) {
			// cors.policies.allowed-origins: a policy key without a policy name
			String key = POLICY.get(uniform(name, 2)).name();
			return new Suggestion("cors.policies.<name>." + key,
					"Policy keys go under a policy name, e.g. cors.policies.api." + key);
		}
		if (size >= 2 && !POLICIES.equals(uniform(name, 1))) {
			// cors.allowed-origins, cors.allowed-origin-patterns: a policy key without a
			// policy
			Key key = POLICY.get(uniform(name, 1));
			Alias alias = ALIASES.get(uniform(name, 1));
			String policyKey = (key != null) ? key.name() : (alias != null) ? alias.key() : null;
			if (policyKey != null) {
				return new Suggestion("cors.policies.<name>." + policyKey,
						"Policy keys go under a policy name, e.g. cors.policies.api." + policyKey);
			}
		}
		String written = joinedUniform(name);
		List<Candidate> candidates = new ArrayList<>();
		for (Key key : TOP_LEVEL.values()) {
			candidates.add(new Candidate("cors." + key.name(), "cors." + key.uniform(), key.uniform(), null));
		}
		if (size >= 3) {
			String policyName = name.getElement(2, Form.ORIGINAL);
			String policyUniform = uniform(name, 2);
			for (Key key : POLICY.values()) {
				candidates.add(new Candidate("cors.policies." + policyName + "." + key.name(),
						"cors.policies." + policyUniform + "." + key.uniform(), key.uniform(), null));
			}
			if (size >= 4) {
				Alias alias = ALIASES.get(uniform(name, 3));
				if (alias != null) {
					return new Suggestion("cors.policies." + policyName + "." + alias.key(), alias.note());
				}
			}
		}
		Candidate best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (Candidate candidate : candidates) {
			int distance = distance(written, candidate.uniform());
			if (distance < bestDistance) {
				best = candidate;
				bestDistance = distance;
			}
		}
		if (best == null || bestDistance > Math.max(3, best.key().length() / 3)) {
			return null;
		}
		return new Suggestion(best.name(), best.note());
	}

	/**
	 * The name in a comparable form: uniform elements without indexes, joined with dots.
	 */
	private static String joinedUniform(ConfigurationPropertyName name) {
		List<String> elements = new ArrayList<>();
		for (int i = 0; i < name.getNumberOfElements(); i++) {
			if (!name.isNumericIndex(i)) {
				elements.add(uniform(name, i));
			}
		}
		return String.join(".", elements);
	}

	static String uniform(ConfigurationPropertyName name, int index) {
		return uniform(name.getElement(index, Form.ORIGINAL));
	}

	private static String uniform(String element) {
		StringBuilder result = new StringBuilder(element.length());
		for (int i = 0; i < element.length(); i++) {
			char c = Character.toLowerCase(element.charAt(i));
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				result.append(c);
			}
		}
		return result.toString();
	}

	/** Levenshtein distance. */
	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	private static Map<String, Key> keys(Class<?> type) {
		Map<String, Key> keys = new LinkedHashMap<>();
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			if (descriptor.getWriteMethod() == null || descriptor.getReadMethod() == null) {
				continue;
			}
			String dashed = dashed(descriptor.getName());
			keys.put(uniform(dashed), new Key(dashed, uniform(dashed)));
		}
		return Collections.unmodifiableMap(keys);
	}

	private static String dashed(String camelCase) {
		StringBuilder result = new StringBuilder();
		for (char c : camelCase.toCharArray()) {
			if (Character.isUpperCase(c)) {
				result.append('-').append(Character.toLowerCase(c));
			}
			else {
				result.append(c);
			}
		}
		return result.toString().toLowerCase(Locale.ROOT);
	}

	record Key(String name, String uniform) {

	}

	private record Candidate(String name, String uniform, String key, @Nullable String note) {
	}

	private record Alias(String key, @Nullable String note) {
	}

	/**
	 * The closest known key.
	 *
	 * @param name the known key, full name under the user's policy name
	 * @param note an extra explanation, or {@code null}
	 */
	record Suggestion(String name, @Nullable String note) {
	}

}
