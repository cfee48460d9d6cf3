package dev.corsstarter.core.decision;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import dev.corsstarter.core.internal.CorsHeaderNames;
import dev.corsstarter.core.internal.VaryHeader;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;
import dev.corsstarter.core.request.RequestType;

/**
 * What to do with one request and which headers to write: {@link #outcome()} says what
 * the policy thinks, {@link #action()} what an enforcing filter does about it. Immutable.
 */
public final class CorsDecision {

	/** The decision for a path no policy covers: write nothing, change nothing. */
	public static final CorsDecision NO_POLICY = new CorsDecision(null, Reason.NO_POLICY, null, null, null, null, false,
			null);

	/** The content type of {@link #refusalBody()}. */
	public static final String REFUSAL_CONTENT_TYPE = "text/plain;charset=US-ASCII";

	private static final byte[] REFUSAL_BODY = "Invalid CORS request".getBytes(StandardCharsets.US_ASCII);

	/**
	 * The {@code Vary} tokens: the first for an actual request, three for a preflight,
	 * all four for a preflight where Private Network Access is allowed.
	 */
	private static final String[] VARY = { HttpHeaders.ORIGIN, HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD,
			HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, CorsHeaderNames.ACCESS_CONTROL_REQUEST_PRIVATE_NETWORK };

	/** At {@code n - 1}, the first {@code n} {@link #VARY} tokens joined. */
	private static final String[] VARY_JOINED = IntStream.rangeClosed(1, VARY.length)
		.mapToObj((n) -> String.join(", ", Arrays.copyOf(VARY, n)))
		.toArray(String[]::new);

	private final @Nullable RequestType type;

	private final Reason reason;

	private final @Nullable CompiledPolicy policy;

	private final @Nullable String allowOrigin;

	private final @Nullable String allowMethods;

	private final @Nullable String allowHeaders;

	private final boolean allowPrivateNetwork;

	private final @Nullable CorsDecision observed;

	/** With no {@code allowOrigin}, a decision writing only {@code Vary}. */
	CorsDecision(@Nullable RequestType type, Reason reason, @Nullable CompiledPolicy policy,
			@Nullable String allowOrigin, @Nullable String allowMethods, @Nullable String allowHeaders,
			boolean allowPrivateNetwork, @Nullable CorsDecision observed) {
		this.type = type;
		this.reason = reason;
		this.policy = policy;
		this.allowOrigin = allowOrigin;
		this.allowMethods = allowMethods;
		this.allowHeaders = allowHeaders;
		this.allowPrivateNetwork = allowPrivateNetwork;
		this.observed = observed;
	}

	/** This enforced decision, carrying {@code reportOnly} as {@link #observed()}. */
	CorsDecision observing(CorsDecision reportOnly) {
		return new CorsDecision(this.type, this.reason, this.policy, this.allowOrigin, this.allowMethods,
				this.allowHeaders, this.allowPrivateNetwork, reportOnly);
	}

	/** The cross-origin request type, or {@code null} when not cross-origin. */
	public @Nullable RequestType type() {
		return this.type;
	}

	/** What the policy thinks: derived from the {@link #reason()}. */
	public Outcome outcome() {
		return this.reason.outcome();
	}

	public Reason reason() {
		return this.reason;
	}

	/** The request type's tag, or why the request is not cross-origin, or null. */
	public @Nullable String typeTag() {
		if (this.type != null) {
			return this.type.tag();
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

	public @Nullable String policyName() {
		return (this.policy != null) ? this.policy.name() : null;
	}

	/** Whether the filter acts on this decision: not when its policy is report-only. */
	public boolean isEnforced() {
		return mode() == PolicyMode.ENFORCE;
	}

	/** The decision of a more specific report-only policy, never acted on; or null. */
	public @Nullable CorsDecision observed() {
		return this.observed;
	}

	/** The deciding policy's mode; {@code ENFORCE} when no policy covers the path. */
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

	/** What a filter enforcing this decision does (for a report-only one: would do). */
	public Action action() {
		if (isRejected()) {
			return Action.REFUSE;
		}
		return (isAllowed() && this.type == RequestType.PREFLIGHT) ? Action.ANSWER_PREFLIGHT : Action.CONTINUE;
	}

	/** The fixed body of a refusal, as {@link #REFUSAL_CONTENT_TYPE}. */
	public static byte[] refusalBody() {
		return REFUSAL_BODY.clone();
	}

	/**
	 * Write this decision's headers; nothing when no policy covers the path. {@code Vary}
	 * tokens are added unless listed (or {@code Vary: *}); other headers replace any
	 * value. Writing twice changes nothing.
	 */
	public void writeHeaders(HeaderWriter writer) {
		CompiledPolicy policy = this.policy;
		if (policy == null) {
			return;
		}
		boolean preflight = this.type == RequestType.PREFLIGHT;
		vary(writer, !preflight ? 1 : policy.policy().allowPrivateNetwork() ? 4 : 3);
		if (this.allowOrigin == null) {
			return;
		}
		writer.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, this.allowOrigin);
		setIfPresent(writer, HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS,
				policy.policy().allowCredentials() ? "true" : null);
		setIfPresent(writer, HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, this.allowMethods);
		setIfPresent(writer, HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, this.allowHeaders);
		setIfPresent(writer, HttpHeaders.ACCESS_CONTROL_MAX_AGE, preflight ? policy.maxAge() : null);
		setIfPresent(writer, CorsHeaderNames.ACCESS_CONTROL_ALLOW_PRIVATE_NETWORK,
				this.allowPrivateNetwork ? "true" : null);
		setIfPresent(writer, HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, preflight ? null : policy.exposeHeaders());
	}

	private static void setIfPresent(HeaderWriter writer, String name, @Nullable String value) {
		if (value != null) {
			writer.set(name, value);
		}
	}

	/**
	 * Keep the application's own {@code Vary} tokens (the CORS ones are the decision's),
	 * then write this decision's headers: for a stack restoring a response.
	 * @param applicationVary the {@code Vary} values the application wrote, or
	 * {@code null}
	 */
	public void writeHeaders(HeaderWriter writer, @Nullable Iterable<String> applicationVary) {
		if (this.policy == null) {
			return;
		}
		for (String token : VaryHeader.foreignTokens(applicationVary)) {
			addVary(writer, token);
		}
		writeHeaders(writer);
	}

	/** The first {@code count} tokens: one new {@code Vary}, else each unless listed. */
	private static void vary(HeaderWriter writer, int count) {
		if (!writer.contains(HttpHeaders.VARY)) {
			writer.set(HttpHeaders.VARY, VARY_JOINED[count - 1]);
			return;
		}
		for (int i = 0; i < count; i++) {
			addVary(writer, VARY[i]);
		}
	}

	/** Add a {@code Vary} token unless the header covers it already. */
	private static void addVary(HeaderWriter writer, String token) {
		if (!VaryHeader.covers(writer.values(HttpHeaders.VARY), token)) {
			writer.add(HttpHeaders.VARY, token);
		}
	}

	/** The headers {@link #writeHeaders} writes, for tests, logs and the actuator. */
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
		return "CorsDecision[" + outcome().tag() + " " + ((this.type != null) ? this.type.tag() : "-") + " policy="
				+ policyName() + " reason=" + this.reason.tag()
				+ ((this.observed != null) ? " observed=" + this.observed : "") + "]";
	}

	/** What a filter enforcing a decision does with the request. */
	public enum Action {

		/** Go on down the filter chain, the decision's headers written. */
		CONTINUE(null),

		/** Answer an allowed preflight itself: {@code 204}, no body. */
		ANSWER_PREFLIGHT(HttpStatus.NO_CONTENT),

		/** Refuse: {@code 403} with {@link CorsDecision#refusalBody()}. */
		REFUSE(HttpStatus.FORBIDDEN);

		private final @Nullable HttpStatus status;

		Action(@Nullable HttpStatus status) {
			this.status = status;
		}

		/** The status the filter answers with, or {@code null} to continue the chain. */
		public @Nullable HttpStatus status() {
			return this.status;
		}

	}

	/**
	 * A response's headers as a decision writes them: each web stack adapts its response
	 * to these four primitives, and the rest is done once, here.
	 */
	public interface HeaderWriter {

		/** Whether the response has the header (names are case-insensitive). */
		boolean contains(String name);

		/** The values of a header, in order; {@code null} or empty when absent. */
		@Nullable Iterable<String> values(String name);

		/** Set a header, replacing any value present. */
		void set(String name, String value);

		/** Add a value to a header, keeping those present. */
		void add(String name, String value);

	}

}
