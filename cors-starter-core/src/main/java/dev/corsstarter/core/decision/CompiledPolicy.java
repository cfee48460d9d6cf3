package dev.corsstarter.core.decision;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.corsstarter.core.origin.OriginMatcher;
import dev.corsstarter.core.origin.OriginPattern;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.request.RequestType;

/**
 * A validated policy compiled for the request path: origin matcher, method and header tables,
 * and every header value and pass-through decision computed once. Immutable.
 */
public final class CompiledPolicy {

	private final CorsPolicy policy;

	private final OriginMatcher origins;

	private final boolean anyMethod;

	private final String[] methods;

	private final String allowMethods;

	private final boolean anyHeader;

	private final String[] headersLowerCase;

	private final String allowHeaders;

	private final String exposeHeaders;

	private final String maxAge;

	private final boolean wildcardOrigin;

	private final CorsDecision noOrigin;

	private final CorsDecision sameOrigin;

	private final CorsDecision websocketAllowed;

	private final CorsDecision actualAllowedWildcard;

	private final Map<RequestType, Map<Reason, CorsDecision>> rejections = new EnumMap<>(RequestType.class);

	/** Compile a valid policy from its origins, parsed once by the validation that accepted it. */
	CompiledPolicy(CorsPolicy policy, List<OriginPattern> origins) {
		this.policy = policy;
		this.origins = OriginMatcher.of(origins);
		this.anyMethod = policy.allowedMethods().contains("*");
		this.methods = policy.allowedMethods().stream().distinct().toArray(String[]::new);
		this.allowMethods = String.join(", ", this.methods);
		this.anyHeader = policy.allowedHeaders().contains("*");
		this.headersLowerCase = policy.allowedHeaders().stream().map(h -> h.toLowerCase(Locale.ROOT)).distinct()
			.toArray(String[]::new);
		this.allowHeaders = policy.allowedHeaders().isEmpty() ? null : String.join(", ", policy.allowedHeaders());
		this.exposeHeaders = policy.exposedHeaders().isEmpty() ? null : String.join(", ", policy.exposedHeaders());
		this.maxAge = Long.toString(policy.maxAge().toSeconds());
		this.wildcardOrigin = this.origins.allowsAny() && !policy.allowCredentials();
		this.noOrigin = CorsDecision.pass(RequestType.NO_ORIGIN, Reason.NO_ORIGIN, this);
		this.sameOrigin = CorsDecision.pass(RequestType.SAME_ORIGIN, Reason.SAME_ORIGIN, this);
		this.websocketAllowed = CorsDecision.allowed(RequestType.WEBSOCKET, this, null, null, null, false);
		this.actualAllowedWildcard = this.wildcardOrigin
				? CorsDecision.allowed(RequestType.ACTUAL, this, "*", null, null, false) : null;
		for (RequestType type : new RequestType[] { RequestType.PREFLIGHT, RequestType.ACTUAL, RequestType.WEBSOCKET }) {
			Map<Reason, CorsDecision> byReason = new EnumMap<>(Reason.class);
			for (Reason reason : Reason.values()) {
				byReason.put(reason, CorsDecision.rejected(type, reason, this));
			}
			this.rejections.put(type, byReason);
		}
	}

	public CorsPolicy policy() {
		return this.policy;
	}

	public String name() {
		return this.policy.name();
	}

	public OriginMatcher origins() {
		return this.origins;
	}

	boolean allowsMethod(String method) {
		if (this.anyMethod) {
			return true;
		}
		for (String allowed : this.methods) {
			if (allowed.equals(method)) {
				return true;
			}
		}
		return false;
	}

	/** Case-insensitive lookup of {@code value[start, end)} without copying it. */
	boolean allowsHeader(String value, int start, int end) {
		if (this.anyHeader) {
			return true;
		}
		int length = end - start;
		for (String allowed : this.headersLowerCase) {
			if (allowed.length() == length && value.regionMatches(true, start, allowed, 0, length)) {
				return true;
			}
		}
		return false;
	}

	boolean anyMethod() {
		return this.anyMethod;
	}

	boolean anyHeader() {
		return this.anyHeader;
	}

	String allowMethods() {
		return this.allowMethods;
	}

	String allowHeaders() {
		return this.allowHeaders;
	}

	String exposeHeaders() {
		return this.exposeHeaders;
	}

	String maxAge() {
		return this.maxAge;
	}

	String allowOrigin(String origin) {
		return this.wildcardOrigin ? "*" : origin;
	}

	boolean allowCredentials() {
		return this.policy.allowCredentials();
	}

	boolean allowPrivateNetwork() {
		return this.policy.allowPrivateNetwork();
	}

	CorsDecision noOrigin() {
		return this.noOrigin;
	}

	CorsDecision sameOrigin() {
		return this.sameOrigin;
	}

	CorsDecision websocketAllowed() {
		return this.websocketAllowed;
	}

	CorsDecision actualAllowed(String origin) {
		return (this.actualAllowedWildcard != null) ? this.actualAllowedWildcard
				: CorsDecision.allowed(RequestType.ACTUAL, this, origin, null, null, false);
	}

	CorsDecision rejected(RequestType type, Reason reason) {
		return this.rejections.get(type).get(reason);
	}

	@Override
	public String toString() {
		return "CompiledPolicy[" + name() + "]";
	}

}
