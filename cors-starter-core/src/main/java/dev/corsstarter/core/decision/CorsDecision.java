package dev.corsstarter.core.decision;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.corsstarter.core.request.RequestType;

/**
 * What to do with one request and which headers to write. Deciding is separate from enforcing:
 * {@link #outcome()} says what the policy thinks; {@link #shortCircuitStatus()} says what the
 * filter does about it. Immutable.
 */
public final class CorsDecision {

	/** The decision for a path no policy covers: write nothing, change nothing. */
	public static final CorsDecision NO_POLICY = new CorsDecision(null, Outcome.NO_POLICY, Reason.NO_POLICY, null, null,
			null, null, false);

	private static final String[] VARY_ORIGIN = { CorsHeaders.ORIGIN };

	private static final String[] VARY_PREFLIGHT = { CorsHeaders.ORIGIN, CorsHeaders.ACCESS_CONTROL_REQUEST_METHOD,
			CorsHeaders.ACCESS_CONTROL_REQUEST_HEADERS };

	private static final String[] VARY_PREFLIGHT_PRIVATE_NETWORK = { CorsHeaders.ORIGIN,
			CorsHeaders.ACCESS_CONTROL_REQUEST_METHOD, CorsHeaders.ACCESS_CONTROL_REQUEST_HEADERS,
			CorsHeaders.ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK };

	private static final String VARY_PREFLIGHT_JOINED = String.join(", ", VARY_PREFLIGHT);

	private static final String VARY_PREFLIGHT_PRIVATE_NETWORK_JOINED = String.join(", ",
			VARY_PREFLIGHT_PRIVATE_NETWORK);

	private final RequestType type;

	private final Outcome outcome;

	private final Reason reason;

	private final CompiledPolicy policy;

	private final String allowOrigin;

	private final String allowMethods;

	private final String allowHeaders;

	private final boolean allowPrivateNetwork;

	private CorsDecision(RequestType type, Outcome outcome, Reason reason, CompiledPolicy policy, String allowOrigin,
			String allowMethods, String allowHeaders, boolean allowPrivateNetwork) {
		this.type = type;
		this.outcome = outcome;
		this.reason = reason;
		this.policy = policy;
		this.allowOrigin = allowOrigin;
		this.allowMethods = allowMethods;
		this.allowHeaders = allowHeaders;
		this.allowPrivateNetwork = allowPrivateNetwork;
	}

	static CorsDecision pass(RequestType type, Reason reason, CompiledPolicy policy) {
		return new CorsDecision(type, Outcome.NOT_CORS, reason, policy, null, null, null, false);
	}

	static CorsDecision rejected(RequestType type, Reason reason, CompiledPolicy policy) {
		return new CorsDecision(type, Outcome.REJECTED, reason, policy, null, null, null, false);
	}

	static CorsDecision allowed(RequestType type, CompiledPolicy policy, String allowOrigin, String allowMethods,
			String allowHeaders, boolean allowPrivateNetwork) {
		return new CorsDecision(type, Outcome.ALLOWED, Reason.ALLOWED, policy, allowOrigin, allowMethods, allowHeaders,
				allowPrivateNetwork);
	}

	/** The request type, or {@code null} when no policy covers the path. */
	public RequestType type() {
		return this.type;
	}

	public Outcome outcome() {
		return this.outcome;
	}

	public Reason reason() {
		return this.reason;
	}

	/** The deciding policy, or {@code null} when no policy covers the path. */
	public CompiledPolicy policy() {
		return this.policy;
	}

	/** The deciding policy's name, or {@code null}. */
	public String policyName() {
		return (this.policy != null) ? this.policy.name() : null;
	}

	public boolean isAllowed() {
		return this.outcome == Outcome.ALLOWED;
	}

	public boolean isRejected() {
		return this.outcome == Outcome.REJECTED;
	}

	/** Whether a policy covers the request, so the filter has anything to do at all. */
	public boolean hasPolicy() {
		return this.policy != null;
	}

	/**
	 * The status the filter answers with itself, without invoking the rest of the chain, or 0 to
	 * continue the chain: 204 for an allowed preflight, 403 for any rejection.
	 */
	public int shortCircuitStatus() {
		if (this.outcome == Outcome.REJECTED) {
			return 403;
		}
		if (this.outcome == Outcome.ALLOWED && this.type == RequestType.PREFLIGHT) {
			return 204;
		}
		return 0;
	}

	/** Write this decision's response headers; writes nothing when no policy covers the path. */
	public void writeHeaders(HeaderWriter writer) {
		if (this.policy == null) {
			return;
		}
		if (this.type != RequestType.PREFLIGHT) {
			writer.vary(VARY_ORIGIN, CorsHeaders.ORIGIN);
		}
		else if (this.policy.allowPrivateNetwork()) {
			writer.vary(VARY_PREFLIGHT_PRIVATE_NETWORK, VARY_PREFLIGHT_PRIVATE_NETWORK_JOINED);
		}
		else {
			writer.vary(VARY_PREFLIGHT, VARY_PREFLIGHT_JOINED);
		}
		if (this.outcome != Outcome.ALLOWED || this.type == RequestType.WEBSOCKET) {
			return;
		}
		writer.set(CorsHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, this.allowOrigin);
		if (this.policy.allowCredentials()) {
			writer.set(CorsHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
		}
		if (this.type == RequestType.PREFLIGHT) {
			writer.set(CorsHeaders.ACCESS_CONTROL_ALLOW_METHODS, this.allowMethods);
			if (this.allowHeaders != null) {
				writer.set(CorsHeaders.ACCESS_CONTROL_ALLOW_HEADERS, this.allowHeaders);
			}
			writer.set(CorsHeaders.ACCESS_CONTROL_MAX_AGE, this.policy.maxAge());
			if (this.allowPrivateNetwork) {
				writer.set(CorsHeaders.ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK, "true");
			}
		}
		else if (this.policy.exposeHeaders() != null) {
			writer.set(CorsHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, this.policy.exposeHeaders());
		}
	}

	/**
	 * The headers {@link #writeHeaders} writes, as an ordered map with {@code Vary} joined. For
	 * tests, logs and the actuator endpoint; the filters write directly.
	 */
	public Map<String, String> responseHeaders() {
		Map<String, String> headers = new LinkedHashMap<>();
		writeHeaders(new HeaderWriter() {
			@Override
			public void set(String name, String value) {
				headers.put(name, value);
			}

			@Override
			public void vary(String token) {
				headers.merge(CorsHeaders.VARY, token, (a, b) -> a + ", " + b);
			}
		});
		return headers;
	}

	@Override
	public String toString() {
		return "CorsDecision[" + this.outcome.tag() + " " + ((this.type != null) ? this.type.tag() : "-") + " policy="
				+ policyName() + " reason=" + this.reason.tag() + "]";
	}

}
