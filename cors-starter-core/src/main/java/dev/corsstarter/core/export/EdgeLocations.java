package dev.corsstarter.core.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import dev.corsstarter.core.policy.CorsPolicy;

/**
 * The nginx {@code location}s of the policies' path patterns, or why there can be none.
 * <p>
 * Exported are the patterns nginx matches exactly as {@link PathPattern} does: literal
 * paths ({@code /api/orders}, an exact {@code location =}) and literal prefixes ending in
 * {@code /**} or {@code /{*rest}} ({@code /api/**}: {@code location = /api} and
 * {@code location ^~ /api/}). Among those, an exact location beats every prefix and the
 * longest prefix beats shorter ones; each overlap is checked against
 * {@link PathPattern#SPECIFICITY_COMPARATOR}, which the engine decides by, and refused
 * where the two would pick different policies. Wildcards within a segment, {@code ?},
 * {@code {var}} captures and regular expressions would need regex locations, which nginx
 * tries in the order they are written rather than by specificity: refused.
 */
final class EdgeLocations {

	/**
	 * Characters of a literal segment that mean the same to nginx's location match and to
	 * PathPattern.
	 */
	private static final Pattern LITERAL = Pattern.compile("(/[A-Za-z0-9._~!&'()+,=:@-]+)*/?");

	private static final Pattern CAPTURE_THE_REST = Pattern.compile("(.*)/\\{\\*[A-Za-z0-9_]+\\}");

	/** A location and the policy it belongs to. */
	record Location(String modifier, String path, int policy, String pattern) {
	}

	/** One exported pattern: a literal path, or a literal prefix of segments. */
	private record Route(int policy, String policyName, String text, PathPattern pattern, String literal,
			boolean prefix) {

		/**
		 * Whether every path this route matches that {@code other} matches too is decided
		 * by both.
		 */
		boolean overlaps(Route other) {
			if (!this.prefix && !other.prefix) {
				return false;
			}
			if (this.prefix && other.prefix) {
				return isUnder(this.literal, other.literal) || isUnder(other.literal, this.literal);
			}
			Route exact = this.prefix ? other : this;
			Route prefixRoute = this.prefix ? this : other;
			return isUnder(exact.literal, prefixRoute.literal);
		}

		private static boolean isUnder(String path, String prefix) {
			return path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
		}

		/** Whether nginx picks this route over {@code other} for the paths both match. */
		boolean winsInNginx(Route other) {
			if (!this.prefix) {
				return true;
			}
			if (!other.prefix) {
				return false;
			}
			return this.literal.length() > other.literal.length();
		}

	}

	private static final Comparator<Route> ENGINE_ORDER = Comparator
		.comparing(Route::pattern, PathPattern.SPECIFICITY_COMPARATOR)
		.thenComparing(Route::text)
		.thenComparing(Route::policyName);

	private EdgeLocations() {
	}

	/**
	 * The locations of every policy, exact ones first, each path once.
	 * @param policies the engine's policies; a location's policy is its index here
	 * @param pathPrefix the context path every location starts with, {@code ""} for none
	 */
	static List<Location> of(List<CorsPolicy> policies, String pathPrefix, Refusals refusals) {
		List<Route> routes = new ArrayList<>();
		for (int i = 0; i < policies.size(); i++) {
			CorsPolicy policy = policies.get(i);
			for (String text : policy.pathPatterns()) {
				Route route = route(i, policy.name(), text, refusals);
				if (route != null) {
					routes.add(route);
				}
			}
		}
		for (int a = 0; a < routes.size(); a++) {
			for (int b = a + 1; b < routes.size(); b++) {
				Route first = routes.get(a);
				Route second = routes.get(b);
				if (first.policy() == second.policy() || !first.overlaps(second)
						|| (first.prefix() == second.prefix() && first.literal().equals(second.literal()))) {
					// the same prefix written twice (/api/** and /api/{*rest}) is one
					// location: the engine's pick
					continue;
				}
				Route engineWinner = (ENGINE_ORDER.compare(first, second) <= 0) ? first : second;
				Route nginxWinner = first.winsInNginx(second) ? first : second;
				if (engineWinner != nginxWinner) {
					refusals.add("path patterns '" + NginxSyntax.printable(engineWinner.text()) + "' (policy '"
							+ NginxSyntax.printable(engineWinner.policyName()) + "') and '"
							+ NginxSyntax.printable(nginxWinner.text()) + "' (policy '"
							+ NginxSyntax.printable(nginxWinner.policyName())
							+ "') overlap: the starter decides by the more specific '"
							+ NginxSyntax.printable(engineWinner.text()) + "', nginx's location match would pick '"
							+ NginxSyntax.printable(nginxWinner.text()) + "'");
				}
			}
		}
		List<Location> exact = new ArrayList<>();
		List<Location> prefixes = new ArrayList<>();
		Set<String> exactPaths = new LinkedHashSet<>();
		Set<String> prefixPaths = new LinkedHashSet<>();
		// literal patterns first: a literal /api beats the /api of a /api/** in another
		// policy
		routes.sort(Comparator.comparing(Route::prefix).thenComparing(ENGINE_ORDER));
		for (Route route : routes) {
			String path = pathPrefix + route.literal();
			if (path.isEmpty()) {
				path = "/";
			}
			if (exactPaths.add(path)) {
				exact.add(new Location("=", path, route.policy(), route.text()));
			}
			String prefixPath = path.endsWith("/") ? path : path + "/";
			if (route.prefix() && prefixPaths.add(prefixPath)) {
				prefixes.add(new Location("^~", prefixPath, route.policy(), route.text()));
			}
		}
		exact.sort(Comparator.comparing(Location::path));
		prefixes.sort(Comparator.comparing(Location::path));
		List<Location> all = new ArrayList<>(exact);
		all.addAll(prefixes);
		return all;
	}

	private static Route route(int policy, String policyName, String text, Refusals refusals) {
		String where = "path pattern '" + NginxSyntax.printable(text) + "' of policy '"
				+ NginxSyntax.printable(policyName) + "'";
		PathPattern pattern;
		try {
			pattern = PathPatternParser.defaultInstance.parse(text);
		}
		catch (RuntimeException ex) {
			refusals.add(where + " is not a valid path pattern");
			return null;
		}
		String literal = text;
		boolean prefix = false;
		Matcher captureTheRest = CAPTURE_THE_REST.matcher(text);
		if (text.endsWith("/**")) {
			literal = text.substring(0, text.length() - 3);
			prefix = true;
		}
		else if (captureTheRest.matches()) {
			literal = captureTheRest.group(1);
			prefix = true;
		}
		if (prefix && literal.isEmpty()) {
			refusals.add(where + " covers every path: nginx's 'location /', which the server block that includes "
					+ "the export already has for the application; give the policy the paths it needs, e.g. /api/**");
			return null;
		}
		if (!text.startsWith("/")) {
			refusals.add(where + " does not start with '/'");
			return null;
		}
		if (literal.indexOf('*') >= 0 || literal.indexOf('?') >= 0 || literal.indexOf('{') >= 0
				|| literal.indexOf('}') >= 0) {
			refusals.add(where + " has a wildcard, '?' or '{...}' capture before its end: nginx could match it only "
					+ "with a regex location, which nginx tries in the order written rather than by the most specific "
					+ "pattern; use literal paths and literal prefixes ending in /** for policies exported to nginx");
			return null;
		}
		if (!LITERAL.matcher(literal).matches() || (prefix && literal.endsWith("/")) || hasDotSegment(literal)) {
			refusals.add(where + " has an empty, '.' or '..' segment, or a character ('%', ';', '\\', '$', a space, "
					+ "non-ASCII) that nginx's decoded, normalised location match reads differently from the pattern");
			return null;
		}
		return new Route(policy, policyName, text, pattern, literal, prefix);
	}

	private static boolean hasDotSegment(String literal) {
		for (String segment : literal.split("/")) {
			if (segment.equals(".") || segment.equals("..")) {
				return true;
			}
		}
		return false;
	}

}
