package dev.corsstarter.core.internal;

/**
 * A configured origin that breaks the grammar, with what kind of fault it is, why, how to
 * fix it and, when one correction is certain, the corrected value.
 */
public final class OriginSyntaxException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	/** What is wrong with a configured origin. */
	public enum Fault {

		/** Not an origin at all: no host, or a bad scheme, port or host name. */
		INVALID,

		/**
		 * An origin written differently from how a browser sends it, so it never matches.
		 */
		NEVER_MATCHES,

		/** A wildcard in a place the grammar does not allow. */
		INVALID_WILDCARD,

		/** A WebSocket scheme, which browsers never send as an origin. */
		WEBSOCKET_SCHEME

	}

	private final Fault fault;

	private final String value;

	private final String fix;

	private final String suggestedValue;

	OriginSyntaxException(Fault fault, String value, String reason, String fix, String suggestedValue) {
		super(reason);
		this.fault = fault;
		this.value = value;
		this.fix = fix;
		this.suggestedValue = suggestedValue;
	}

	public Fault getFault() {
		return this.fault;
	}

	public String getValue() {
		return this.value;
	}

	/** Why the value is wrong (the exception message). */
	public String getReason() {
		return getMessage();
	}

	/**
	 * The concrete action that resolves it, naming the suggested value when there is one.
	 */
	public String getFix() {
		return this.fix;
	}

	/**
	 * The value to write instead, which parses; {@code null} when the fix is advice
	 * rather than one certain correction.
	 */
	public String getSuggestedValue() {
		return this.suggestedValue;
	}

}
