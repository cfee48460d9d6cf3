package dev.corsstarter.core.decision;

import org.jspecify.annotations.Nullable;

/**
 * A response's headers as a decision writes them: each web stack adapts its response to
 * these four primitives, and everything else (which headers, {@code Vary} merging, the
 * application's {@code Vary} tokens) is done once, in {@link CorsDecision}.
 */
public interface HeaderWriter {

	/** Whether the response has the header (names are case-insensitive). */
	boolean contains(String name);

	/** The values of a header, in order; {@code null} or empty when absent. */
	@Nullable Iterable<String> values(String name);

	/** Set a header, replacing any value already present. */
	void set(String name, String value);

	/** Add a value to a header, keeping those already present. */
	void add(String name, String value);

}
