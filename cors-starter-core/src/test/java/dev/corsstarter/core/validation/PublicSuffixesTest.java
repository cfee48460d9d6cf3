package dev.corsstarter.core.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.hc.client5.http.psl.DomainType;
import org.apache.hc.client5.http.psl.PublicSuffixList;
import org.apache.hc.client5.http.psl.PublicSuffixListParser;
import org.apache.hc.client5.http.psl.PublicSuffixMatcher;
import org.apache.hc.client5.http.psl.PublicSuffixMatcherLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

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
	@CsvSource(nullValues = "none", value = {
			"com, com",
			"uk, uk",
			"co.uk, co.uk",
			"example.co.uk, none",
			"github.io, github.io",
			"myapp.github.io, none",
			"ck, *.ck",
			"foo.ck, foo.ck",
			"www.ck, none",
			"example-cloud.com, s3.example-cloud.com",
			"compute.example-cloud.com, *.compute.example-cloud.com",
			"x.compute.example-cloud.com, x.compute.example-cloud.com",
			"xn--55qx5d.cn, xn--55qx5d.cn",
			"corp, none",
			"example.com, none" })
	void suffixSpannedBySubdomains(String domain, String expected) throws IOException {
		PublicSuffixes suffixes = PublicSuffixes.parse(new StringReader(LIST));
		assertThat(suffixes.suffixSpannedBySubdomainsOf(domain)).isEqualTo(expected);
	}

	@Test
	void theBundledListIsLoadedOnce() {
		assertThat(PublicSuffixes.get()).isSameAs(PublicSuffixes.get());
		assertThat(PublicSuffixes.get().isPublicSuffix("vercel.app")).isTrue();
		assertThat(PublicSuffixes.get().isPublicSuffix("example.com")).isFalse();
	}

	/** Every rule of the bundled list means what httpclient5's own matcher says it means. */
	@Test
	void agreesWithHttpClientOnEveryBundledRule() throws IOException {
		List<PublicSuffixList> lists;
		try (InputStream in = PublicSuffixMatcherLoader.class.getResourceAsStream(PublicSuffixes.RESOURCE);
				Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
			lists = PublicSuffixListParser.INSTANCE.parseByType(reader);
		}
		PublicSuffixMatcher matcher = PublicSuffixMatcherLoader.getDefault();
		PublicSuffixes suffixes = PublicSuffixes.get();
		assertThat(lists).extracting(PublicSuffixList::getType).contains(DomainType.ICANN, DomainType.PRIVATE);
		int checked = 0;
		for (PublicSuffixList list : lists) {
			for (String rule : list.getRules()) {
				if (!rule.chars().allMatch(c -> c < 0x80)) {
					String ascii = IDN.toASCII(rule.startsWith("*.") ? rule.substring(2) : rule, IDN.ALLOW_UNASSIGNED);
					String host = rule.startsWith("*.") ? "probe-label." + ascii : ascii;
					assertThat(suffixes.suffixSpannedBySubdomainsOf(host)).as(rule).isEqualTo(host);
					continue;
				}
				String domain = rule.startsWith("*.") ? "probe-label." + rule.substring(2) : rule;
				assertThat(matcher.matches(domain)).as(rule).isTrue();
				assertThat(suffixes.isPublicSuffix(domain)).as(rule).isTrue();
				checked++;
			}
			for (String exception : list.getExceptions()) {
				assertThat(matcher.matches(exception)).as(exception).isFalse();
				assertThat(suffixes.isPublicSuffix(exception)).as(exception).isFalse();
			}
		}
		assertThat(checked).isGreaterThan(5000);
	}

}
