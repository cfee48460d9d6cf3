package dev.corsstarter.autoconfigure.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.web.cors.CorsConfiguration;

import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.validation.InvalidCorsConfigurationException;
import dev.corsstarter.core.validation.ValidationContext;
import dev.corsstarter.core.validation.Violation;

/**
 * The application's own Spring CORS configuration converted into {@code cors.policies},
 * each policy compiled with the starter's own rules: what they refuse is listed with the
 * reason and left out, never converted silently. One policy per {@code @CrossOrigin}
 * handler method (with all its paths) and per {@code addCorsMappings} registration or
 * {@code UrlBasedCorsConfigurationSource} entry.
 */
public final class SpringCorsPolicies {

	private SpringCorsPolicies() {
	}

	/**
	 * What was converted and what was refused.
	 *
	 * @param policies the converted policies, each valid on its own, no two sharing a
	 * path pattern
	 * @param sources for each converted policy, by name, where it came from
	 * @param refused where a configuration came from, and why it was not converted
	 */
	public record Conversion(List<CorsPolicy> policies, Map<String, String> sources,
			Map<String, List<String>> refused) {

		/** The policies as {@code application.yml}, the refusals as comments. */
		public String yaml() {
			StringBuilder yaml = new StringBuilder("# The application's own Spring CORS configuration as cors-starter"
					+ " policies,\n# each one validated by the starter's rules. Review before use.\n");
			yaml.append(this.policies.isEmpty() ? "# Nothing to convert.\n" : "cors:\n  policies:\n");
			for (CorsPolicy policy : this.policies) {
				yaml.append("    ").append(policy.name()).append(":\n");
				String source = this.sources.get(policy.name());
				if (source != null) {
					yaml.append("      # from ").append(oneLine(source)).append('\n');
				}
				list(yaml, "path-patterns", policy.pathPatterns());
				list(yaml, "allowed-origins", policy.allowedOrigins());
				list(yaml, "allowed-methods", policy.allowedMethods());
				list(yaml, "allowed-headers", policy.allowedHeaders());
				list(yaml, "exposed-headers", policy.exposedHeaders());
				yaml.append("      allow-credentials: ").append(policy.allowCredentials()).append('\n');
				yaml.append("      allow-private-network: ").append(policy.allowPrivateNetwork()).append('\n');
				yaml.append("      max-age: ").append(duration(policy.maxAge())).append('\n');
			}
			if (!this.refused.isEmpty()) {
				yaml.append("# Not converted:\n");
				this.refused.forEach((source, reasons) -> {
					yaml.append("# - ").append(oneLine(source)).append('\n');
					reasons.forEach((reason) -> yaml.append("#     ").append(oneLine(reason)).append('\n'));
				});
			}
			return yaml.toString();
		}

		private static void list(StringBuilder yaml, String key, List<String> values) {
			yaml.append("      ").append(key).append(": ");
			yaml.append(values.stream().map(SpringCorsPolicies::quoted).collect(Collectors.joining(", ", "[", "]\n")));
		}

	}

	/** Convert, validating under the given context (production rules or not). */
	public static Conversion convert(List<SpringCorsConfiguration> found, ValidationContext context) {
		// one candidate per handler method or registration, with all its path patterns
		Map<String, List<SpringCorsConfiguration>> candidates = new LinkedHashMap<>();
		Map<String, List<String>> refused = new LinkedHashMap<>();
		for (SpringCorsConfiguration spring : found) {
			if (spring.pathPattern() == null || spring.configuration() == null) {
				refuse(refused, spring.describe(), List.of("its paths cannot be known: a CorsConfigurationSource that"
						+ " is not a UrlBasedCorsConfigurationSource decides in code; write its policies by hand"));
				continue;
			}
			String key = spring.kind() + "|" + spring.name() + "|" + System.identityHashCode(spring.configuration());
			candidates.computeIfAbsent(key, (k) -> new ArrayList<>()).add(spring);
		}
		List<CorsPolicy> policies = new ArrayList<>();
		Map<String, String> sources = new LinkedHashMap<>();
		Set<String> names = new HashSet<>();
		Map<String, String> patternOwners = new LinkedHashMap<>();
		for (List<SpringCorsConfiguration> candidate : candidates.values()) {
			SpringCorsConfiguration first = candidate.get(0);
			List<String> patterns = candidate.stream().map(SpringCorsConfiguration::pathPattern).toList();
			String source = new SpringCorsConfiguration(first.kind(), first.name(), String.join(", ", patterns),
					first.configuration())
				.describe();
			List<String> reasons = new ArrayList<>();
			for (String pattern : patterns) {
				String owner = patternOwners.putIfAbsent(pattern, source);
				if (owner != null) {
					reasons.add("path pattern " + pattern + " is also configured by " + owner
							+ ": both apply there, one after the other or combined;"
							+ " merge them into one policy by hand");
				}
			}
			CorsConfiguration configuration = first.configuration();
			List<String> origins = new ArrayList<>(SpringCorsConfiguration.nonNull(configuration.getAllowedOrigins()));
			for (String pattern : SpringCorsConfiguration.nonNull(configuration.getAllowedOriginPatterns())) {
				String converted = originPattern(pattern);
				if (converted.indexOf('[') >= 0) {
					reasons.add("origin pattern " + pattern + ": port lists have no equivalent; list each origin");
				}
				origins.add(converted);
			}
			if (!reasons.isEmpty()) {
				refuse(refused, source, reasons);
				continue;
			}
			CorsPolicy policy = toPolicy(uniqueName(patterns.get(0), names), patterns, origins, configuration);
			try {
				CorsEngine.compile(List.of(policy), context);
			}
			catch (InvalidCorsConfigurationException ex) {
				refuse(refused, source, ex.getViolations()
					.stream()
					.filter(Violation::isError)
					.map((violation) -> violation.property() + " = " + violation.value() + ": " + violation.reason())
					.toList());
				continue;
			}
			names.add(policy.name());
			policies.add(policy);
			sources.put(policy.name(), source);
		}
		refused.replaceAll((source, reasons) -> List.copyOf(reasons));
		return new Conversion(List.copyOf(policies), sources, refused);
	}

	/** A registration set twice reads the same: keep every reason. */
	private static void refuse(Map<String, List<String>> refused, String source, List<String> reasons) {
		refused.computeIfAbsent(source, (key) -> new ArrayList<>()).addAll(reasons);
	}

	private static CorsPolicy toPolicy(String name, List<String> patterns, List<String> origins,
			CorsConfiguration configuration) {
		List<String> methods = configuration.getAllowedMethods();
		Long maxAge = configuration.getMaxAge();
		return CorsPolicy.builder(name)
			.pathPatterns(patterns)
			.allowedOrigins(origins)
			// without methods, Spring allows GET and HEAD
			.allowedMethods((methods != null) ? methods : List.of("GET", "HEAD"))
			.allowedHeaders(SpringCorsConfiguration.nonNull(configuration.getAllowedHeaders()))
			.exposedHeaders(SpringCorsConfiguration.nonNull(configuration.getExposedHeaders()))
			.allowCredentials(Boolean.TRUE.equals(configuration.getAllowCredentials()))
			.allowPrivateNetwork(Boolean.TRUE.equals(configuration.getAllowPrivateNetwork()))
			.maxAge((maxAge != null && maxAge >= 0) ? Duration.ofSeconds(maxAge) : CorsPolicy.DEFAULT_MAX_AGE)
			.build();
	}

	/** A Spring origin pattern as the starter's: {@code host:[*]} is {@code host:*}. */
	static String originPattern(String springPattern) {
		return springPattern.endsWith(":[*]") ? springPattern.substring(0, springPattern.length() - 3) + "*"
				: springPattern;
	}

	/** A policy name from a path pattern's literal segments: {@code api-orders}. */
	static String uniqueName(String pattern, Set<String> taken) {
		StringBuilder name = new StringBuilder();
		for (String segment : pattern.split("/")) {
			String literal = segment.toLowerCase(Locale.ROOT)
				.replaceAll("\\{[^}]*}|\\*+|\\?", "")
				.replaceAll("[^a-z0-9]+", "-")
				.replaceAll("^-+|-+$", "");
			if (!literal.isEmpty()) {
				name.append((name.length() > 0) ? "-" : "").append(literal);
			}
		}
		String base = (name.length() > 0) ? name.toString() : "root";
		String unique = base;
		for (int i = 2; taken.contains(unique); i++) {
			unique = base + "-" + i;
		}
		return unique;
	}

	/** A duration as the shortest whole unit: {@code 1h}, {@code 30m}, {@code 90s}. */
	static String duration(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds > 0 && seconds % 3600 == 0) {
			return (seconds / 3600) + "h";
		}
		return (seconds > 0 && seconds % 60 == 0) ? (seconds / 60) + "m" : seconds + "s";
	}

	/** A YAML double-quoted scalar: {@code *} and {@code /**} are not plain scalars. */
	static String quoted(String value) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			boolean escaped = c == '"' || c == '\\';
			quoted.append((c < 0x20 || c > 0x7e) ? String.format("\\u%04x", (int) c) : (escaped ? "\\" : "") + c);
		}
		return quoted.append('"').toString();
	}

	/** A value inside a comment never starts a new line. */
	private static String oneLine(String text) {
		return text.replaceAll("[\\r\\n\\u2028\\u2029]", " ");
	}

}
