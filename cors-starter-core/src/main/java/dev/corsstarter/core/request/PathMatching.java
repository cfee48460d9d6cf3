package dev.corsstarter.core.request;

/**
 * How the application's handler mappings match paths beyond Spring's defaults: a path
 * such a mapping would match selects a policy too, and the stricter decision wins.
 *
 * @param caseInsensitive paths match ignoring case ({@code /API/items} reaches
 * {@code /api/items})
 * @param trailingSlash a trailing {@code /} is ignored ({@code /api/items/} reaches
 * {@code /api/items})
 */
public record PathMatching(boolean caseInsensitive, boolean trailingSlash) {

	/** Spring's defaults: case-sensitive, a trailing slash is part of the path. */
	public static final PathMatching DEFAULT = new PathMatching(false, false);

	/** Every widening on: what to assume while the application's routing is not known. */
	public static final PathMatching WIDEST = new PathMatching(true, true);

	/** Whether any option widens what a path pattern matches beyond Spring's defaults. */
	public boolean isWidened() {
		return this.caseInsensitive || this.trailingSlash;
	}

}
