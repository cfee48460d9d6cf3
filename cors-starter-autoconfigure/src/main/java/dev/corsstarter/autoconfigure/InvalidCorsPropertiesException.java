package dev.corsstarter.autoconfigure;

import java.util.List;

import dev.corsstarter.core.validation.InvalidCorsConfigurationException;
import dev.corsstarter.core.validation.Violation;

/**
 * Thrown when the {@code cors.*} properties cannot be used: keys cors-starter does not
 * define, values that cannot be read (e.g. a {@code max-age} that is not a duration), or
 * policies that fail validation. Each violation says where its value was set.
 */
public class InvalidCorsPropertiesException extends InvalidCorsConfigurationException {

	private static final long serialVersionUID = 1L;

	private final transient List<Violation> unknownKeys;

	/**
	 * @param violations every problem found, errors first
	 * @param unknownKeys every key under {@code cors.} cors-starter does not define:
	 * errors when {@code cors.unknown-keys=fail} (then also among the violations),
	 * warnings when {@code warn}
	 */
	public InvalidCorsPropertiesException(List<Violation> violations, List<Violation> unknownKeys) {
		super(violations);
		this.unknownKeys = List.copyOf(unknownKeys);
	}

	/** Every key under {@code cors.} that cors-starter does not define. */
	public List<Violation> getUnknownKeys() {
		return this.unknownKeys;
	}

}
