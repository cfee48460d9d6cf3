package dev.corsstarter.core.decision;

import org.jspecify.annotations.Nullable;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.corsstarter.core.internal.OriginMatcher;
import dev.corsstarter.core.internal.OriginPattern;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;
import dev.corsstarter.core.request.RequestType;

/**
 * A validated policy compiled for the request path: origin matcher, method and header
 * tables, and every header value and pass-through decision computed once. Immutable.
 */
final class CompiledPolicy {

	private final CorsPolicy policy;

	private final OriginMatcher origins;

	private final boolean anyMethod;

	private final String[] methods;

	private final String allowMethods;

	private final boolean anyHeader;

	private final String[] headersLowerCase;

	private final @Nullable String allowHeaders;

	private final @Nullable String exposeHeaders;

	private final String maxAge;

	private final boolean wildcardOrigin;

	private final CorsDecision noOrigin;

	private final CorsDecision sameOrigin;

	private final CorsDecision websocketAllowed;

	private final @Nullable CorsDecision actualAllowedWildcard;

	/** {@link CorsDecision} flags of an allowed actual request. */
	private final byte actualFlags;

	/**
	 * {@link CorsDecision} flags of an allowed preflight, before private network access
	 * is granted.
	 */
	private final byte preflightFlags;

	private final Map<RequestType, Map<Reason, CorsDecision>> rejections = new EnumMap<>(RequestType.class);

	/**
	 * Compile a valid policy from its origins, parsed once by the validation that
	 * accepted it.
	 */
	CompiledPolicy(CorsPolicy policy, List<OriginPattern> origins) {
		this.policy = policy;
		this.origins = OriginMatcher.of(origins);
		this.anyMethod = policy.allowedMethods().contains("*");
		this.methods = policy.allowedMethods().stream().distinct().toArray(String[]::new);
		this.allowMethods = String.join(", ", this.methods);
		this.anyHeader = policy.allowedHeaders().contains("*");
		this.headersLowerCase = policy.allowedHeaders()
			.stream()
			.map(h -> h.toLowerCase(Locale.ROOT))
			.distinct()
			.toArray(String[]::new);
		this.allowHeaders = policy.allowedHeaders().isEmpty() ? null : String.join(", ", policy.allowedHeaders());
		this.exposeHeaders = policy.exposedHeaders().isEmpty() ? null : String.join(", ", policy.exposedHeaders());
		this.maxAge = Long.toString(policy.maxAge().toSeconds());
		this.wildcardOrigin = this.origins.allowsAny() && !policy.allowCredentials();
		byte credentials = policy.allowCredentials() ? CorsDecision.ALLOW_CREDENTIALS : 0;
		this.actualFlags = credentials;
		this.preflightFlags = (byte) (credentials
				| (policy.allowPrivateNetwork() ? CorsDecision.VARY_PRIVATE_NETWORK : 0));
		this.noOrigin = new CorsDecision(null, Reason.NO_ORIGIN, this, null, null, null, null, null, (byte) 0);
		this.sameOrigin = new CorsDecision(null, Reason.SAME_ORIGIN, this, null, null, null, null, null, (byte) 0);
		// browsers do not apply CORS to a WebSocket handshake: allowing it writes only
		// Vary
		this.websocketAllowed = new CorsDecision(RequestType.WEBSOCKET, Reason.ALLOWED, this, null, null, null, null,
				null, (byte) 0);
		this.actualAllowedWildcard = this.wildcardOrigin ? actualAllowedFor("*") : null;
		for (RequestType type : RequestType.values()) {
			Map<Reason, CorsDecision> byReason = new EnumMap<>(Reason.class);
			byte varyFlags = (type == RequestType.PREFLIGHT)
					? (byte) (this.preflightFlags & CorsDecision.VARY_PRIVATE_NETWORK) : 0;
			for (Reason reason : Reason.values()) {
				if (reason.outcome() == Outcome.REJECTED) {
					byReason.put(reason, new CorsDecision(type, reason, this, null, null, null, null, null, varyFlags));
				}
			}
			this.rejections.put(type, byReason);
		}
	}

	CorsPolicy policy() {
		return this.policy;
	}

	String name() {
		return this.policy.name();
	}

	/** Whether this policy's decisions are enforced or only reported. */
	PolicyMode mode() {
		return this.policy.mode();
	}

	OriginMatcher origins() {
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

	@Nullable String allowHeaders() {
		return this.allowHeaders;
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
		return (this.actualAllowedWildcard != null) ? this.actualAllowedWildcard : actualAllowedFor(origin);
	}

	private CorsDecision actualAllowedFor(String allowOrigin) {
		return new CorsDecision(RequestType.ACTUAL, Reason.ALLOWED, this, allowOrigin, null, null, this.exposeHeaders,
				null, this.actualFlags);
	}

	/**
	 * An allowed preflight from {@code origin}, answering with {@code allowMethods} and
	 * {@code allowHeaders} ({@code null} when none were requested).
	 */
	CorsDecision preflightAllowed(String origin, String allowMethods, @Nullable String allowHeaders,
			boolean privateNetwork) {
		byte flags = privateNetwork ? (byte) (this.preflightFlags | CorsDecision.ALLOW_PRIVATE_NETWORK)
				: this.preflightFlags;
		return new CorsDecision(RequestType.PREFLIGHT, Reason.ALLOWED, this, allowOrigin(origin), allowMethods,
				allowHeaders, null, this.maxAge, flags);
	}

	CorsDecision rejected(RequestType type, Reason reason) {
		return this.rejections.get(type).get(reason);
	}

	@Override
	public String toString() {
		return "CompiledPolicy[" + name() + "]";
	}

}
