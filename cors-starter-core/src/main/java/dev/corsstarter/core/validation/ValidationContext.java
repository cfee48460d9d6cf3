package dev.corsstarter.core.validation;

import java.util.List;

/**
 * What the validator needs to know beyond the policies themselves.
 *
 * @param production whether a production profile is active, so production rules apply
 * @param devOrigins extra dev origins or patterns ({@code cors.dev-origins})
 */
public record ValidationContext(boolean production, List<String> devOrigins) {

	/** Outside production, with no extra dev origins. */
	public static final ValidationContext DEFAULT = new ValidationContext(false, List.of());

	public ValidationContext {
		devOrigins = (devOrigins != null) ? List.copyOf(devOrigins) : List.of();
	}

}
