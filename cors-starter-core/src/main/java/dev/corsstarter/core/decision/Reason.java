package dev.corsstarter.core.decision;

import java.util.Locale;

/** Why a decision came out as it did: a small, fixed set, safe as a metric tag. */
public enum Reason {

	ALLOWED(Outcome.ALLOWED),

	NO_POLICY(Outcome.NO_POLICY),

	/** No {@code Origin} header: not a CORS request. */
	NO_ORIGIN(Outcome.NOT_CORS),

	/** The origin is the request's own: not a CORS request. */
	SAME_ORIGIN(Outcome.NOT_CORS),

	ORIGIN_NOT_ALLOWED(Outcome.REJECTED),

	METHOD_NOT_ALLOWED(Outcome.REJECTED),

	HEADER_NOT_ALLOWED(Outcome.REJECTED),

	PRIVATE_NETWORK_NOT_ALLOWED(Outcome.REJECTED),

	/** Missing, empty, repeated, over-long, non-ASCII or otherwise not an origin. */
	MALFORMED_ORIGIN(Outcome.REJECTED),

	/** A repeated or invalid {@code Access-Control-Request-*} header. */
	MALFORMED_REQUEST(Outcome.REJECTED);

	private final String tag = name().toLowerCase(Locale.ROOT).replace('_', '-');

	private final Outcome outcome;

	Reason(Outcome outcome) {
		this.outcome = outcome;
	}

	/** The name in lower case, words joined by {@code -}. */
	public String tag() {
		return this.tag;
	}

	/** The outcome this reason leads to. */
	public Outcome outcome() {
		return this.outcome;
	}

}
