package dev.corsstarter.autoconfigure.diagnostics;

import java.util.List;

import dev.corsstarter.core.validation.InvalidCorsConfigurationException;
import dev.corsstarter.core.validation.Violation;

/**
 * The {@code cors.*} properties cannot be used: unknown keys, values that cannot be read,
 * or policies that fail validation, each violation saying where its value was set.
 */
public class InvalidCorsPropertiesException extends InvalidCorsConfigurationException {

	private static final long serialVersionUID = 1L;

	private final transient List<Violation> unknownKeys;

	/** Every problem found, and every key cors-starter does not define. */
	public InvalidCorsPropertiesException(List<Violation> violations, List<Violation> unknownKeys) {
		super(violations);
		this.unknownKeys = List.copyOf(unknownKeys);
	}

	/** Every key under {@code cors.} that cors-starter does not define. */
	public List<Violation> getUnknownKeys() {
		return this.unknownKeys;
	}

}
