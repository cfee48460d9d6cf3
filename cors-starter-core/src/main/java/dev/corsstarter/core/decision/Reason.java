package dev.corsstarter.core.decision;

/** Why a decision came out as it did; a small, fixed set, safe as a metric tag. */
public enum Reason {

	ALLOWED("allowed"),
	NO_POLICY("no-policy"),
	NO_ORIGIN("no-origin"),
	SAME_ORIGIN("same-origin"),
	ORIGIN_NOT_ALLOWED("origin-not-allowed"),
	METHOD_NOT_ALLOWED("method-not-allowed"),
	HEADER_NOT_ALLOWED("header-not-allowed"),
	PRIVATE_NETWORK_NOT_ALLOWED("private-network-not-allowed"),
	/** Missing, empty, repeated, over-long, non-ASCII or otherwise not a serialised origin. */
	MALFORMED_ORIGIN("malformed-origin"),
	/** A repeated or invalid {@code Access-Control-Request-Method} or {@code -Headers}. */
	MALFORMED_REQUEST("malformed-request");

	private final String tag;

	Reason(String tag) {
		this.tag = tag;
	}

	public String tag() {
		return this.tag;
	}

}
