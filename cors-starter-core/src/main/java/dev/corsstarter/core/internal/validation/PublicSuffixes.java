package dev.corsstarter.core.internal.validation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * Mozilla's Public Suffix List, its ICANN and PRIVATE sections alike, with no library on
 * the application's class path: the build copies the list Apache HttpClient 5 publishes
 * to {@value #BUNDLED} (its MPL 2.0 licence in
 * {@code META-INF/LICENSE-publicsuffix.txt}), and an application may put a newer one at
 * {@value #OVERRIDE}. Rules are kept as the file writes them (IDN ones in Unicode), and
 * the list's implicit {@code *} rule is not applied: unlisted single labels such as
 * {@code corp} are private namespaces.
 */
final class PublicSuffixes {

	/** Where the build puts the list inside cors-starter-core's jar. */
	static final String BUNDLED = "dev/corsstarter/core/psl/public_suffix_list.dat";

	/** Where an application may put a newer list, used instead of the bundled one. */
	static final String OVERRIDE = "META-INF/cors-starter/public_suffix_list.dat";

	/** Fewer labels first, then shorter, then alphabetically first. */
	private static final BinaryOperator<String> SIMPLER = BinaryOperator
		.minBy(Comparator.comparingLong((String rule) -> rule.chars().filter(c -> c == '.').count())
			.thenComparingInt(String::length)
			.thenComparing(Comparator.naturalOrder()));

	/** Explicit rules such as {@code com}, {@code co.uk}, {@code github.io}. */
	private final Set<String> rules = new HashSet<>();

	/** {@code Y} for every wildcard rule {@code *.Y}. */
	private final Set<String> wildcardParents = new HashSet<>();

	/** Exception rules without their {@code !}, e.g. {@code www.ck}. */
	private final Set<String> exceptions = new HashSet<>();

	/** For a domain with rules strictly below it, the simplest such rule. */
	private final Map<String, String> ruleBelow = new HashMap<>();

	/** Rules (not exceptions) per section: ICANN, PRIVATE. */
	private final Map<String, Integer> sectionRules = new HashMap<>();

	private @Nullable String version;

	private String source = "(parsed)";

	private PublicSuffixes() {
	}

	/**
	 * The list in use (the override when present, else the bundled copy), loaded once.
	 */
	static PublicSuffixes get() {
		return Holder.INSTANCE;
	}

	/**
	 * Parse a list in the Public Suffix List format: a rule per line up to the first
	 * whitespace, {@code //} comments, among them the section markers and the version.
	 */
	static PublicSuffixes parse(Reader reader) throws IOException {
		PublicSuffixes suffixes = new PublicSuffixes();
		String section = null;
		BufferedReader lines = new BufferedReader(reader);
		for (String line = lines.readLine(); line != null; line = lines.readLine()) {
			line = line.strip();
			if (line.startsWith("//")) {
				section = line.contains("===BEGIN ICANN") ? "ICANN"
						: line.contains("===BEGIN PRIVATE") ? "PRIVATE" : line.contains("===END ") ? null : section;
				if (line.startsWith("// VERSION:") && suffixes.version == null) {
					suffixes.version = line.substring("// VERSION:".length()).strip();
				}
			}
			else if (!line.isEmpty()) {
				suffixes.add(line.split("\\s", 2)[0].toLowerCase(Locale.ROOT), section);
			}
		}
		return suffixes;
	}

	/**
	 * Load the list a class loader provides: {@value #OVERRIDE}, else {@value #BUNDLED}.
	 * @throws IllegalStateException when neither is present, or the one found has no rule
	 */
	static PublicSuffixes load(ClassLoader classLoader) {
		URL resource = classLoader.getResource(OVERRIDE);
		resource = (resource != null) ? resource : classLoader.getResource(BUNDLED);
		if (resource == null) {
			throw new IllegalStateException("The Public Suffix List " + BUNDLED
					+ " is missing from the class path; it is part of the cors-starter-core jar.");
		}
		PublicSuffixes suffixes;
		try (Reader reader = new InputStreamReader(resource.openStream(), StandardCharsets.UTF_8)) {
			suffixes = parse(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the Public Suffix List " + resource, ex);
		}
		if (suffixes.rules.isEmpty() && suffixes.wildcardParents.isEmpty()) {
			throw new IllegalStateException("The Public Suffix List " + resource
					+ " has no rule; use the file published at https://publicsuffix.org/list/public_suffix_list.dat");
		}
		suffixes.source = resource.toString();
		return suffixes;
	}

	private void add(String rule, @Nullable String section) {
		if (rule.startsWith("!")) {
			this.exceptions.add(rule.substring(1));
			return;
		}
		boolean wildcard = rule.startsWith("*.");
		String base = wildcard ? rule.substring(2) : rule;
		if (base.isEmpty()) {
			return;
		}
		if (section != null) {
			this.sectionRules.merge(section, 1, Integer::sum);
		}
		(wildcard ? this.wildcardParents : this.rules).add(base);
		for (String above = wildcard ? base : parent(base); above != null; above = parent(above)) {
			this.ruleBelow.merge(above, wildcard ? "*." + base : base, SIMPLER);
		}
	}

	/**
	 * Whether a lower-case ASCII domain is a public suffix: listed, or matched by a
	 * wildcard rule and no exception.
	 */
	boolean isPublicSuffix(String domain) {
		String parent = parent(domain);
		return this.rules.contains(domain)
				|| (parent != null && this.wildcardParents.contains(parent) && !this.exceptions.contains(domain));
	}

	/**
	 * The public suffix a subdomain wildcard {@code *.domain} spans: {@code domain} when
	 * it is one, else the simplest rule below it ({@code s3.amazonaws.com} for
	 * {@code amazonaws.com}, {@code *.ck} for {@code ck}), or {@code null}. In and out in
	 * lower-case ASCII; a punycode domain is also looked up in Unicode.
	 */
	@Nullable String suffixSpannedBySubdomainsOf(String domain) {
		String suffix = spanned(domain);
		String unicode = (suffix == null && domain.contains("xn--")) ? IDN.toUnicode(domain, IDN.ALLOW_UNASSIGNED)
				: domain;
		if (!unicode.equals(domain)) {
			suffix = spanned(unicode);
			if (suffix != null) {
				suffix = suffix.startsWith("*.") ? "*." + toAscii(suffix.substring(2)) : toAscii(suffix);
			}
		}
		return suffix;
	}

	private @Nullable String spanned(String domain) {
		return isPublicSuffix(domain) ? domain : this.ruleBelow.get(domain);
	}

	int icannRuleCount() {
		return this.sectionRules.getOrDefault("ICANN", 0);
	}

	int privateRuleCount() {
		return this.sectionRules.getOrDefault("PRIVATE", 0);
	}

	/** The list's {@code // VERSION:} line, or {@code null}. */
	@Nullable String version() {
		return this.version;
	}

	/** Where the list was read from. */
	String source() {
		return this.source;
	}

	/** The domain without its first label, or {@code null} for a single label. */
	static @Nullable String parent(String domain) {
		int dot = domain.indexOf('.');
		return (dot >= 0 && dot < domain.length() - 1) ? domain.substring(dot + 1) : null;
	}

	private static String toAscii(String domain) {
		try {
			return IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			return domain;
		}
	}

	private static final class Holder {

		static final PublicSuffixes INSTANCE = load((PublicSuffixes.class.getClassLoader() != null)
				? PublicSuffixes.class.getClassLoader() : ClassLoader.getSystemClassLoader());

	}

}
