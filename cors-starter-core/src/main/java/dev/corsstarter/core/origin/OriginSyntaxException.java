package dev.corsstarter.core.origin;

/** A configured origin that breaks the grammar, with why and how to fix it. */
public final class OriginSyntaxException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String value;

	private final String fix;

	OriginSyntaxException(String value, String reason, String fix) {
		super(reason);
		this.value = value;
		this.fix = fix;
	}

	public String getValue() {
		return this.value;
	}

	/** Why the value is wrong (the exception message). */
	public String getReason() {
		return getMessage();
	}

	/** The concrete action that resolves it, usually with the corrected value. */
	public String getFix() {
		return this.fix;
	}

}
