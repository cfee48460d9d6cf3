package dev.corsstarter.core.export;

import java.util.List;

/**
 * Thrown when the policies cannot be exported to nginx exactly or more strictly: every
 * reason, each naming the policy or value and why nginx cannot express it. Nothing is
 * exported then, so an edge never runs part of the policies.
 */
public class NginxExportException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	private final transient List<String> reasons;

	/**
	 * @param reasons every reason, one per problem, each naming what it refuses
	 */
	public NginxExportException(List<String> reasons) {
		super("The CORS policies cannot be exported to nginx (" + reasons.size()
				+ (reasons.size() == 1 ? " reason" : " reasons") + "):\n  - " + String.join("\n  - ", reasons));
		this.reasons = List.copyOf(reasons);
	}

	/** Why the export was refused, one entry per problem. */
	public List<String> getReasons() {
		return this.reasons;
	}

}
