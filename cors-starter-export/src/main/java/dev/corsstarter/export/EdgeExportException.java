package dev.corsstarter.export;

import java.util.Collection;
import java.util.List;

/**
 * Thrown when the policies cannot be exported exactly or more strictly, with every
 * {@link Refusal}. Nothing is exported then, so an edge never runs part of the policies.
 */
public class EdgeExportException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final transient List<Refusal> refusals;

	/**
	 * @param format the format refused, such as {@code nginx}
	 * @param refusals every reason, one per problem
	 */
	public EdgeExportException(String format, Collection<Refusal> refusals) {
		super("The CORS policies cannot be exported to " + format + " (" + refusals.size()
				+ ((refusals.size() == 1) ? " reason" : " reasons") + "):\n  - "
				+ String.join("\n  - ", refusals.stream().map(Refusal::reason).toList()));
		this.refusals = List.copyOf(refusals);
	}

	/** Why the export was refused, one entry per problem. */
	public List<Refusal> getRefusals() {
		return this.refusals;
	}

}
