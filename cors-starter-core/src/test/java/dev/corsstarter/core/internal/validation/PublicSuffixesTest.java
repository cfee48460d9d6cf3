package dev.corsstarter.core.internal.validation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.IDN;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PublicSuffixesTest {

	private static final String LIST = """
			// ===BEGIN ICANN DOMAINS===
			com
			uk
			co.uk
			cn
			公司.cn
			*.ck
			!www.ck
			// ===END ICANN DOMAINS===
			// ===BEGIN PRIVATE DOMAINS===
			github.io
			s3.example-cloud.com
			*.compute.example-cloud.com
			// ===END PRIVATE DOMAINS===
			""";

	@ParameterizedTest(name = "*.{0} spans {1}")
	@CsvSource(nullValues = "none",
			value = { "com, com", "uk, uk", "co.uk, co.uk", "example.co.uk, none", "github.io, github.io",
					"myapp.github.io, none", "ck, *.ck", "foo.ck, foo.ck", "www.ck, none",
					"example-cloud.com, s3.example-cloud.com", "compute.example-cloud.com, *.compute.example-cloud.com",
					"x.compute.example-cloud.com, x.compute.example-cloud.com", "xn--55qx5d.cn, xn--55qx5d.cn",
					"corp, none", "example.com, none" })
	void suffixSpannedBySubdomains(String domain, String expected) throws IOException {
		PublicSuffixes suffixes = PublicSuffixes.parse(new StringReader(LIST));
		assertThat(suffixes.suffixSpannedBySubdomainsOf(domain)).isEqualTo(expected);
	}

	@Test
	void theListInUseIsLoadedOnce() {
		assertThat(PublicSuffixes.get()).isSameAs(PublicSuffixes.get());
		assertThat(PublicSuffixes.get().isPublicSuffix("vercel.app")).isTrue();
		assertThat(PublicSuffixes.get().isPublicSuffix("example.com")).isFalse();
	}

	@Test
	void theBundledListIsCurrentAndHasBothSections() throws IOException {
		PublicSuffixes bundled = PublicSuffixes.load(getClass().getClassLoader());
		assertThat(bundled.source()).endsWith(PublicSuffixes.BUNDLED);
		assertThat(bundled.version()).matches("\\d{4}-\\d{2}-\\d{2}.*");
		assertThat(rulesInSection("ICANN")).isGreaterThan(5000);
		assertThat(rulesInSection("PRIVATE")).isGreaterThan(1000);
		// normal rules, ICANN and PRIVATE
		assertThat(bundled.isPublicSuffix("com")).isTrue();
		assertThat(bundled.isPublicSuffix("co.uk")).isTrue();
		assertThat(bundled.isPublicSuffix("github.io")).isTrue();
		assertThat(bundled.isPublicSuffix("example.com")).isFalse();
		assertThat(bundled.isPublicSuffix("myapp.github.io")).isFalse();
		// wildcard rule *.ck and its exception !www.ck
		assertThat(bundled.isPublicSuffix("anything.ck")).isTrue();
		assertThat(bundled.isPublicSuffix("www.ck")).isFalse();
		assertThat(bundled.suffixSpannedBySubdomainsOf("ck")).isEqualTo("*.ck");
		assertThat(bundled.suffixSpannedBySubdomainsOf("www.ck")).isNull();
		// an internationalised rule, looked up by its punycode form
		assertThat(bundled.suffixSpannedBySubdomainsOf(IDN.toASCII("公司.cn"))).isEqualTo(IDN.toASCII("公司.cn"));
	}

	/** Rules (normal and wildcard, not exceptions) in a section of the bundled file. */
	private long rulesInSection(String section) throws IOException {
		try (InputStream in = getClass().getClassLoader().getResourceAsStream(PublicSuffixes.BUNDLED);
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			boolean inSection = false;
			long rules = 0;
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				line = line.strip();
				if (line.startsWith("//")) {
					inSection = line.contains("===BEGIN " + section) || (inSection && !line.contains("===END "));
				}
				else if (inSection && !line.isEmpty() && !line.startsWith("!")) {
					rules++;
				}
			}
			return rules;
		}
	}

	/** Every rule and exception of the bundled file means what the file says. */
	@Test
	void everyBundledRuleIsMatched() throws IOException {
		PublicSuffixes suffixes = PublicSuffixes.load(getClass().getClassLoader());
		int checked = 0;
		int exceptions = 0;
		try (InputStream in = getClass().getClassLoader().getResourceAsStream(PublicSuffixes.BUNDLED);
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				String rule = line.strip().split("\\s", 2)[0];
				if (rule.isEmpty() || rule.startsWith("//")) {
					continue;
				}
				if (rule.startsWith("!")) {
					assertThat(suffixes.isPublicSuffix(rule.substring(1))).as(rule).isFalse();
					exceptions++;
					continue;
				}
				boolean wildcard = rule.startsWith("*.");
				String base = wildcard ? rule.substring(2) : rule;
				String ascii = IDN.toASCII(base, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
				String host = wildcard ? "probe-label." + ascii : ascii;
				assertThat(suffixes.suffixSpannedBySubdomainsOf(host)).as(rule).isEqualTo(host);
				checked++;
			}
		}
		assertThat(checked).isGreaterThan(7000);
		assertThat(exceptions).isPositive();
	}

	/**
	 * A list at META-INF/cors-starter/public_suffix_list.dat replaces the bundled one.
	 */
	@Test
	void anApplicationListOnTheClassPathWins(@TempDir Path dir) throws IOException {
		Path override = dir.resolve(PublicSuffixes.OVERRIDE);
		Files.createDirectories(override.getParent());
		Files.writeString(override, """
				// VERSION: 2099-01-01_00-00-00_UTC
				// ===BEGIN PRIVATE DOMAINS===
				brand-new-host.example
				// ===END PRIVATE DOMAINS===
				""");
		try (URLClassLoader loader = new URLClassLoader(new URL[] { dir.toUri().toURL() },
				getClass().getClassLoader())) {
			PublicSuffixes suffixes = PublicSuffixes.load(loader);
			assertThat(suffixes.source()).endsWith(PublicSuffixes.OVERRIDE);
			assertThat(suffixes.version()).isEqualTo("2099-01-01_00-00-00_UTC");
			assertThat(suffixes.isPublicSuffix("brand-new-host.example")).isTrue();
			assertThat(suffixes.isPublicSuffix("com")).isFalse();
		}
	}

	@Test
	void anEmptyApplicationListIsRefused(@TempDir Path dir) throws IOException {
		Path override = dir.resolve(PublicSuffixes.OVERRIDE);
		Files.createDirectories(override.getParent());
		Files.writeString(override, "// nothing but comments\n");
		try (URLClassLoader loader = new URLClassLoader(new URL[] { dir.toUri().toURL() },
				getClass().getClassLoader())) {
			assertThatIllegalStateException().isThrownBy(() -> PublicSuffixes.load(loader))
				.withMessageContaining(PublicSuffixes.OVERRIDE)
				.withMessageContaining("has no rule");
		}
	}

	/**
	 * Apache HttpClient must not be on the class path: where it is, Spring Boot's
	 * {@code ClientHttpRequestFactoryBuilder.detect()} switches the application's
	 * RestClient to it. The list is copied out of its jar at build time instead.
	 */
	@Test
	void apacheHttpClientIsNotADependency() {
		assertThatExceptionOfType(ClassNotFoundException.class)
			.isThrownBy(() -> Class.forName("org.apache.hc.client5.http.psl.PublicSuffixMatcher"));
		assertThatExceptionOfType(ClassNotFoundException.class)
			.isThrownBy(() -> Class.forName("org.apache.hc.client5.http.impl.classic.HttpClients"));
	}

	@Test
	void theListsLicenceShipsWithIt() throws IOException {
		try (InputStream licence = getClass().getClassLoader().getResourceAsStream("META-INF/LICENSE-publicsuffix.txt");
				InputStream list = getClass().getClassLoader().getResourceAsStream(PublicSuffixes.BUNDLED)) {
			assertThat(licence).isNotNull();
			assertThat(new String(licence.readAllBytes(), StandardCharsets.UTF_8))
				.contains("Mozilla Public License Version 2.0");
			assertThat(new String(list.readNBytes(400), StandardCharsets.UTF_8)).contains("Mozilla Public",
					"mozilla.org/MPL/2.0/");
		}
	}

}
