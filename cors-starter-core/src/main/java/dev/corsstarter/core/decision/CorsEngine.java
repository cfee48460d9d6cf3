package dev.corsstarter.core.decision;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.corsstarter.core.internal.CorsHeaderNames;
import dev.corsstarter.core.internal.HttpTokens;
import dev.corsstarter.core.internal.OriginHeaderChecks;
import dev.corsstarter.core.internal.OriginPattern;
import dev.corsstarter.core.internal.validation.CorsPolicyValidator;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;
import dev.corsstarter.core.request.CorsRequest;
import dev.corsstarter.core.request.PathMatching;
import dev.corsstarter.core.request.RequestType;
import dev.corsstarter.core.validation.InvalidCorsConfigurationException;
import dev.corsstarter.core.validation.ValidationContext;
import dev.corsstarter.core.validation.Violation;

/**
 * Decides CORS requests against compiled policies. Built only by {@link #compile}, which
 * parses and validates every configured value once; immutable and thread-safe.
 */
public final class CorsEngine {

	/** A longer {@code Access-Control-Request-Headers} value is malformed. */
	static final int MAX_REQUEST_HEADERS_LENGTH = 4096;

	/** A variable ({@code {id}}, {@code {*rest}}) or a wildcard in a path pattern. */
	private static final Pattern SAMPLE_SEGMENT = Pattern.compile("\\{[^}]*}|\\*\\*|\\*|\\?");

	/** Parses the patterns again for applications that match paths ignoring case. */
	private static final PathPatternParser CASE_INSENSITIVE_PARSER = caseInsensitiveParser();

	private final List<CorsPolicy> policies;

	private final PolicyRoutes routes;

	/** The same routes matching case-insensitively, as such applications' mappings do. */
	private final PolicyRoutes caseInsensitiveRoutes;

	private final List<Violation> warnings;

	private final ValidationContext validationContext;

	private final String fingerprint;

	private CorsEngine(CorsPolicyValidator.Result validated, ValidationContext context) {
		List<PolicyRoutes.Route> routes = new ArrayList<>();
		List<PolicyRoutes.Route> caseInsensitiveRoutes = new ArrayList<>();
		for (CorsPolicyValidator.ParsedPolicy parsed : validated.policies()) {
			CompiledPolicy compiledPolicy = new CompiledPolicy(parsed.policy(), parsed.origins());
			for (PathPattern pattern : parsed.pathPatterns()) {
				routes.add(PolicyRoutes.Route.of(pattern, compiledPolicy));
				caseInsensitiveRoutes.add(PolicyRoutes.Route
					.of(CASE_INSENSITIVE_PARSER.parse(pattern.getPatternString()), compiledPolicy));
			}
		}
		this.policies = validated.policies().stream().map(CorsPolicyValidator.ParsedPolicy::policy).toList();
		this.routes = new PolicyRoutes(routes);
		this.caseInsensitiveRoutes = new PolicyRoutes(caseInsensitiveRoutes);
		this.warnings = validated.warnings();
		this.validationContext = context;
		this.fingerprint = PolicyFingerprint.of(this.policies);
	}

	/**
	 * Parse every origin and path pattern once, validate the parsed values, and compile.
	 * @param policies the policies, in declaration order (which never decides a request)
	 * @param context whether production rules apply, and the development origins
	 * @return the engine, carrying the warnings found
	 * @throws InvalidCorsConfigurationException with every violation, when any is an
	 * error
	 */
	public static CorsEngine compile(List<CorsPolicy> policies, ValidationContext context) {
		CorsPolicyValidator.Result validated = CorsPolicyValidator.validate(policies, context);
		if (validated.hasErrors()) {
			throw new InvalidCorsConfigurationException(validated.violations());
		}
		return new CorsEngine(validated, context);
	}

	/** {@link #compile} outside production, with no extra development origins. */
	public static CorsEngine create(List<CorsPolicy> policies) {
		return compile(policies, ValidationContext.DEFAULT);
	}

	/** The validated policies, in declaration order (which never decides a request). */
	public List<CorsPolicy> policies() {
		return this.policies;
	}

	/** What validation reported without refusing the policies, in policy order. */
	public List<Violation> warnings() {
		return this.warnings;
	}

	/** The context this engine was compiled under. */
	public ValidationContext validationContext() {
		return this.validationContext;
	}

	/**
	 * Hex SHA-256 of the policies' canonical form: equal on every instance running the
	 * same policies, whatever the order of policies and list entries.
	 */
	public String fingerprint() {
		return this.fingerprint;
	}

	/**
	 * The routes in the order tried (most specific first): the one model of the policies
	 * downstream of the compile step.
	 */
	public List<Route> routes() {
		return this.routes.view();
	}

	/** The policy for a path (most specific pattern wins), or {@code null}. */
	@Nullable CompiledPolicy policyFor(PathContainer path) {
		return this.routes.policyFor(path);
	}

	/**
	 * The route whose policy decides a plain path, as {@link #evaluate} chooses it: the
	 * first matching route, or when that one only reports, the first enforced route
	 * behind it that matches too.
	 * @param path a path within the application, normalised
	 * @return the deciding route, or {@code null} when no pattern matches the path
	 */
	public @Nullable Route routeFor(String path) {
		PathContainer parsed = PathContainer.parsePath(path);
		int first = this.routes.firstMatch(parsed, 0, false);
		int enforced = this.routes.enforcedFrom(parsed, first);
		int deciding = (enforced != PolicyRoutes.NONE) ? enforced : first;
		return (deciding != PolicyRoutes.NONE) ? routes().get(deciding) : null;
	}

	/**
	 * Decide one request; never throws on request content. Every policy a router could
	 * select for it decides (the path as sent, its normalised form, the
	 * {@link CorsRequest#routedPaths() routed paths}, widened by
	 * {@link CorsRequest#pathMatching()}) and the strictest decision wins; a method
	 * override must be allowed too. A report-only policy never decides against an
	 * enforced one: its decision is only {@linkplain CorsDecision#observed() observed}.
	 */
	public CorsDecision evaluate(CorsRequest request) {
		String rawPath = request.rawPath();
		List<PathContainer> routed = request.routedPaths();
		PathMatching matching = request.pathMatching();
		if (!routed.isEmpty() || matching.isWidened() || !PolicyRoutes.isPlain(rawPath)) {
			return decideStrictest(request, routed, rawPath, matching);
		}
		// the common case: normalised, and literal patterns match it without parsing
		int first = this.routes.firstMatchPlain(rawPath, request, 0, false);
		if (first == PolicyRoutes.NONE) {
			return CorsDecision.NO_POLICY;
		}
		CompiledPolicy policy = this.routes.policy(first);
		CorsDecision decision = decide(request, policy);
		int fallback = (policy.mode() == PolicyMode.ENFORCE) ? PolicyRoutes.NONE
				: this.routes.firstMatchPlain(rawPath, request, first + 1, true);
		return (fallback != PolicyRoutes.NONE) ? decide(request, this.routes.policy(fallback)).observing(decision)
				: decision;
	}

	/** Decide by every policy the paths select; the first enforced rejection wins. */
	private CorsDecision decideStrictest(CorsRequest request, List<PathContainer> routed, String rawPath,
			PathMatching matching) {
		Set<CompiledPolicy> selected = new LinkedHashSet<>();
		for (PathContainer path : routed) {
			selectAsRouted(path, matching, selected);
		}
		PathContainer path = request.path();
		@Nullable PathContainer normalized = PolicyRoutes.isPlain(rawPath) ? null : RequestPaths.normalized(path);
		if (normalized != null) {
			selectAsRouted(normalized, matching, selected);
		}
		selectAsRouted(path, matching, selected);
		@Nullable CorsDecision decision = strictest(request, selected, PolicyMode.ENFORCE);
		@Nullable CorsDecision reported = strictest(request, selected, PolicyMode.REPORT_ONLY);
		if (decision == null) {
			return (reported != null) ? reported : CorsDecision.NO_POLICY;
		}
		return (reported != null) ? decision.observing(reported) : decision;
	}

	/** The first rejection by the policies in a mode, else their first decision. */
	private static @Nullable CorsDecision strictest(CorsRequest request, Set<CompiledPolicy> all, PolicyMode mode) {
		@Nullable CorsDecision first = null;
		for (CompiledPolicy policy : all) {
			@Nullable CorsDecision candidate = (policy.mode() == mode) ? decide(request, policy) : null;
			if (candidate != null && candidate.isRejected()) {
				return candidate;
			}
			first = (first != null) ? first : candidate;
		}
		return first;
	}

	/** Add the policies one path selects, as it is and as widened matching sees it. */
	private void selectAsRouted(PathContainer path, PathMatching matching, Set<CompiledPolicy> selected) {
		select(this.routes, path, selected);
		if (matching.caseInsensitive()) {
			select(this.caseInsensitiveRoutes, path, selected);
		}
		int size = path.elements().size();
		if (matching.trailingSlash() && size > 1 && path.elements().get(size - 1) instanceof PathContainer.Separator) {
			selectAsRouted(path.subPath(0, size - 1), new PathMatching(matching.caseInsensitive(), false), selected);
		}
	}

	/** Add the first match's policy and, behind a report-only one, the first enforced. */
	private static void select(PolicyRoutes routes, PathContainer path, Set<CompiledPolicy> selected) {
		int first = routes.firstMatch(path, 0, false);
		int enforced = routes.enforcedFrom(path, first);
		if (first != PolicyRoutes.NONE) {
			selected.add(routes.policy(first));
		}
		if (enforced != PolicyRoutes.NONE) {
			selected.add(routes.policy(enforced));
		}
	}

	/**
	 * One route of a compiled engine.
	 *
	 * @param pattern the path pattern, parsed
	 * @param policy the validated policy the pattern selects
	 * @param origins the policy's allowed origins, parsed, in configured order
	 */
	public record Route(PathPattern pattern, CorsPolicy policy, List<OriginPattern> origins) {

		public Route {
			origins = List.copyOf(origins);
		}

		/** Whether the policy is enforced or only reported. */
		public PolicyMode mode() {
			return this.policy.mode();
		}

		/**
		 * A concrete path the route's pattern matches: see {@link #samplePath(String)}.
		 */
		public String samplePath() {
			return samplePath(this.pattern.getPatternString());
		}

		/**
		 * A concrete path a path pattern matches, for asking an engine which route
		 * decides there: each variable and wildcard written as the segment {@code x}.
		 */
		public static String samplePath(String pattern) {
			String path = SAMPLE_SEGMENT.matcher(pattern).replaceAll("x");
			return path.startsWith("/") ? path : "/" + path;
		}

	}

	private static PathPatternParser caseInsensitiveParser() {
		PathPatternParser parser = new PathPatternParser();
		parser.setCaseSensitive(false);
		return parser;
	}

	private static CorsDecision decide(CorsRequest request, CompiledPolicy policy) {
		String origin = request.fieldValue(HttpHeaders.ORIGIN);
		if (origin == null) {
			return policy.decision(null, Reason.NO_ORIGIN);
		}
		String method = request.method();
		String requestMethod = "OPTIONS".equals(method) ? request.fieldValue(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD)
				: null;
		RequestType type = (requestMethod != null) ? RequestType.PREFLIGHT
				: ("GET".equals(method)
						&& HttpTokens.equalsIgnoreAsciiCase(request.header(HttpHeaders.UPGRADE), "websocket"))
								? RequestType.WEBSOCKET : RequestType.ACTUAL;
		// listed origins are well-formed, so the common case is one lookup;
		// a repeated Origin reads as "a,b", which is neither listed nor well-formed
		boolean listed = policy.origins().isListed(origin);
		if (!listed && !OriginHeaderChecks.isWellFormed(origin)) {
			return policy.decision(type, Reason.MALFORMED_ORIGIN);
		}
		if ("same-origin".equals(request.header(CorsHeaderNames.SEC_FETCH_SITE))
				|| OriginHeaderChecks.isSameOrigin(origin, request.scheme(), request.host(), request.port())) {
			return policy.decision(null, Reason.SAME_ORIGIN);
		}
		if (!listed && !policy.origins().matchesWellFormed(origin)) {
			return policy.decision(type, Reason.ORIGIN_NOT_ALLOWED);
		}
		return switch (type) {
			case PREFLIGHT -> preflight(request, policy, origin, requestMethod);
			case WEBSOCKET -> policy.decision(RequestType.WEBSOCKET, Reason.ALLOWED);
			default -> allowsActualMethod(request, policy, method) ? policy.actualAllowed(origin)
					: policy.decision(type, Reason.METHOD_NOT_ALLOWED);
		};
	}

	/** The method as sent and, when the application honours one, the override. */
	private static boolean allowsActualMethod(CorsRequest request, CompiledPolicy policy, String method) {
		if (!policy.allowsMethod(method)) {
			return false;
		}
		String override = request.methodOverride();
		return override == null || policy.allowsMethod(override);
	}

	private static CorsDecision preflight(CorsRequest request, CompiledPolicy policy, String origin, String method) {
		if (!HttpTokens.isToken(method)) { // a repeated one reads as "a,b", not a token
			return policy.decision(RequestType.PREFLIGHT, Reason.MALFORMED_REQUEST);
		}
		if (!policy.allowsMethod(method)) {
			return policy.decision(RequestType.PREFLIGHT, Reason.METHOD_NOT_ALLOWED);
		}
		// a list header may arrive on several lines: its field value joins them
		String requestedHeaders = request.fieldValue(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
		@Nullable String allowHeaders = null;
		if (requestedHeaders != null) {
			if (requestedHeaders.length() > MAX_REQUEST_HEADERS_LENGTH) {
				return policy.decision(RequestType.PREFLIGHT, Reason.MALFORMED_REQUEST);
			}
			StringBuilder names = policy.anyHeader() ? new StringBuilder(requestedHeaders.length()) : null;
			Reason problem = checkRequestedHeaders(requestedHeaders, policy, names);
			if (problem != null) {
				return policy.decision(RequestType.PREFLIGHT, problem);
			}
			allowHeaders = (names == null) ? policy.allowHeaders() : names.isEmpty() ? null : names.toString();
		}
		boolean privateNetwork = "true".equals(request.header(CorsHeaderNames.ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK));
		if (privateNetwork && !policy.policy().allowPrivateNetwork()) {
			return policy.decision(RequestType.PREFLIGHT, Reason.PRIVATE_NETWORK_NOT_ALLOWED);
		}
		return policy.preflightAllowed(origin, method, allowHeaders, privateNetwork);
	}

	/** Walk the list in place, collecting names if asked; null when all are allowed. */
	private static @Nullable Reason checkRequestedHeaders(String value, CompiledPolicy policy,
			@Nullable StringBuilder names) {
		int length = value.length();
		int start = 0;
		while (start < length) {
			int comma = value.indexOf(',', start);
			int end = (comma < 0) ? length : comma;
			int s = start;
			int e = end;
			while (s < e && isWhitespace(value.charAt(s))) {
				s++;
			}
			while (e > s && isWhitespace(value.charAt(e - 1))) {
				e--;
			}
			if (s < e) {
				if (!HttpTokens.isToken(value, s, e)) {
					return Reason.MALFORMED_REQUEST;
				}
				if (!policy.allowsHeader(value, s, e)) {
					return Reason.HEADER_NOT_ALLOWED;
				}
				if (names != null) {
					names.append(names.isEmpty() ? "" : ", ").append(value.substring(s, e).toLowerCase(Locale.ROOT));
				}
			}
			start = end + 1;
		}
		return null;
	}

	private static boolean isWhitespace(char c) {
		return c == ' ' || c == '\t';
	}

}
