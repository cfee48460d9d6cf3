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
import java.util.HashSet;
import java.util.Locale;
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

	/**
	 * The rules as the file writes them, lower case: {@code co.uk}, {@code *.ck},
	 * {@code !www.ck}.
	 */
	private final Set<String> rules = new HashSet<>();

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
	 * Parse a list in the Public Suffix List format: a rule per line, {@code //}
	 * comments.
	 */
	static PublicSuffixes parse(Reader reader) throws IOException {
		PublicSuffixes suffixes = new PublicSuffixes();
		BufferedReader lines = new BufferedReader(reader);
		for (String line = lines.readLine(); line != null; line = lines.readLine()) {
			line = line.strip();
			if (line.startsWith("// VERSION:") && suffixes.version == null) {
				suffixes.version = line.substring("// VERSION:".length()).strip();
			}
			else if (!line.isEmpty() && !line.startsWith("//") && !line.equals("*.")) {
				suffixes.rules.add(line.split("\\s", 2)[0].toLowerCase(Locale.ROOT));
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
		if (suffixes.rules.stream().allMatch(rule -> rule.startsWith("!"))) {
			throw new IllegalStateException("The Public Suffix List " + resource
					+ " has no rule; use the file published at https://publicsuffix.org/list/public_suffix_list.dat");
		}
		suffixes.source = resource.toString();
		return suffixes;
	}

	/**
	 * Whether a lower-case ASCII domain is a public suffix: listed, or matched by a
	 * wildcard rule and no exception.
	 */
	boolean isPublicSuffix(String domain) {
		String parent = parent(domain);
		return this.rules.contains(domain)
				|| (parent != null && this.rules.contains("*." + parent) && !this.rules.contains("!" + domain));
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

	/**
	 * The domain when it is a public suffix, else the simplest rule below it, or null.
	 */
	private @Nullable String spanned(String domain) {
		String below = "." + domain;
		return isPublicSuffix(domain) ? domain
				: this.rules.stream()
					.filter(rule -> !rule.startsWith("!") && rule.endsWith(below))
					.reduce(SIMPLER)
					.orElse(null);
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
