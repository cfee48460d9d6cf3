package dev.corsstarter.core.decision;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.corsstarter.core.internal.OriginHeaderChecks;
import dev.corsstarter.core.internal.OriginPattern;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;
import dev.corsstarter.core.request.CorsRequest;
import dev.corsstarter.core.request.PathMatching;
import dev.corsstarter.core.internal.HttpTokens;
import dev.corsstarter.core.request.RequestType;
import dev.corsstarter.core.internal.validation.CorsPolicyValidator;
import dev.corsstarter.core.validation.InvalidCorsConfigurationException;
import dev.corsstarter.core.validation.ValidationContext;
import dev.corsstarter.core.validation.Violation;

/**
 * Decides CORS requests against a set of compiled policies. Built only by
 * {@link #compile}, which parses every configured value once and runs every validation
 * rule on the parsed values; immutable and thread-safe. {@link #evaluate} is the
 * per-request path and, for a normalised path, allocates at most the decision it returns.
 */
public final class CorsEngine {

	/**
	 * Longest {@code Access-Control-Request-Headers} value considered; longer is
	 * malformed.
	 */
	static final int MAX_REQUEST_HEADERS_LENGTH = 4096;

	private static final String OPTIONS = "OPTIONS";

	/**
	 * Parses the policies' patterns again for applications that match paths ignoring
	 * case.
	 */
	private static final PathPatternParser CASE_INSENSITIVE_PARSER = caseInsensitiveParser();

	private final List<CorsPolicy> policies;

	private final PolicyRoutes routes;

	/**
	 * The same routes matching case-insensitively, as the handler mappings of such
	 * applications do.
	 */
	private final PolicyRoutes caseInsensitiveRoutes;

	private final List<Violation> warnings;

	private final ValidationContext validationContext;

	private final String fingerprint;

	private CorsEngine(CorsPolicyValidator.Result validated, ValidationContext context) {
		List<CompiledPolicy> compiled = new ArrayList<>();
		List<PolicyRoutes.Route> routes = new ArrayList<>();
		List<PolicyRoutes.Route> caseInsensitiveRoutes = new ArrayList<>();
		for (CorsPolicyValidator.ParsedPolicy parsed : validated.policies()) {
			CompiledPolicy compiledPolicy = new CompiledPolicy(parsed.policy(), parsed.origins());
			compiled.add(compiledPolicy);
			for (PathPattern pattern : parsed.pathPatterns()) {
				routes.add(PolicyRoutes.Route.of(pattern, compiledPolicy));
				caseInsensitiveRoutes.add(PolicyRoutes.Route
					.of(CASE_INSENSITIVE_PARSER.parse(pattern.getPatternString()), compiledPolicy));
			}
		}
		this.policies = compiled.stream().map(CompiledPolicy::policy).toList();
		this.routes = new PolicyRoutes(routes);
		this.caseInsensitiveRoutes = new PolicyRoutes(caseInsensitiveRoutes);
		this.warnings = validated.warnings();
		this.validationContext = context;
		this.fingerprint = PolicyFingerprint
			.of(validated.policies().stream().map(CorsPolicyValidator.ParsedPolicy::policy).toList());
	}

	/**
	 * The one way to build an engine: parse every origin and path pattern once, run every
	 * validation rule on the parsed values, and compile them.
	 * @param policies the policies, in declaration order (which never decides a request)
	 * @param context whether production rules apply and which origins are development
	 * origins
	 * @return the engine, carrying the warnings found
	 * @throws InvalidCorsConfigurationException carrying every violation, errors first,
	 * when any is an error
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

	/**
	 * The effective policies, validated, in declaration order (which never decides a
	 * request).
	 */
	public List<CorsPolicy> policies() {
		return this.policies;
	}

	/** What validation reported without refusing the policies, in policy order. */
	public List<Violation> warnings() {
		return this.warnings;
	}

	/** The context this engine was compiled under: whether production rules applied. */
	public ValidationContext validationContext() {
		return this.validationContext;
	}

	/**
	 * Hex SHA-256 of a canonical form of the policies, equal on every instance running
	 * the same policies. Declaration order does not count, nor does the order of the
	 * entries in each list (path patterns, origins, methods, headers): neither changes
	 * which requests are allowed. Everything else does, as written: names, each entry,
	 * the flags and {@code max-age} in seconds. The validation context does not.
	 */
	public String fingerprint() {
		return this.fingerprint;
	}

	/**
	 * The routes this engine decides by, in the order it tries them (most specific
	 * pattern first): the one model of the policies downstream of the compile step, read
	 * by the endpoints, interop views and the edge export instead of the raw configured
	 * strings.
	 */
	public List<Route> routes() {
		return this.routes.view();
	}

	/** The policy for a path (most specific pattern wins), or {@code null}. */
	@Nullable CompiledPolicy policyFor(PathContainer path) {
		return this.routes.policyFor(path);
	}

	/**
	 * Decide one request. Never throws on request content.
	 * <p>
	 * A path with empty, {@code .} or {@code ..} segments ({@code //api/x},
	 * {@code /;/api/x}, {@code /public/..;/api/x}) is served as its normalised form by
	 * lenient routers (Spring MVC with {@code AntPathMatcher}, servlet mappings,
	 * proxies), so when that form selects another policy, both decide and the stricter
	 * decision wins: such a path can never slip past the policy of the handler that
	 * serves it. The same holds for the paths the server itself routes by
	 * ({@link CorsRequest#routedPaths()}), and a method override the application honours
	 * ({@link CorsRequest#methodOverride()}) must be allowed as well as the method sent.
	 * When the application's handler mappings match more widely than Spring's defaults
	 * ({@link CorsRequest#pathMatching()}: ignoring case, or a trailing slash), each path
	 * is also matched those ways, and each policy a handler mapping would select this way
	 * decides too.
	 * <p>
	 * A report-only policy never decides against enforcement: on a path where it is the
	 * most specific policy, the most specific enforced policy that also matches decides,
	 * and the report-only decision is only {@linkplain CorsDecision#observed() observed}.
	 * Only where no enforced policy matches is the report-only decision the decision (not
	 * enforced).
	 */
	public CorsDecision evaluate(CorsRequest request) {
		String rawPath = request.rawPath();
		List<PathContainer> routed = request.routedPaths();
		PathMatching matching = request.pathMatching();
		if (!routed.isEmpty() || matching.isWidened() || !PolicyRoutes.isPlain(rawPath)) {
			return decideStrictest(request, routed, rawPath, matching);
		}
		// the common case: already normalised, and literal patterns match it without
		// parsing
		int first = this.routes.firstMatchPlain(rawPath, request, 0, false);
		if (first == PolicyRoutes.NONE) {
			return CorsDecision.NO_POLICY;
		}
		CompiledPolicy policy = this.routes.policy(first);
		if (policy.mode() == PolicyMode.ENFORCE) {
			return decide(request, policy);
		}
		int fallback = this.routes.firstMatchPlain(rawPath, request, first + 1, true);
		CorsDecision reported = decide(request, policy);
		return (fallback != PolicyRoutes.NONE) ? decide(request, this.routes.policy(fallback)).observing(reported)
				: reported;
	}

	/**
	 * Decide with every distinct policy the paths of a request select (per path, the most
	 * specific policy and, when that one is report-only, the most specific enforced one
	 * that also matches): the first rejection by an enforced policy wins; otherwise the
	 * decision of the path the server routes by, then of the normalised path, then of the
	 * raw path. A report-only decision (a refusal preferred) is only observed beside an
	 * enforced one, since a report-only policy must never lift an enforced one, nor its
	 * refusal replace one; it decides only where no enforced policy matches any path.
	 */
	private CorsDecision decideStrictest(CorsRequest request, List<PathContainer> routed, String rawPath,
			PathMatching matching) {
		List<CompiledPolicy> enforced = new ArrayList<>(routed.size() + 2);
		List<CompiledPolicy> reportOnly = new ArrayList<>(2);
		for (PathContainer path : routed) {
			selectAsRouted(path, matching, enforced, reportOnly);
		}
		PathContainer path = request.path();
		@Nullable PathContainer normalized = PolicyRoutes.isPlain(rawPath) ? null : RequestPaths.normalized(path);
		if (normalized != null) {
			selectAsRouted(normalized, matching, enforced, reportOnly);
		}
		selectAsRouted(path, matching, enforced, reportOnly);
		@Nullable CorsDecision allowed = null;
		@Nullable CorsDecision decision = null;
		for (CompiledPolicy policy : enforced) {
			CorsDecision candidate = decide(request, policy);
			if (candidate.isRejected()) {
				decision = candidate;
				break;
			}
			allowed = (allowed != null) ? allowed : candidate;
		}
		decision = (decision != null) ? decision : allowed;
		@Nullable CorsDecision reported = null;
		for (CompiledPolicy policy : reportOnly) {
			CorsDecision candidate = decide(request, policy);
			if (reported == null || (candidate.isRejected() && !reported.isRejected())) {
				reported = candidate;
			}
		}
		if (decision == null) {
			return (reported != null) ? reported : CorsDecision.NO_POLICY;
		}
		return (reported != null) ? decision.observing(reported) : decision;
	}

	/**
	 * Add the policies one path selects, as it is and, when the application's handler
	 * mappings match more widely, ignoring case and without a trailing slash.
	 */
	private void selectAsRouted(PathContainer path, PathMatching matching, List<CompiledPolicy> enforced,
			List<CompiledPolicy> reportOnly) {
		select(this.routes, path, enforced, reportOnly);
		if (matching.caseInsensitive()) {
			select(this.caseInsensitiveRoutes, path, enforced, reportOnly);
		}
		int size = path.elements().size();
		if (matching.trailingSlash() && size > 1 && path.elements().get(size - 1) instanceof PathContainer.Separator) {
			selectAsRouted(path.subPath(0, size - 1), new PathMatching(matching.caseInsensitive(), false), enforced,
					reportOnly);
		}
	}

	/**
	 * Add the policies one path selects, each once: the enforced one deciding and a
	 * report-only one observed.
	 */
	private static void select(PolicyRoutes routes, PathContainer path, List<CompiledPolicy> enforced,
			List<CompiledPolicy> reportOnly) {
		int first = routes.firstMatch(path, 0, false);
		if (first == PolicyRoutes.NONE) {
			return;
		}
		CompiledPolicy policy = routes.policy(first);
		if (policy.mode() == PolicyMode.ENFORCE) {
			addOnce(enforced, policy);
			return;
		}
		addOnce(reportOnly, policy);
		int fallback = routes.firstMatch(path, first + 1, true);
		if (fallback != PolicyRoutes.NONE) {
			addOnce(enforced, routes.policy(fallback));
		}
	}

	/**
	 * One route of a compiled engine: a parsed path pattern, the policy it selects, and
	 * that policy's origins as parsed once by the compile step.
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

	}

	private static PathPatternParser caseInsensitiveParser() {
		PathPatternParser parser = new PathPatternParser();
		parser.setCaseSensitive(false);
		return parser;
	}

	private static void addOnce(List<CompiledPolicy> policies, CompiledPolicy policy) {
		if (!policies.contains(policy)) {
			policies.add(policy);
		}
	}

	private static CorsDecision decide(CorsRequest request, CompiledPolicy policy) {
		String origin = request.fieldValue(CorsHeaders.ORIGIN);
		if (origin == null) {
			return policy.noOrigin();
		}
		String method = request.method();
		String requestMethod = OPTIONS.equals(method) ? request.fieldValue(CorsHeaders.ACCESS_CONTROL_REQUEST_METHOD)
				: null;
		RequestType type = (requestMethod != null) ? RequestType.PREFLIGHT
				: ("GET".equals(method)
						&& HttpTokens.equalsIgnoreAsciiCase(request.header(CorsHeaders.UPGRADE), "websocket"))
								? RequestType.WEBSOCKET : RequestType.ACTUAL;
		// a listed exact origin is well-formed by construction, so the common case is one
		// lookup;
		// a repeated Origin reads as "a,b", which is neither listed nor well-formed
		boolean listed = policy.origins().isListed(origin);
		if (!listed && !OriginHeaderChecks.isWellFormed(origin)) {
			return policy.rejected(type, Reason.MALFORMED_ORIGIN);
		}
		if ("same-origin".equals(request.header(CorsHeaders.SEC_FETCH_SITE))
				|| OriginHeaderChecks.isSameOrigin(origin, request.scheme(), request.host(), request.port())) {
			return policy.sameOrigin();
		}
		if (!listed && !policy.origins().matchesWellFormed(origin)) {
			return policy.rejected(type, Reason.ORIGIN_NOT_ALLOWED);
		}
		return switch (type) {
			case PREFLIGHT -> preflight(request, policy, origin, requestMethod);
			case WEBSOCKET -> policy.websocketAllowed();
			default -> allowsActualMethod(request, policy, method) ? policy.actualAllowed(origin)
					: policy.rejected(type, Reason.METHOD_NOT_ALLOWED);
		};
	}

	/**
	 * The method as sent and, when the application honours an override, the method it
	 * runs.
	 */
	private static boolean allowsActualMethod(CorsRequest request, CompiledPolicy policy, String method) {
		if (!policy.allowsMethod(method)) {
			return false;
		}
		String override = request.methodOverride();
		return override == null || policy.allowsMethod(override);
	}

	private static CorsDecision preflight(CorsRequest request, CompiledPolicy policy, String origin, String method) {
		if (!HttpTokens.isToken(method)) { // a repeated one reads as "a,b", not a token
			return policy.rejected(RequestType.PREFLIGHT, Reason.MALFORMED_REQUEST);
		}
		if (!policy.allowsMethod(method)) {
			return policy.rejected(RequestType.PREFLIGHT, Reason.METHOD_NOT_ALLOWED);
		}
		// a list header may arrive on several lines: its field value joins them
		String requestedHeaders = request.fieldValue(CorsHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
		@Nullable String allowHeaders = null;
		if (requestedHeaders != null) {
			if (requestedHeaders.length() > MAX_REQUEST_HEADERS_LENGTH) {
				return policy.rejected(RequestType.PREFLIGHT, Reason.MALFORMED_REQUEST);
			}
			Reason problem = checkRequestedHeaders(requestedHeaders, policy);
			if (problem != null) {
				return policy.rejected(RequestType.PREFLIGHT, problem);
			}
			allowHeaders = policy.anyHeader() ? normalizedList(requestedHeaders) : policy.allowHeaders();
		}
		boolean privateNetwork = "true".equals(request.header(CorsHeaders.ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK));
		if (privateNetwork && !policy.allowPrivateNetwork()) {
			return policy.rejected(RequestType.PREFLIGHT, Reason.PRIVATE_NETWORK_NOT_ALLOWED);
		}
		String allowMethods = policy.anyMethod() ? method : policy.allowMethods();
		return policy.preflightAllowed(origin, allowMethods, allowHeaders, privateNetwork);
	}

	/**
	 * Walk a comma list with optional whitespace in place; null when every name is
	 * allowed.
	 */
	private static @Nullable Reason checkRequestedHeaders(String value, CompiledPolicy policy) {
		int length = value.length();
		int start = 0;
		while (start <= length) {
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
			}
			if (comma < 0) {
				break;
			}
			start = comma + 1;
		}
		return null;
	}

	/**
	 * The requested names, already checked as tokens, lower-cased and joined with ", ".
	 */
	private static @Nullable String normalizedList(String value) {
		StringBuilder result = new StringBuilder(value.length());
		for (String part : value.split(",")) {
			String name = part.strip();
			if (!name.isEmpty()) {
				if (result.length() > 0) {
					result.append(", ");
				}
				result.append(name.toLowerCase(java.util.Locale.ROOT));
			}
		}
		return (result.length() > 0) ? result.toString() : null;
	}

	private static boolean isWhitespace(char c) {
		return c == ' ' || c == '\t';
	}

}
