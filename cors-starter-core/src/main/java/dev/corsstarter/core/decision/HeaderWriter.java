package dev.corsstarter.core.decision;

/** Where a decision writes its response headers; each web stack adapts its response to it. */
public interface HeaderWriter {

	/** Set a header, replacing any value already present. */
	void set(String name, String value);

	/** Add one token to {@code Vary} unless already present (compared case-insensitively). */
	void vary(String token);

	/**
	 * Add tokens to {@code Vary}, each unless already present. A writer whose response has no
	 * {@code Vary} yet can set {@code joined} (the tokens joined with {@code ", "}) in one write.
	 */
	default void vary(String[] tokens, String joined) {
		for (String token : tokens) {
			vary(token);
		}
	}

}
