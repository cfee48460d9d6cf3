package dev.corsstarter.core.internal.validation;

import dev.corsstarter.core.validation.InvalidCorsConfigurationException;
import dev.corsstarter.core.validation.Severity;
import dev.corsstarter.core.validation.ValidationContext;
import dev.corsstarter.core.validation.Violation;
import dev.corsstarter.core.validation.ViolationRule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

import dev.corsstarter.core.internal.OriginPattern;
import dev.corsstarter.core.internal.OriginPatternParser;
import dev.corsstarter.core.internal.OriginSyntaxException;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.internal.HttpTokens;

/**
 * The startup rules over configured policies, run on values parsed once: each origin and
 * path pattern is parsed here, the rules read the parsed objects, and the result hands
 * them on so that {@code CorsEngine.compile}, the only caller, builds the engine from
 * them without parsing again. Every violation is reported, errors and warnings, so one
 * failed start reports them all. The structural rules, which apply in every profile, are
 * here; the production and warning rules are in {@link PolicyRules}, {@link DevOrigins},
 * {@link PolicyShadowing} and {@link ReportOnlyPolicies}.
 */
public final class CorsPolicyValidator {

	private static final Set<String> FORBIDDEN_METHODS = Set.of("CONNECT", "TRACE", "TRACK");

	private static final LongAdder PATH_PATTERN_PARSES = new LongAdder();

	private CorsPolicyValidator() {
	}

	/**
	 * Parse and check policies. Applications compile policies with
	 * {@code CorsEngine.compile}, which calls this.
	 * @return every violation, errors first, then warnings, each in policy order, and
	 * every policy with its parsed values
	 */
	public static Result validate(List<CorsPolicy> policies, ValidationContext context) {
		List<Violation> violations = new ArrayList<>();
		DevOrigins devOrigins = DevOrigins.of(context, violations);
		Map<String, String> patternOwners = new HashMap<>();
		List<ParsedPolicy> parsed = new ArrayList<>();
		List<List<Violation>> byPolicy = new ArrayList<>();
		for (CorsPolicy policy : policies) {
			List<Violation> out = new ArrayList<>();
			parsed.add(validatePolicy(policy, context, devOrigins, patternOwners, out));
			byPolicy.add(out);
		}
		Map<CorsPolicy, Violation> shadowed = PolicyShadowing.find(parsed);
		Map<CorsPolicy, Violation> reportOnly = ReportOnlyPolicies.find(parsed);
		for (int i = 0; i < parsed.size(); i++) {
			violations.addAll(byPolicy.get(i));
			Violation shadow = shadowed.get(parsed.get(i).policy());
			if (shadow != null) {
				violations.add(shadow);
			}
			Violation observed = reportOnly.get(parsed.get(i).policy());
			if (observed != null) {
				violations.add(observed);
			}
		}
		List<Violation> sorted = new ArrayList<>(violations.stream().filter(Violation::isError).toList());
		sorted.addAll(violations.stream().filter(v -> !v.isError()).toList());
		return new Result(List.copyOf(sorted), List.copyOf(parsed));
	}

	/**
	 * The outcome of {@link #validate}.
	 *
	 * @param violations every violation, errors first
	 * @param policies each policy with its parsed values, in declaration order
	 */
	public record Result(List<Violation> violations, List<ParsedPolicy> policies) {

		public boolean hasErrors() {
			return this.violations.stream().anyMatch(Violation::isError);
		}

		public List<Violation> warnings() {
			return this.violations.stream().filter(v -> !v.isError()).toList();
		}

	}

	/**
	 * A policy with its {@code allowed-origins} and {@code path-patterns} parsed, index
	 * for index; an entry is {@code null} where the value was invalid (and reported).
	 *
	 * @param policy the policy as configured
	 * @param origins the parsed origins
	 * @param pathPatterns the parsed path patterns
	 */
	public record ParsedPolicy(CorsPolicy policy, List<OriginPattern> origins, List<PathPattern> pathPatterns) {

		public ParsedPolicy {
			origins = Collections.unmodifiableList(new ArrayList<>(origins));
			pathPatterns = Collections.unmodifiableList(new ArrayList<>(pathPatterns));
		}

	}

	private static ParsedPolicy validatePolicy(CorsPolicy policy, ValidationContext context, DevOrigins devOrigins,
			Map<String, String> patternOwners, List<Violation> out) {
		String prefix = policy.propertyPrefix();
		List<PathPattern> pathPatterns = validatePathPatterns(policy, prefix, patternOwners, out);
		List<OriginPattern> origins = validateOrigins(policy, prefix, out);
		validateMethods(policy, prefix, out);
		validateHeaderNames(policy.allowedHeaders(), prefix + ".allowed-headers", true, out);
		validateHeaderNames(policy.exposedHeaders(), prefix + ".exposed-headers", true, out);
		if (policy.maxAge().isNegative()) {
			out.add(Violation.error(ViolationRule.NEGATIVE_MAX_AGE, prefix + ".max-age", policy.maxAge().toString(),
					"A negative max-age is not a duration browsers understand.",
					"Use 0 to disable preflight caching, or a positive duration such as 5m."));
		}
		for (int i = 0; i < origins.size(); i++) {
			OriginPattern origin = origins.get(i);
			if (origin == null || origin.kind() != OriginPattern.Kind.ANY) {
				continue;
			}
			String property = prefix + ".allowed-origins[" + i + "]";
			if (policy.allowCredentials()) {
				out.add(Violation.error(ViolationRule.WILDCARD_WITH_CREDENTIALS, property, "*",
						"'*' together with allow-credentials=true would let every web site read responses with the user's cookies; browsers refuse it, and reflecting the origin instead is a known vulnerability.",
						"List the trusted origins explicitly (e.g. https://app.example.com or https://*.example.com), or set "
								+ prefix + ".allow-credentials=false."));
			}
			if (policy.allowPrivateNetwork()) {
				out.add(Violation.error(ViolationRule.WILDCARD_WITH_PRIVATE_NETWORK, property, "*",
						"'*' together with allow-private-network=true lets any public web site reach this private-network service.",
						"List the trusted origins explicitly, or set " + prefix + ".allow-private-network=false."));
			}
		}
		PolicyRules.apply(policy, origins, context, devOrigins, out);
		return new ParsedPolicy(policy, origins, pathPatterns);
	}

	/** Parse a path pattern; every path pattern the engine uses is parsed here, once. */
	static PathPattern parsePathPattern(String pattern) {
		PATH_PATTERN_PARSES.increment();
		return PathPatternParser.defaultInstance.parse(pattern);
	}

	/**
	 * How many times {@link #parsePathPattern} ran, so a test can prove each pattern is
	 * parsed once.
	 */
	public static long pathPatternParseCount() {
		return PATH_PATTERN_PARSES.sum();
	}

	/**
	 * Parse path patterns, reporting invalid ones; the list holds null where an entry was
	 * invalid.
	 */
	private static List<PathPattern> validatePathPatterns(CorsPolicy policy, String prefix,
			Map<String, String> patternOwners, List<Violation> out) {
		List<PathPattern> parsed = new ArrayList<>();
		if (policy.pathPatterns().isEmpty()) {
			out.add(Violation.error(ViolationRule.NO_PATH_PATTERN, prefix + ".path-patterns", "",
					"A policy without path patterns never applies.",
					"Add at least one Spring PathPattern, e.g. " + prefix + ".path-patterns=/api/**"));
		}
		for (int i = 0; i < policy.pathPatterns().size(); i++) {
			String pattern = policy.pathPatterns().get(i);
			String property = prefix + ".path-patterns[" + i + "]";
			if (pattern.isBlank() || !pattern.startsWith("/")) {
				out.add(Violation.error(ViolationRule.INVALID_PATH_PATTERN, property, pattern,
						"A path pattern must start with '/'.", "Write a pattern such as /api/**"));
				parsed.add(null);
				continue;
			}
			try {
				parsed.add(parsePathPattern(pattern));
			}
			catch (PatternParseException ex) {
				out.add(Violation.error(ViolationRule.INVALID_PATH_PATTERN, property, pattern,
						"Invalid path pattern: " + ex.getMessage(),
						"Use Spring PathPattern syntax, e.g. /api/** or /files/{name}"));
				parsed.add(null);
				continue;
			}
			String owner = patternOwners.putIfAbsent(pattern, policy.name());
			if (owner != null) {
				out.add(Violation.error(ViolationRule.DUPLICATE_PATH_PATTERN, property, pattern,
						"The same pattern is already used by policy '" + owner
								+ "', so which policy applies would be ambiguous.",
						"Keep the pattern in one policy only."));
			}
		}
		return parsed;
	}

	/**
	 * Parse origins, reporting grammar errors; the list holds null where an entry was
	 * invalid.
	 */
	private static List<OriginPattern> validateOrigins(CorsPolicy policy, String prefix, List<Violation> out) {
		List<OriginPattern> parsed = new ArrayList<>();
		if (policy.allowedOrigins().isEmpty()) {
			out.add(Violation.error(ViolationRule.NO_ORIGIN, prefix + ".allowed-origins", "",
					"A policy without allowed origins rejects every cross-origin request.",
					"Add at least one origin, e.g. " + prefix + ".allowed-origins=https://app.example.com"));
		}
		for (int i = 0; i < policy.allowedOrigins().size(); i++) {
			String value = policy.allowedOrigins().get(i);
			try {
				parsed.add(OriginPatternParser.parse(value));
			}
			catch (OriginSyntaxException ex) {
				out.add(new Violation(rule(ex.getFault()), Severity.ERROR, prefix + ".allowed-origins[" + i + "]",
						value, ex.getReason(), ex.getFix(), ex.getSuggestedValue()));
				parsed.add(null);
			}
		}
		return parsed;
	}

	private static void validateMethods(CorsPolicy policy, String prefix, List<Violation> out) {
		if (policy.allowedMethods().isEmpty()) {
			out.add(Violation.error(ViolationRule.NO_METHOD, prefix + ".allowed-methods", "",
					"A policy without methods rejects every cross-origin request.",
					"Remove the key to use the default GET, HEAD, POST, or list the methods."));
		}
		for (int i = 0; i < policy.allowedMethods().size(); i++) {
			String method = policy.allowedMethods().get(i);
			String property = prefix + ".allowed-methods[" + i + "]";
			if (method.equals("*")) {
				continue;
			}
			if (!HttpTokens.isToken(method)) {
				out.add(Violation.error(ViolationRule.INVALID_METHOD, property, method,
						"'" + method + "' is not a valid HTTP method token.",
						"Use a method name such as GET, POST, PUT, PATCH or DELETE."));
			}
			else if (FORBIDDEN_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
				out.add(Violation.error(ViolationRule.FORBIDDEN_METHOD, property, method, method
						+ " is forbidden by the Fetch standard and exposes the server to cross-site tracing or tunnelling.",
						"Remove " + method + " from the list."));
			}
			else if (!method.equals(method.toUpperCase(Locale.ROOT))
					&& Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH")
						.contains(method.toUpperCase(Locale.ROOT))) {
				String upper = method.toUpperCase(Locale.ROOT);
				out.add(new Violation(ViolationRule.METHOD_CASE, Severity.ERROR, property, method,
						"Methods compare case-sensitively and browsers send standard methods in upper case, so '"
								+ method + "' never matches.",
						"Write it in upper case: " + upper, upper));
			}
		}
	}

	private static void validateHeaderNames(List<String> headers, String property, boolean wildcardAllowed,
			List<Violation> out) {
		for (int i = 0; i < headers.size(); i++) {
			String header = headers.get(i);
			if (wildcardAllowed && header.equals("*")) {
				continue;
			}
			if (!HttpTokens.isToken(header)) {
				out.add(Violation.error(ViolationRule.INVALID_HEADER, property + "[" + i + "]", header,
						"'" + header + "' is not a valid header name (RFC 9110 token).",
						"Use a header name such as Content-Type or X-Request-Id."));
			}
		}
	}

	/** The rule an origin grammar fault breaks. */
	static ViolationRule rule(OriginSyntaxException.Fault fault) {
		return switch (fault) {
			case INVALID -> ViolationRule.INVALID_ORIGIN;
			case NEVER_MATCHES -> ViolationRule.ORIGIN_NEVER_MATCHES;
			case INVALID_WILDCARD -> ViolationRule.INVALID_WILDCARD;
			case WEBSOCKET_SCHEME -> ViolationRule.WEBSOCKET_SCHEME;
		};
	}

}
