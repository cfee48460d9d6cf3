package dev.corsstarter.core.decision;

/** The result of deciding a request. */
public enum Outcome {

	/** A cross-origin request the policy allows. */
	ALLOWED("allowed"),

	/** A cross-origin request the policy refuses. */
	REJECTED("rejected"),

	/** A request on a policy path that is not cross-origin. */
	NOT_CORS("not-cors"),

	/** No policy covers the path: the request is left completely untouched. */
	NO_POLICY("no-policy");

	private final String tag;

	Outcome(String tag) {
		this.tag = tag;
	}

	public String tag() {
		return this.tag;
	}

}
