package dev.corsstarter.core.request;

/**
 * How the application's handler mappings match request paths where that goes beyond
 * Spring's defaults, so that policies match every path a handler may be reached by. A
 * path such a mapping would match selects a policy too, and the stricter decision wins.
 *
 * @param caseInsensitive the application matches paths ignoring case (a
 * {@code PathPatternParser} or {@code AntPathMatcher} with case sensitivity off), so
 * {@code /API/items} reaches the handler of {@code /api/items}
 * @param trailingSlash the application matches a path with a trailing {@code /} as the
 * path without it (Spring Framework 6's deprecated trailing-slash matching), so
 * {@code /api/items/} reaches the handler of {@code /api/items}
 */
public record PathMatching(boolean caseInsensitive, boolean trailingSlash) {

	/** Spring's defaults: case-sensitive, a trailing slash is part of the path. */
	public static final PathMatching DEFAULT = new PathMatching(false, false);

	/**
	 * Every widening option on: what to assume while the application's routing is not
	 * known.
	 */
	public static final PathMatching WIDEST = new PathMatching(true, true);

	/** Whether any option widens what a path pattern matches beyond Spring's defaults. */
	public boolean isWidened() {
		return this.caseInsensitive || this.trailingSlash;
	}

}
