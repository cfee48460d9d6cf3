package dev.corsstarter.core.policy;

import java.util.Locale;

/** Whether a policy's decisions are enforced or only reported. */
public enum PolicyMode {

	/** Answer preflights, refuse what the policy refuses, write the CORS headers. */
	ENFORCE,

	/**
	 * Decide and report (logs, metrics), but neither answer, refuse nor write headers:
	 * for trying a stricter policy on real traffic before enforcing it.
	 */
	REPORT_ONLY;

	/** The mode as configured and tagged: {@code enforce} or {@code report-only}. */
	public String tag() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
