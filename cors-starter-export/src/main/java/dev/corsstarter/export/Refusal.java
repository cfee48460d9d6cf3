package dev.corsstarter.export;

/**
 * Why policies cannot be exported exactly or more strictly: a rule code, and a reason
 * naming the policy or value it refuses.
 *
 * @param code the rule the export breaks
 * @param reason the explanation, naming what is refused
 */
public record Refusal(Code code, String reason) {

	/** The rules an export can break. */
	public enum Code {

		/** A report-only policy: the edge would enforce what it only reports. */
		REPORT_ONLY_POLICY,

		/** The context path is not literal segments. */
		PATH_PREFIX,

		/** The upstream is not an http(s) URL of a host and optional port. */
		UPSTREAM,

		/** A path pattern covers every path. */
		EVERY_PATH,

		/** A path pattern has a wildcard, {@code ?} or capture before its end. */
		PATTERN_NOT_LITERAL,

		/** A path pattern has a segment or character the edge reads differently. */
		PATTERN_CHARACTERS,

		/** Overlapping path patterns the edge would decide by another policy. */
		OVERLAPPING_PATTERNS,

		/** A value the format cannot hold. */
		UNWRITABLE_VALUE,

		/** The application honours a method override the edge cannot read. */
		METHOD_OVERRIDE,

		/** The application routes under a servlet path. */
		SERVLET_PATH

	}

}
