package dev.corsstarter.core.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.hc.client5.http.psl.DomainType;
import org.apache.hc.client5.http.psl.PublicSuffixList;
import org.apache.hc.client5.http.psl.PublicSuffixListParser;
import org.apache.hc.client5.http.psl.PublicSuffixMatcherLoader;

/**
 * Mozilla's Public Suffix List (ICANN and PRIVATE sections) as bundled with Apache HttpClient 5
 * at {@value #RESOURCE}, resolved through the class loader exactly as
 * {@link PublicSuffixMatcherLoader#getDefault()} does, so the list is refreshed with each
 * httpclient5 version (managed by Spring Boot), and a newer copy placed at the same resource path
 * earlier on the class path wins.
 * <p>
 * The list is parsed once, on first use ({@link #get()}), with httpclient5's
 * {@link PublicSuffixListParser}. Rules are kept as the file writes them (internationalised ones
 * in Unicode); a configured host, always ASCII, is also looked up in Unicode form when it has a
 * punycode ({@code xn--}) label, so the IDNA conversion is paid only then. Only rules listed in
 * the file count: the list's implicit
 * {@code *} rule (every unlisted top-level label is a suffix) is not applied, because unlisted
 * single labels such as {@code corp} or {@code lan} are private namespaces, not public
 * registries.
 */
final class PublicSuffixes {

	static final String RESOURCE = "/org/publicsuffix/list/effective_tld_names.dat";

	/** Explicit rules such as {@code com}, {@code co.uk}, {@code github.io}. */
	private final Set<String> rules = new HashSet<>();

	/** {@code Y} for every wildcard rule {@code *.Y}, e.g. {@code ck} for {@code *.ck}. */
	private final Set<String> wildcardParents = new HashSet<>();

	/** Exception rules without their {@code !}, e.g. {@code www.ck}. */
	private final Set<String> exceptions = new HashSet<>();

	/** For a domain with rules strictly below it, the shortest such rule. */
	private final Map<String, String> ruleBelow = new HashMap<>();

	private PublicSuffixes(List<PublicSuffixList> lists) {
		for (PublicSuffixList list : lists) {
			if (list.getType() != DomainType.ICANN && list.getType() != DomainType.PRIVATE) {
				continue;
			}
			for (String rule : list.getRules()) {
				addRule(rule.strip());
			}
			for (String exception : list.getExceptions()) {
				this.exceptions.add(exception.strip().toLowerCase(Locale.ROOT));
			}
		}
	}

	/** The bundled list, loaded on first call. */
	static PublicSuffixes get() {
		return Holder.INSTANCE;
	}

	/** Parse a list in the Public Suffix List file format (used for the bundled list and in tests). */
	static PublicSuffixes parse(Reader reader) throws IOException {
		return new PublicSuffixes(PublicSuffixListParser.INSTANCE.parseByType(reader));
	}

	private void addRule(String rule) {
		if (rule.isEmpty()) {
			return;
		}
		boolean wildcard = rule.startsWith("*.");
		String base = (wildcard ? rule.substring(2) : rule).toLowerCase(Locale.ROOT);
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
	 * Whether {@code domain} (lower-case ASCII) is itself a public suffix: listed explicitly, or
	 * matched by a wildcard rule and not by an exception.
	 */
	boolean isPublicSuffix(String domain) {
		if (this.rules.contains(domain)) {
			return true;
		}
		String parent = parent(domain);
		return parent != null && this.wildcardParents.contains(parent) && !this.exceptions.contains(domain);
	}

	/**
	 * The public suffix a subdomain wildcard {@code *.domain} spans: {@code domain} itself when
	 * it is a public suffix, otherwise the simplest rule strictly below it (e.g.
	 * {@code s3.amazonaws.com} for {@code amazonaws.com}, {@code *.ck} for {@code ck}), or
	 * {@code null} when every host the wildcard matches belongs to the registrable domain(s) of
	 * one owner. {@code domain} is lower-case ASCII; the result is too.
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

	private String spanned(String domain) {
		if (isPublicSuffix(domain)) {
			return domain;
		}
		return this.ruleBelow.get(domain);
	}

	private static String parent(String domain) {
		int dot = domain.indexOf('.');
		return (dot >= 0 && dot < domain.length() - 1) ? domain.substring(dot + 1) : null;
	}

	/** Prefer the rule with fewer labels, then the shorter, then the alphabetically first. */
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

	private static final class Holder {

		static final PublicSuffixes INSTANCE = load();

		private static PublicSuffixes load() {
			InputStream in = PublicSuffixMatcherLoader.class.getResourceAsStream(RESOURCE);
			if (in == null) {
				throw new IllegalStateException("The Public Suffix List resource " + RESOURCE
						+ " is missing from the class path; it ships with org.apache.httpcomponents.client5:httpclient5, a dependency of cors-starter-core.");
			}
			try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
				return parse(reader);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read the Public Suffix List " + RESOURCE, ex);
			}
		}

	}

}
