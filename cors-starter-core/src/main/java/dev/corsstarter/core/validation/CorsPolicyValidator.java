package dev.corsstarter.core.validation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

import dev.corsstarter.core.origin.OriginPattern;
import dev.corsstarter.core.origin.OriginSyntaxException;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.request.HttpTokens;

/**
 * The startup rules over configured policies. Returns every violation found, errors
 * and warnings, so one failed start reports them all. The structural rules, which apply in every
 * profile, are here; the production and warning rules are in {@link PolicyRules},
 * {@link DevOrigins} and {@link PolicyShadowing}.
 */
public final class CorsPolicyValidator {

	private static final Set<String> FORBIDDEN_METHODS = Set.of("CONNECT", "TRACE", "TRACK");

	private CorsPolicyValidator() {
	}

	/** Validate policies; the result lists errors first, then warnings, each in policy order. */
	public static List<Violation> validate(List<CorsPolicy> policies, ValidationContext context) {
		List<Violation> violations = new ArrayList<>();
		Map<String, String> patternOwners = new HashMap<>();
		DevOrigins.validate(context, violations);
		Map<CorsPolicy, Violation> shadowed = PolicyShadowing.find(policies);
		for (CorsPolicy policy : policies) {
			validatePolicy(policy, context, patternOwners, violations);
			Violation shadow = shadowed.get(policy);
			if (shadow != null) {
				violations.add(shadow);
			}
		}
		List<Violation> sorted = new ArrayList<>(violations.stream().filter(Violation::isError).toList());
		sorted.addAll(violations.stream().filter(v -> !v.isError()).toList());
		return List.copyOf(sorted);
	}

	private static void validatePolicy(CorsPolicy policy, ValidationContext context, Map<String, String> patternOwners,
			List<Violation> out) {
		String prefix = policy.propertyPrefix();
		validatePathPatterns(policy, prefix, patternOwners, out);
		List<OriginPattern> origins = validateOrigins(policy, prefix, out);
		validateMethods(policy, prefix, out);
		validateHeaderNames(policy.allowedHeaders(), prefix + ".allowed-headers", true, out);
		validateHeaderNames(policy.exposedHeaders(), prefix + ".exposed-headers", true, out);
		if (policy.maxAge().isNegative()) {
			out.add(Violation.error(prefix + ".max-age", policy.maxAge().toString(),
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
				out.add(Violation.error(property, "*",
						"'*' together with allow-credentials=true would let every web site read responses with the user's cookies; browsers refuse it, and reflecting the origin instead is a known vulnerability.",
						"List the trusted origins explicitly (e.g. https://app.example.com or https://*.example.com), or set " + prefix + ".allow-credentials=false."));
			}
			if (policy.allowPrivateNetwork()) {
				out.add(Violation.error(property, "*",
						"'*' together with allow-private-network=true lets any public web site reach this private-network service.",
						"List the trusted origins explicitly, or set " + prefix + ".allow-private-network=false."));
			}
		}
		PolicyRules.apply(policy, origins, context, out);
	}

	private static void validatePathPatterns(CorsPolicy policy, String prefix, Map<String, String> patternOwners,
			List<Violation> out) {
		if (policy.pathPatterns().isEmpty()) {
			out.add(Violation.error(prefix + ".path-patterns", "",
					"A policy without path patterns never applies.",
					"Add at least one Spring PathPattern, e.g. " + prefix + ".path-patterns=/api/**"));
		}
		for (int i = 0; i < policy.pathPatterns().size(); i++) {
			String pattern = policy.pathPatterns().get(i);
			String property = prefix + ".path-patterns[" + i + "]";
			if (pattern.isBlank() || !pattern.startsWith("/")) {
				out.add(Violation.error(property, pattern, "A path pattern must start with '/'.",
						"Write a pattern such as /api/**"));
				continue;
			}
			try {
				PathPatternParser.defaultInstance.parse(pattern);
			}
			catch (PatternParseException ex) {
				out.add(Violation.error(property, pattern, "Invalid path pattern: " + ex.getMessage(),
						"Use Spring PathPattern syntax, e.g. /api/** or /files/{name}"));
				continue;
			}
			String owner = patternOwners.putIfAbsent(pattern, policy.name());
			if (owner != null) {
				out.add(Violation.error(property, pattern,
						"The same pattern is already used by policy '" + owner + "', so which policy applies would be ambiguous.",
						"Keep the pattern in one policy only."));
			}
		}
	}

	/** Parse origins, reporting grammar errors; the list holds null where an entry was invalid. */
	private static List<OriginPattern> validateOrigins(CorsPolicy policy, String prefix, List<Violation> out) {
		List<OriginPattern> parsed = new ArrayList<>();
		if (policy.allowedOrigins().isEmpty()) {
			out.add(Violation.error(prefix + ".allowed-origins", "",
					"A policy without allowed origins rejects every cross-origin request.",
					"Add at least one origin, e.g. " + prefix + ".allowed-origins=https://app.example.com"));
		}
		for (int i = 0; i < policy.allowedOrigins().size(); i++) {
			String value = policy.allowedOrigins().get(i);
			try {
				parsed.add(OriginPattern.parse(value));
			}
			catch (OriginSyntaxException ex) {
				out.add(Violation.error(prefix + ".allowed-origins[" + i + "]", value, ex.getReason(), ex.getFix()));
				parsed.add(null);
			}
		}
		return parsed;
	}

	private static void validateMethods(CorsPolicy policy, String prefix, List<Violation> out) {
		if (policy.allowedMethods().isEmpty()) {
			out.add(Violation.error(prefix + ".allowed-methods", "",
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
				out.add(Violation.error(property, method, "'" + method + "' is not a valid HTTP method token.",
						"Use a method name such as GET, POST, PUT, PATCH or DELETE."));
			}
			else if (FORBIDDEN_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
				out.add(Violation.error(property, method,
						method + " is forbidden by the Fetch standard and exposes the server to cross-site tracing or tunnelling.",
						"Remove " + method + " from the list."));
			}
			else if (!method.equals(method.toUpperCase(Locale.ROOT))
					&& Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH").contains(method.toUpperCase(Locale.ROOT))) {
				out.add(Violation.error(property, method,
						"Methods compare case-sensitively and browsers send standard methods in upper case, so '" + method + "' never matches.",
						"Write it in upper case: " + method.toUpperCase(Locale.ROOT)));
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
				out.add(Violation.error(property + "[" + i + "]", header,
						"'" + header + "' is not a valid header name (RFC 9110 token).",
						"Use a header name such as Content-Type or X-Request-Id."));
			}
		}
	}

}
