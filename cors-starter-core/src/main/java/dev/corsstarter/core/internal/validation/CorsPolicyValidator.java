package dev.corsstarter.core.internal.validation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

import dev.corsstarter.core.internal.OriginPattern;
import dev.corsstarter.core.internal.OriginPatternParser;
import dev.corsstarter.core.internal.OriginSyntaxException;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;
import dev.corsstarter.core.validation.Severity;
import dev.corsstarter.core.validation.ValidationContext;
import dev.corsstarter.core.validation.Violation;
import dev.corsstarter.core.validation.ViolationRule;

/** Parses the policies once and runs every rule, by concern, on the parsed values. */
public final class CorsPolicyValidator {

	private static final LongAdder PATH_PATTERN_PARSES = new LongAdder();

	private CorsPolicyValidator() {
	}

	/** Parse and check policies: every violation, errors first, and the parsed values. */
	public static Result validate(List<CorsPolicy> policies, ValidationContext context) {
		List<Violation> violations = new ArrayList<>();
		DevOrigins devOrigins = DevOrigins.of(context, new Report("cors", violations));
		Map<String, String> patternOwners = new HashMap<>();
		List<ParsedPolicy> parsed = new ArrayList<>();
		List<List<Violation>> byPolicy = new ArrayList<>();
		for (CorsPolicy policy : policies) {
			Report report = new Report(policy.propertyPrefix(), new ArrayList<>());
			ParsedPolicy parsedPolicy = parse(policy, patternOwners, report);
			PolicyRules.structure(parsedPolicy, report);
			PolicyRules.origins(parsedPolicy, context.production(), devOrigins, report);
			PolicyRules.limits(parsedPolicy, report);
			parsed.add(parsedPolicy);
			byPolicy.add(report.out());
		}
		List<PolicyShadowing.Route> routes = PolicyShadowing.routes(parsed);
		for (int i = 0; i < parsed.size(); i++) {
			violations.addAll(byPolicy.get(i));
			PolicyShadowing.check(parsed.get(i), routes, violations);
			if (parsed.get(i).policy().mode() == PolicyMode.REPORT_ONLY) {
				violations.add(ReportOnlyPolicies.warning(parsed.get(i), routes));
			}
		}
		// stable: errors first, each group in order
		violations.sort(Comparator.comparing(Violation::severity));
		return new Result(List.copyOf(violations), List.copyOf(parsed));
	}

	/** Every violation, errors first, and the parsed policies in declaration order. */
	public record Result(List<Violation> violations, List<ParsedPolicy> policies) {

		public boolean hasErrors() {
			return this.violations.stream().anyMatch(Violation::isError);
		}

		public List<Violation> warnings() {
			return this.violations.stream().filter(v -> !v.isError()).toList();
		}

	}

	/** A policy with its valid origins and path patterns parsed, in configured order. */
	public record ParsedPolicy(CorsPolicy policy, List<Entry<OriginPattern>> originEntries,
			List<PathPattern> pathPatterns) {

		public ParsedPolicy {
			originEntries = List.copyOf(originEntries);
			pathPatterns = List.copyOf(pathPatterns);
		}

		/** The valid origins, parsed, in configured order. */
		public List<OriginPattern> origins() {
			return this.originEntries.stream().map(Entry::value).toList();
		}

	}

	/** One valid entry of a list property, parsed, with its key under the prefix. */
	public record Entry<T>(String key, T value) {
	}

	/** Where the rules of a policy, or of {@code cors.dev-origins}, report. */
	record Report(String prefix, List<Violation> out) {

		void error(Message message, String key, String value, String... vars) {
			add(Severity.ERROR, message, key, value, null, vars);
		}

		void warn(Message message, String key, String value, String... vars) {
			add(Severity.WARN, message, key, value, null, vars);
		}

		void add(Severity severity, Message message, String key, String value, @Nullable String suggested,
				String... vars) {
			this.out.add(message.violation(severity, this.prefix, key, value, suggested, vars));
		}

		/** Checks each value with its key, e.g. {@code allowed-origins[0]}. */
		void each(List<String> values, String list, BiConsumer<String, String> check) {
			for (int i = 0; i < values.size(); i++) {
				check.accept(list + "[" + i + "]", values.get(i));
			}
		}

	}

	/** Parse a path pattern; every path pattern the engine uses is parsed here, once. */
	static PathPattern parsePathPattern(String pattern) {
		PATH_PATTERN_PARSES.increment();
		return PathPatternParser.defaultInstance.parse(pattern);
	}

	/** How many times {@link #parsePathPattern} ran, so a test can prove it is once. */
	public static long pathPatternParseCount() {
		return PATH_PATTERN_PARSES.sum();
	}

	/** Parse the patterns and origins, reporting invalid ones and duplicated patterns. */
	private static ParsedPolicy parse(CorsPolicy policy, Map<String, String> patternOwners, Report report) {
		List<PathPattern> patterns = new ArrayList<>();
		if (policy.pathPatterns().isEmpty()) {
			report.error(Message.NO_PATH_PATTERN, "path-patterns", "");
		}
		report.each(policy.pathPatterns(), "path-patterns", (key, pattern) -> {
			if (!pattern.startsWith("/")) {
				report.error(Message.PATH_PATTERN_WITHOUT_SLASH, key, pattern);
				return;
			}
			try {
				patterns.add(parsePathPattern(pattern));
				String owner = patternOwners.putIfAbsent(pattern, policy.name());
				if (owner != null) {
					report.error(Message.DUPLICATE_PATH_PATTERN, key, pattern, "owner", owner);
				}
			}
			catch (PatternParseException ex) {
				report.error(Message.PATH_PATTERN_SYNTAX, key, pattern, "error", ex.getMessage());
			}
		});
		List<Entry<OriginPattern>> origins = new ArrayList<>();
		if (policy.allowedOrigins().isEmpty()) {
			report.error(Message.NO_ORIGIN, "allowed-origins", "");
		}
		report.each(policy.allowedOrigins(), "allowed-origins", (key, value) -> {
			try {
				origins.add(new Entry<>(key, OriginPatternParser.parse(value)));
			}
			catch (OriginSyntaxException ex) {
				report.out()
					.add(new Violation(rule(ex.getFault()), Severity.ERROR, report.prefix() + "." + key, value,
							ex.getReason(), ex.getFix(), ex.getSuggestedValue(), ""));
			}
		});
		return new ParsedPolicy(policy, origins, patterns);
	}

	/** The rule an origin grammar fault breaks. */
	private static ViolationRule rule(OriginSyntaxException.Fault fault) {
		return switch (fault) {
			case INVALID -> ViolationRule.INVALID_ORIGIN;
			case NEVER_MATCHES -> ViolationRule.ORIGIN_NEVER_MATCHES;
			case INVALID_WILDCARD -> ViolationRule.INVALID_WILDCARD;
			case WEBSOCKET_SCHEME -> ViolationRule.WEBSOCKET_SCHEME;
		};
	}

}
