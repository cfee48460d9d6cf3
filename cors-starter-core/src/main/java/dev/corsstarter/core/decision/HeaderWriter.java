package dev.corsstarter.core.decision;

/** Where a decision writes its response headers; each web stack adapts its response to it. */
public interface HeaderWriter {

	/** Set a header, replacing any value already present. */
	void set(String name, String value);

	/** Add one token to {@code Vary} unless already present (compared case-insensitively). */
	void vary(String token);

}
