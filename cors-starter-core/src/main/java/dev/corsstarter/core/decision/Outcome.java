package dev.corsstarter.core.decision;

import java.util.Locale;

/** The result of deciding a request. */
public enum Outcome {

	/** A cross-origin request the policy allows. */
	ALLOWED,

	/** A cross-origin request the policy refuses. */
	REJECTED,

	/** A request on a policy path that is not cross-origin. */
	NOT_CORS,

	/** No policy covers the path: the request is left completely untouched. */
	NO_POLICY;

	private final String tag = name().toLowerCase(Locale.ROOT).replace('_', '-');

	/** The name in lower case, words joined by {@code -}. */
	public String tag() {
		return this.tag;
	}

}
