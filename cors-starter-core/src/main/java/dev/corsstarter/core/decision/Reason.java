package dev.corsstarter.core.decision;

/** Why a decision came out as it did: a small, fixed set, safe as a metric tag. */
public enum Reason {

	ALLOWED("allowed", Outcome.ALLOWED),

	NO_POLICY("no-policy", Outcome.NO_POLICY),

	/** No {@code Origin} header: not a CORS request. */
	NO_ORIGIN("no-origin", Outcome.NOT_CORS),

	/** The origin is the request's own: not a CORS request. */
	SAME_ORIGIN("same-origin", Outcome.NOT_CORS),

	ORIGIN_NOT_ALLOWED("origin-not-allowed", Outcome.REJECTED),

	METHOD_NOT_ALLOWED("method-not-allowed", Outcome.REJECTED),

	HEADER_NOT_ALLOWED("header-not-allowed", Outcome.REJECTED),

	PRIVATE_NETWORK_NOT_ALLOWED("private-network-not-allowed", Outcome.REJECTED),

	/** Missing, empty, repeated, over-long, non-ASCII or otherwise not an origin. */
	MALFORMED_ORIGIN("malformed-origin", Outcome.REJECTED),

	/**
	 * A repeated or invalid {@code Access-Control-Request-Method} or {@code -Headers}.
	 */
	MALFORMED_REQUEST("malformed-request", Outcome.REJECTED);

	private final String tag;

	private final Outcome outcome;

	Reason(String tag, Outcome outcome) {
		this.tag = tag;
		this.outcome = outcome;
	}

	public String tag() {
		return this.tag;
	}

	/** The outcome this reason leads to. */
	public Outcome outcome() {
		return this.outcome;
	}

}
