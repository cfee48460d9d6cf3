package dev.corsstarter.core.policy;

import java.util.Locale;

/** Whether a policy's decisions are enforced or only reported. */
public enum PolicyMode {

	/** Answer preflights, refuse what the policy refuses, write the CORS headers. */
	ENFORCE,

	/** Decide and report, but never act: to try a stricter policy first. */
	REPORT_ONLY;

	/** The mode as configured and tagged: {@code enforce} or {@code report-only}. */
	public String tag() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
