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

/** Mozilla's Public Suffix List (bundled, or an application's newer copy). */
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

	/** The rules as the file writes them, lower case. */
	private final Set<String> rules = new HashSet<>();

	private @Nullable String version;

	private String source = "(parsed)";

	private PublicSuffixes() {
	}

	/** The list in use, loaded once. */
	static PublicSuffixes get() {
		return Holder.INSTANCE;
	}

	/** Parse a list in the Public Suffix List format. */
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

	/** Load {@value #OVERRIDE}, else {@value #BUNDLED}, from a class loader. */
	static PublicSuffixes load(ClassLoader classLoader) {
		URL resource = classLoader.getResource(OVERRIDE);
		resource = (resource != null) ? resource : classLoader.getResource(BUNDLED);
		if (resource == null) {
			throw new IllegalStateException("The Public Suffix List " + BUNDLED
					+ " is missing from the class path; it is part of the cors-starter-core jar.");
		}
		try (Reader reader = new InputStreamReader(resource.openStream(), StandardCharsets.UTF_8)) {
			PublicSuffixes suffixes = parse(reader);
			if (suffixes.rules.stream().allMatch(rule -> rule.startsWith("!"))) {
				throw new IllegalStateException("The Public Suffix List " + resource
						+ " has no rule; use the file published at https://publicsuffix.org/list/public_suffix_list.dat");
			}
			suffixes.source = resource.toString();
			return suffixes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the Public Suffix List " + resource, ex);
		}
	}

	/** Whether a lower-case ASCII domain is a public suffix. */
	boolean isPublicSuffix(String domain) {
		// no implicit '*' rule: an unlisted single label such as corp is private
		String parent = parent(domain);
		return this.rules.contains(domain)
				|| (parent != null && this.rules.contains("*." + parent) && !this.rules.contains("!" + domain));
	}

	/** The public suffix {@code *.domain} spans, or {@code null}. */
	@Nullable String suffixSpannedBySubdomainsOf(String domain) {
		String suffix = spanned(domain);
		if (suffix == null && domain.contains("xn--")) {
			// rules are written in Unicode; IDN leaves a wildcard's '*' label as it is
			suffix = spanned(IDN.toUnicode(domain, IDN.ALLOW_UNASSIGNED));
			return (suffix != null) ? toAscii(suffix) : null;
		}
		return suffix;
	}

	/** The domain when it is a public suffix, else the simplest rule below it. */
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
