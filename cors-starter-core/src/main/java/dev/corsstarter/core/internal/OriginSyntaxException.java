package dev.corsstarter.core.internal;

import org.jspecify.annotations.Nullable;

/** A configured origin that breaks the grammar: why, the fix and any corrected value. */
public final class OriginSyntaxException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/** What is wrong with a configured origin. */
	public enum Fault {

		/** Not an origin at all: no host, or a bad scheme, port or host name. */
		INVALID,

		/** Written differently from how a browser sends it, so it never matches. */
		NEVER_MATCHES,

		/** A wildcard in a place the grammar does not allow. */
		INVALID_WILDCARD,

		/** A WebSocket scheme, which browsers never send as an origin. */
		WEBSOCKET_SCHEME

	}

	private final Fault fault;

	private final String fix;

	private final @Nullable String suggestedValue;

	OriginSyntaxException(Fault fault, String reason, String fix, @Nullable String suggestedValue) {
		super(reason);
		this.fault = fault;
		this.fix = fix;
		this.suggestedValue = suggestedValue;
	}

	public Fault getFault() {
		return this.fault;
	}

	public String getReason() {
		return getMessage();
	}

	/** The action that resolves it, naming the suggested value when there is one. */
	public String getFix() {
		return this.fix;
	}

	/** The value to write instead, or {@code null} when the fix is advice. */
	public @Nullable String getSuggestedValue() {
		return this.suggestedValue;
	}

}
