package dev.corsstarter.core.internal.validation;

import dev.corsstarter.core.validation.InvalidCorsConfigurationException;
import dev.corsstarter.core.validation.Severity;
import dev.corsstarter.core.validation.ValidationContext;
import dev.corsstarter.core.validation.Violation;
import dev.corsstarter.core.validation.ViolationRule;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Mozilla's Public Suffix List (its ICANN and PRIVATE sections), parsed and matched here,
 * with no library on the application's class path.
 * <p>
 * <b>Which list.</b> The jar carries a copy at {@value #BUNDLED}, copied at build time
 * from the one Apache HttpClient 5 publishes (the version Spring Boot manages), so each
 * release of this project ships the list current when it was built. The list is
 * distributed under the Mozilla Public License 2.0: its header is kept in the file, and
 * {@code META-INF/LICENSE-publicsuffix.txt} carries the licence. An application that
 * needs a newer list puts one (the file published at
 * {@code https://publicsuffix.org/list/public_suffix_list.dat}) on its class path at
 * {@value #OVERRIDE}, e.g.
 * {@code src/main/resources/META-INF/cors-starter/public_suffix_list.dat}; when present
 * it is used instead of the bundled copy.
 * <p>
 * <b>Format.</b> One rule per line, read up to the first whitespace; lines starting with
 * {@code //} are comments, except the section markers
 * {@code // ===BEGIN ICANN DOMAINS===} and {@code // ===BEGIN PRIVATE DOMAINS===}. A rule
 * is a domain ({@code co.uk}), a wildcard {@code *.Y} (every child of Y is a suffix, e.g.
 * {@code *.ck}), or an exception {@code !X} (X is not a suffix although a wildcard covers
 * it, e.g. {@code !www.ck}). Rules of both sections count (a wildcard over
 * {@code *.github.io} admits sites of other parties just as {@code *.co.uk} does); rules
 * outside any section, as in a hand-written list, count too.
 * <p>
 * <b>Matching.</b> The list is parsed once, on first use ({@link #get()}). Rules are kept
 * as the file writes them (internationalised ones in Unicode); a configured host, always
 * ASCII, is also looked up in Unicode form when it has a punycode ({@code xn--}) label,
 * so the IDNA conversion is paid only then. Only rules listed in the file count: the
 * list's implicit {@code *} rule (every unlisted top-level label is a suffix) is not
 * applied, because unlisted single labels such as {@code corp} or {@code lan} are private
 * namespaces, not public registries.
 */
final class PublicSuffixes {

	/** Where the build puts the list inside cors-starter-core's jar. */
	static final String BUNDLED = "dev/corsstarter/core/psl/public_suffix_list.dat";

	/**
	 * Where an application may put a newer list; used instead of {@link #BUNDLED} when
	 * present.
	 */
	static final String OVERRIDE = "META-INF/cors-starter/public_suffix_list.dat";

	private static final String BEGIN_ICANN = "===BEGIN ICANN DOMAINS===";

	private static final String BEGIN_PRIVATE = "===BEGIN PRIVATE DOMAINS===";

	private static final String VERSION_PREFIX = "// VERSION:";

	/** Explicit rules such as {@code com}, {@code co.uk}, {@code github.io}. */
	private final Set<String> rules = new HashSet<>();

	/**
	 * {@code Y} for every wildcard rule {@code *.Y}, e.g. {@code ck} for {@code *.ck}.
	 */
	private final Set<String> wildcardParents = new HashSet<>();

	/** Exception rules without their {@code !}, e.g. {@code www.ck}. */
	private final Set<String> exceptions = new HashSet<>();

	/** For a domain with rules strictly below it, the shortest such rule. */
	private final Map<String, String> ruleBelow = new HashMap<>();

	private int icannRules;

	private int privateRules;

	private String version;

	private String source = "(parsed)";

	private PublicSuffixes() {
	}

	/**
	 * The list in use (the override when present, else the bundled copy), loaded on first
	 * call.
	 */
	static PublicSuffixes get() {
		return Holder.INSTANCE;
	}

	/** Parse a list in the Public Suffix List file format. */
	static PublicSuffixes parse(Reader reader) throws IOException {
		PublicSuffixes suffixes = new PublicSuffixes();
		BufferedReader lines = (reader instanceof BufferedReader buffered) ? buffered : new BufferedReader(reader);
		Section section = Section.NONE;
		String line;
		while ((line = lines.readLine()) != null) {
			line = line.strip();
			if (line.isEmpty()) {
				continue;
			}
			if (line.startsWith("//")) {
				if (line.contains(BEGIN_ICANN)) {
					section = Section.ICANN;
				}
				else if (line.contains(BEGIN_PRIVATE)) {
					section = Section.PRIVATE;
				}
				else if (line.contains("===END ")) {
					section = Section.NONE;
				}
				else if (line.startsWith(VERSION_PREFIX) && suffixes.version == null) {
					suffixes.version = line.substring(VERSION_PREFIX.length()).strip();
				}
				continue;
			}
			int space = indexOfWhitespace(line);
			String rule = (space < 0) ? line : line.substring(0, space);
			suffixes.add(rule, section);
		}
		return suffixes;
	}

	/**
	 * Load the list a class loader provides: {@value #OVERRIDE} when it has one, else
	 * {@value #BUNDLED}.
	 * @throws IllegalStateException when neither is present, or the list found has no
	 * rule
	 */
	static PublicSuffixes load(ClassLoader classLoader) {
		URL resource = classLoader.getResource(OVERRIDE);
		if (resource == null) {
			resource = classLoader.getResource(BUNDLED);
		}
		if (resource == null) {
			throw new IllegalStateException("The Public Suffix List " + BUNDLED
					+ " is missing from the class path; it is part of the cors-starter-core jar.");
		}
		PublicSuffixes suffixes;
		try (InputStream in = resource.openStream();
				Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
			suffixes = parse(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the Public Suffix List " + resource, ex);
		}
		if (suffixes.ruleCount() == 0) {
			throw new IllegalStateException("The Public Suffix List " + resource
					+ " has no rule; use the file published at https://publicsuffix.org/list/public_suffix_list.dat");
		}
		suffixes.source = resource.toString();
		return suffixes;
	}

	private void add(String rule, Section section) {
		if (rule.startsWith("!")) {
			this.exceptions.add(rule.substring(1).toLowerCase(Locale.ROOT));
			return;
		}
		boolean wildcard = rule.startsWith("*.");
		String base = (wildcard ? rule.substring(2) : rule).toLowerCase(Locale.ROOT);
		if (base.isEmpty()) {
			return;
		}
		if (section == Section.ICANN) {
			this.icannRules++;
		}
		else if (section == Section.PRIVATE) {
			this.privateRules++;
		}
		String normalized = wildcard ? "*." + base : base;
		String ancestor;
		if (wildcard) {
			this.wildcardParents.add(base);
			ancestor = base;
		}
		else {
			this.rules.add(base);
			ancestor = parent(base);
		}
		while (ancestor != null) {
			this.ruleBelow.merge(ancestor, normalized, PublicSuffixes::simpler);
			ancestor = parent(ancestor);
		}
	}

	/**
	 * Whether {@code domain} (lower-case ASCII) is itself a public suffix: listed
	 * explicitly, or matched by a wildcard rule and not by an exception.
	 */
	boolean isPublicSuffix(String domain) {
		if (this.rules.contains(domain)) {
			return true;
		}
		String parent = parent(domain);
		return parent != null && this.wildcardParents.contains(parent) && !this.exceptions.contains(domain);
	}

	/**
	 * The public suffix a subdomain wildcard {@code *.domain} spans: {@code domain}
	 * itself when it is a public suffix, otherwise the simplest rule strictly below it
	 * (e.g. {@code s3.amazonaws.com} for {@code amazonaws.com}, {@code *.ck} for
	 * {@code ck}), or {@code null} when every host the wildcard matches belongs to the
	 * registrable domain(s) of one owner. {@code domain} is lower-case ASCII; the result
	 * is too.
	 */
	String suffixSpannedBySubdomainsOf(String domain) {
		String suffix = spanned(domain);
		if (suffix == null && domain.contains("xn--")) {
			String unicode = toUnicode(domain);
			if (!unicode.equals(domain)) {
				suffix = spanned(unicode);
				if (suffix != null) {
					suffix = suffix.startsWith("*.") ? "*." + toAscii(suffix.substring(2)) : toAscii(suffix);
				}
			}
		}
		return suffix;
	}

	/** Rules (normal and wildcard, not exceptions) read from the ICANN section. */
	int icannRuleCount() {
		return this.icannRules;
	}

	/** Rules (normal and wildcard, not exceptions) read from the PRIVATE section. */
	int privateRuleCount() {
		return this.privateRules;
	}

	/** Rules (normal and wildcard, not exceptions) read from anywhere in the list. */
	int ruleCount() {
		return this.rules.size() + this.wildcardParents.size();
	}

	/** The list's {@code // VERSION:} line, or {@code null} when it has none. */
	String version() {
		return this.version;
	}

	/** Where the list was read from. */
	String source() {
		return this.source;
	}

	private String spanned(String domain) {
		if (isPublicSuffix(domain)) {
			return domain;
		}
		return this.ruleBelow.get(domain);
	}

	private static int indexOfWhitespace(String line) {
		for (int i = 0; i < line.length(); i++) {
			if (Character.isWhitespace(line.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

	private static String parent(String domain) {
		int dot = domain.indexOf('.');
		return (dot >= 0 && dot < domain.length() - 1) ? domain.substring(dot + 1) : null;
	}

	/**
	 * Prefer the rule with fewer labels, then the shorter, then the alphabetically first.
	 */
	private static String simpler(String a, String b) {
		int byLabels = Integer.compare(dots(a), dots(b));
		if (byLabels != 0) {
			return (byLabels < 0) ? a : b;
		}
		if (a.length() != b.length()) {
			return (a.length() < b.length()) ? a : b;
		}
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static int dots(String domain) {
		int dots = 0;
		for (int i = 0; i < domain.length(); i++) {
			if (domain.charAt(i) == '.') {
				dots++;
			}
		}
		return dots;
	}

	private static String toUnicode(String domain) {
		try {
			return IDN.toUnicode(domain, IDN.ALLOW_UNASSIGNED);
		}
		catch (IllegalArgumentException ex) {
			return domain;
		}
	}

	private static String toAscii(String domain) {
		try {
			return IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			return domain.toLowerCase(Locale.ROOT);
		}
	}

	private enum Section {

		NONE, ICANN, PRIVATE

	}

	private static final class Holder {

		static final PublicSuffixes INSTANCE = load(classLoader());

		private static ClassLoader classLoader() {
			ClassLoader loader = PublicSuffixes.class.getClassLoader();
			return (loader != null) ? loader : ClassLoader.getSystemClassLoader();
		}

	}

}
