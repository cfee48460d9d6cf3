package dev.corsstarter.core.decision;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.corsstarter.core.internal.OriginMatcher;
import dev.corsstarter.core.internal.OriginPattern;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;
import dev.corsstarter.core.request.RequestType;

/** A validated policy with its tables, header values and request-free decisions. */
final class CompiledPolicy {

	private final CorsPolicy policy;

	private final OriginMatcher origins;

	private final boolean anyMethod;

	private final String allowMethods;

	private final boolean anyHeader;

	private final String[] headersLowerCase;

	private final @Nullable String allowHeaders;

	private final @Nullable String exposeHeaders;

	private final String maxAge;

	private final boolean wildcardOrigin;

	private final @Nullable CorsDecision actualAllowedWildcard;

	/** Decisions writing only {@code Vary}, by request type (row 0: none) and reason. */
	private final CorsDecision[][] varyOnly = new CorsDecision[RequestType.values().length + 1][Reason.values().length];

	/** Compile a valid policy from the origins its validation parsed. */
	CompiledPolicy(CorsPolicy policy, List<OriginPattern> origins) {
		this.policy = policy;
		this.origins = OriginMatcher.of(origins);
		this.anyMethod = policy.allowedMethods().contains("*");
		this.allowMethods = String.join(", ", policy.allowedMethods().stream().distinct().toList());
		this.anyHeader = policy.allowedHeaders().contains("*");
		this.headersLowerCase = policy.allowedHeaders()
			.stream()
			.map((header) -> header.toLowerCase(Locale.ROOT))
			.distinct()
			.toArray(String[]::new);
		this.allowHeaders = policy.allowedHeaders().isEmpty() ? null : String.join(", ", policy.allowedHeaders());
		this.exposeHeaders = policy.exposedHeaders().isEmpty() ? null : String.join(", ", policy.exposedHeaders());
		this.maxAge = Long.toString(policy.maxAge().toSeconds());
		this.wildcardOrigin = this.origins.allowsAny() && !policy.allowCredentials();
		this.actualAllowedWildcard = this.wildcardOrigin ? actualAllowedAs("*") : null;
		for (int row = 0; row < this.varyOnly.length; row++) {
			RequestType type = (row > 0) ? RequestType.values()[row - 1] : null;
			for (Reason reason : Reason.values()) {
				this.varyOnly[row][reason.ordinal()] = new CorsDecision(type, reason, this, null, null, null, false,
						null);
			}
		}
	}

	CorsPolicy policy() {
		return this.policy;
	}

	String name() {
		return this.policy.name();
	}

	PolicyMode mode() {
		return this.policy.mode();
	}

	OriginMatcher origins() {
		return this.origins;
	}

	boolean allowsMethod(String method) {
		return this.anyMethod || this.policy.allowedMethods().contains(method);
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

	boolean anyHeader() {
		return this.anyHeader;
	}

	@Nullable String allowHeaders() {
		return this.allowHeaders;
	}

	@Nullable String exposeHeaders() {
		return this.exposeHeaders;
	}

	String maxAge() {
		return this.maxAge;
	}

	CorsDecision actualAllowed(String origin) {
		return (this.actualAllowedWildcard != null) ? this.actualAllowedWildcard : actualAllowedAs(origin);
	}

	private CorsDecision actualAllowedAs(String allowOrigin) {
		return new CorsDecision(RequestType.ACTUAL, Reason.ALLOWED, this, allowOrigin, null, null, false, null);
	}

	/** An allowed preflight of {@code method}; no {@code allowHeaders}: none asked. */
	CorsDecision preflightAllowed(String origin, String method, @Nullable String allowHeaders, boolean privateNetwork) {
		return new CorsDecision(RequestType.PREFLIGHT, Reason.ALLOWED, this, this.wildcardOrigin ? "*" : origin,
				this.anyMethod ? method : this.allowMethods, allowHeaders, privateNetwork, null);
	}

	/**
	 * The decision writing only {@code Vary}: not cross-origin ({@code type} null),
	 * rejected, or an allowed WebSocket handshake (browsers do not apply CORS to one).
	 */
	CorsDecision decision(@Nullable RequestType type, Reason reason) {
		return this.varyOnly[(type != null) ? type.ordinal() + 1 : 0][reason.ordinal()];
	}

	@Override
	public String toString() {
		return "CompiledPolicy[" + name() + "]";
	}

}
