package dev.corsstarter.core.decision;

import org.jspecify.annotations.Nullable;

import dev.corsstarter.core.internal.VaryHeader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;
import dev.corsstarter.core.request.RequestType;

/**
 * What to do with one request and which headers to write. Deciding is separate from
 * enforcing: {@link #outcome()} says what the policy thinks;
 * {@link #shortCircuitStatus()} says what the filter does about it. Self-contained: it
 * holds every header value it writes, so writing never consults the policy. Immutable.
 */
public final class CorsDecision {

	/** The decision for a path no policy covers: write nothing, change nothing. */
	public static final CorsDecision NO_POLICY = new CorsDecision(null, Reason.NO_POLICY, null, null, null, null, null,
			null, (byte) 0);

	/** The content type of {@link #refusalBody()}. */
	public static final String REFUSAL_CONTENT_TYPE = "text/plain;charset=US-ASCII";

	private static final byte[] REFUSAL_BODY = "Invalid CORS request".getBytes(StandardCharsets.US_ASCII);

	static final byte ALLOW_CREDENTIALS = 1;

	static final byte ALLOW_PRIVATE_NETWORK = 2;

	/**
	 * {@code Vary} lists {@code Access-Control-Request-Private-Network} (a preflight on a
	 * policy allowing it).
	 */
	static final byte VARY_PRIVATE_NETWORK = 4;

	/** Where the request type starts in {@link #flags}. */
	private static final int TYPE_SHIFT = 4;

	private static final RequestType[] TYPES = RequestType.values();

	private static final String[] VARY_ORIGIN = { CorsHeaders.ORIGIN };

	private static final String[] VARY_PREFLIGHT = { CorsHeaders.ORIGIN, CorsHeaders.ACCESS_CONTROL_REQUEST_METHOD,
			CorsHeaders.ACCESS_CONTROL_REQUEST_HEADERS };

	private static final String[] VARY_PREFLIGHT_PRIVATE_NETWORK = { CorsHeaders.ORIGIN,
			CorsHeaders.ACCESS_CONTROL_REQUEST_METHOD, CorsHeaders.ACCESS_CONTROL_REQUEST_HEADERS,
			CorsHeaders.ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK };

	private static final String VARY_PREFLIGHT_JOINED = String.join(", ", VARY_PREFLIGHT);

	private static final String VARY_PREFLIGHT_PRIVATE_NETWORK_JOINED = String.join(", ",
			VARY_PREFLIGHT_PRIVATE_NETWORK);

	private final Reason reason;

	private final @Nullable CompiledPolicy policy;

	private final @Nullable String allowOrigin;

	private final @Nullable String allowMethods;

	private final @Nullable String allowHeaders;

	private final @Nullable String exposeHeaders;

	private final @Nullable String maxAge;

	/**
	 * {@link #ALLOW_CREDENTIALS}, {@link #ALLOW_PRIVATE_NETWORK},
	 * {@link #VARY_PRIVATE_NETWORK}, and above {@link #TYPE_SHIFT} the request type's
	 * ordinal plus one (0 for none): kept in the byte rather than a reference so a
	 * decision, {@link #observed} included, stays 48 bytes.
	 */
	private final byte flags;

	private final @Nullable CorsDecision observed;

	CorsDecision(@Nullable RequestType type, Reason reason, @Nullable CompiledPolicy policy,
			@Nullable String allowOrigin, @Nullable String allowMethods, @Nullable String allowHeaders,
			@Nullable String exposeHeaders, @Nullable String maxAge, byte flags) {
		this.reason = reason;
		this.policy = policy;
		this.allowOrigin = allowOrigin;
		this.allowMethods = allowMethods;
		this.allowHeaders = allowHeaders;
		this.exposeHeaders = exposeHeaders;
		this.maxAge = maxAge;
		this.flags = (byte) (flags | ((type != null) ? (type.ordinal() + 1) << TYPE_SHIFT : 0));
		this.observed = null;
	}

	private CorsDecision(CorsDecision decision, CorsDecision observed) {
		this.reason = decision.reason;
		this.policy = decision.policy;
		this.allowOrigin = decision.allowOrigin;
		this.allowMethods = decision.allowMethods;
		this.allowHeaders = decision.allowHeaders;
		this.exposeHeaders = decision.exposeHeaders;
		this.maxAge = decision.maxAge;
		this.flags = decision.flags;
		this.observed = observed;
	}

	/**
	 * The cross-origin request type ({@code preflight}, {@code actual},
	 * {@code websocket}), or {@code null} when the request is not cross-origin or no
	 * policy covers the path.
	 */
	public @Nullable RequestType type() {
		int type = this.flags >>> TYPE_SHIFT;
		return (type != 0) ? TYPES[type - 1] : null;
	}

	/** What the policy thinks: derived from the {@link #reason()}, which says it once. */
	public Outcome outcome() {
		return this.reason.outcome();
	}

	public Reason reason() {
		return this.reason;
	}

	/**
	 * The type as logs and the actuator endpoint show it: the request type's tag, or, for
	 * a request that is not cross-origin, why not ({@code no-origin},
	 * {@code same-origin}); {@code null} when no policy covers the path.
	 */
	public @Nullable String typeTag() {
		RequestType type = type();
		if (type != null) {
			return type.tag();
		}
		return (this.policy != null) ? this.reason.tag() : null;
	}

	/** The deciding policy, or {@code null} when no policy covers the path. */
	public @Nullable CorsPolicy policy() {
		return (this.policy != null) ? this.policy.policy() : null;
	}

	/** The compiled deciding policy, for tests of this package. */
	@Nullable CompiledPolicy compiledPolicy() {
		return this.policy;
	}

	/** The deciding policy's name, or {@code null}. */
	public @Nullable String policyName() {
		return (this.policy != null) ? this.policy.name() : null;
	}

	/**
	 * Whether the filter acts on this decision: {@code true} unless the deciding policy
	 * is {@link PolicyMode#REPORT_ONLY report-only}, whose decisions are reported but
	 * never enforced. {@link #shortCircuitStatus()} and {@link #responseHeaders()} still
	 * say what enforcing would do.
	 */
	public boolean isEnforced() {
		return this.policy == null || this.policy.mode() == PolicyMode.ENFORCE;
	}

	/**
	 * The decision of a report-only policy observed beside this one: on the request's
	 * path a report-only policy was more specific than the enforced policy deciding here,
	 * so its decision is logged, counted and shown by the dry run, and never acted on.
	 * {@code null} when there is none; always {@code null} on a decision that is itself
	 * {@linkplain #isEnforced() not enforced} (a report-only policy with no enforced
	 * policy beside it).
	 */
	public @Nullable CorsDecision observed() {
		return this.observed;
	}

	/** This enforced decision, carrying {@code reportOnly} as {@link #observed()}. */
	CorsDecision observing(CorsDecision reportOnly) {
		return new CorsDecision(this, reportOnly);
	}

	/**
	 * The deciding policy's mode; {@link PolicyMode#ENFORCE} when no policy covers the
	 * path.
	 */
	public PolicyMode mode() {
		return (this.policy != null) ? this.policy.mode() : PolicyMode.ENFORCE;
	}

	public boolean isAllowed() {
		return this.reason == Reason.ALLOWED;
	}

	public boolean isRejected() {
		return this.reason.outcome() == Outcome.REJECTED;
	}

	/** Whether a policy covers the request, so the filter has anything to do at all. */
	public boolean hasPolicy() {
		return this.policy != null;
	}

	/**
	 * The status the filter answers with itself, without invoking the rest of the chain,
	 * or 0 to continue the chain: 204 for an allowed preflight, 403 for any rejection.
	 */
	public int shortCircuitStatus() {
		if (isRejected()) {
			return 403;
		}
		if (isAllowed() && type() == RequestType.PREFLIGHT) {
			return 204;
		}
		return 0;
	}

	/**
	 * The body the filters answer a rejection ({@code 403}) with: fixed text that never
	 * echoes the request, as {@link #REFUSAL_CONTENT_TYPE}. A fresh copy, the caller's to
	 * keep.
	 */
	public static byte[] refusalBody() {
		return REFUSAL_BODY.clone();
	}

	/**
	 * Write this decision's response headers; writes nothing when no policy covers the
	 * path. {@code Vary} tokens are added to those present unless already listed (or
	 * {@code Vary: *}); the other headers replace any value present. Writing twice
	 * changes nothing.
	 */
	public void writeHeaders(HeaderWriter writer) {
		if (this.policy == null) {
			return;
		}
		if (type() != RequestType.PREFLIGHT) {
			vary(writer, VARY_ORIGIN, CorsHeaders.ORIGIN);
		}
		else if ((this.flags & VARY_PRIVATE_NETWORK) != 0) {
			vary(writer, VARY_PREFLIGHT_PRIVATE_NETWORK, VARY_PREFLIGHT_PRIVATE_NETWORK_JOINED);
		}
		else {
			vary(writer, VARY_PREFLIGHT, VARY_PREFLIGHT_JOINED);
		}
		if (this.allowOrigin == null) {
			return;
		}
		writer.set(CorsHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, this.allowOrigin);
		if ((this.flags & ALLOW_CREDENTIALS) != 0) {
			writer.set(CorsHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
		}
		if (this.allowMethods != null) {
			writer.set(CorsHeaders.ACCESS_CONTROL_ALLOW_METHODS, this.allowMethods);
		}
		if (this.allowHeaders != null) {
			writer.set(CorsHeaders.ACCESS_CONTROL_ALLOW_HEADERS, this.allowHeaders);
		}
		if (this.maxAge != null) {
			writer.set(CorsHeaders.ACCESS_CONTROL_MAX_AGE, this.maxAge);
		}
		if ((this.flags & ALLOW_PRIVATE_NETWORK) != 0) {
			writer.set(CorsHeaders.ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK, "true");
		}
		if (this.exposeHeaders != null) {
			writer.set(CorsHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, this.exposeHeaders);
		}
	}

	/**
	 * Keep the application's own {@code Vary} tokens, then write this decision's headers:
	 * on a policy path the CORS request-header tokens of {@code Vary} are the decision's
	 * to list, the others belong to the application. For a stack adapter restoring a
	 * response after the application wrote {@code Vary}.
	 * @param applicationVary the {@code Vary} values the application wrote, or
	 * {@code null}
	 */
	public void writeHeaders(HeaderWriter writer, @Nullable Iterable<String> applicationVary) {
		if (this.policy == null) {
			return;
		}
		for (String token : VaryHeader.foreignTokens(applicationVary)) {
			VaryHeader.add(writer, token);
		}
		writeHeaders(writer);
	}

	/**
	 * With no {@code Vary} yet, one write of all tokens joined; otherwise each token
	 * unless listed.
	 */
	private static void vary(HeaderWriter writer, String[] tokens, String joined) {
		if (!writer.contains(CorsHeaders.VARY)) {
			writer.set(CorsHeaders.VARY, joined);
			return;
		}
		for (String token : tokens) {
			VaryHeader.add(writer, token);
		}
	}

	/**
	 * The headers {@link #writeHeaders} writes, as an ordered map with {@code Vary}
	 * joined. For tests, logs and the actuator endpoint; the filters write directly.
	 */
	public Map<String, String> responseHeaders() {
		Map<String, String> headers = new LinkedHashMap<>();
		writeHeaders(new HeaderWriter() {
			@Override
			public boolean contains(String name) {
				return headers.containsKey(name);
			}

			@Override
			public @Nullable Iterable<String> values(String name) {
				String value = headers.get(name);
				return (value != null) ? List.of(value) : null;
			}

			@Override
			public void set(String name, String value) {
				headers.put(name, value);
			}

			@Override
			public void add(String name, String value) {
				headers.merge(name, value, (a, b) -> a + ", " + b);
			}
		});
		return headers;
	}

	@Override
	public String toString() {
		return "CorsDecision[" + outcome().tag() + " " + ((type() != null) ? type().tag() : "-") + " policy="
				+ policyName() + " reason=" + this.reason.tag()
				+ ((this.observed != null) ? " observed=" + this.observed : "") + "]";
	}

}
