package dev.corsstarter.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VaryHeaderTest {

	@ParameterizedTest(name = "Vary {0} covers {1}: {2}")
	@CsvSource(delimiter = '|',
			value = { "Origin | Origin | true", "origin | Origin | true", "Accept-Encoding, Origin | Origin | true",
					"'Accept-Encoding ,  origin ' | Origin | true", "Accept-Encoding;Origin | Origin | false",
					"* | Origin | true", "Accept, * | Access-Control-Request-Method | true", "Origins | Origin | false",
					"Orig | Origin | false", "X-Origin | Origin | false", "'' | Origin | false",
					"',,' | Origin | false", "Accept-Encoding~Origin | Origin | true",
					"Access-Control-Request-Method | Access-Control-Request-Headers | false" })
	void coversListedTokensCaseInsensitively(String lines, String token, boolean covered) {
		// '~' separates header lines in this table
		List<String> values = Arrays.asList(lines.split("~", -1));
		assertThat(VaryHeader.covers(values, token)).isEqualTo(covered);
	}

	@ParameterizedTest(name = "no Vary")
	@CsvSource("Origin")
	void absentHeaderCoversNothing(String token) {
		assertThat(VaryHeader.covers(null, token)).isFalse();
		assertThat(VaryHeader.covers(List.of(), token)).isFalse();
	}

	@ParameterizedTest(name = "foreign tokens of {0}: {1}")
	@CsvSource(delimiter = '|',
			value = { "Accept-Encoding | Accept-Encoding", "'Accept-Encoding, Origin' | Accept-Encoding,Origin",
					"'Origin, Access-Control-Request-Method, access-control-request-headers' | Origin",
					"'Origin~origin, Accept' | Origin,Accept", "Access-Control-Request-Method | ''", "'' | ''",
					"' , ,' | ''" })
	void foreignTokensDropCorsRequestHeadersAndDuplicates(String lines, String expected) {
		List<String> values = Arrays.asList(lines.split("~", -1));
		List<String> tokens = expected.isEmpty() ? List.of() : List.of(expected.split(","));
		assertThat(VaryHeader.foreignTokens(values)).containsExactlyElementsOf(tokens);
		assertThat(VaryHeader.foreignTokens(null)).isEmpty();
	}

	@ParameterizedTest(name = "{0} is Access-Control-*: {1}")
	@CsvSource({ "Access-Control-Allow-Origin, true", "access-control-request-method, true", "ACCESS-CONTROL-X, true",
			"Access-Control, false", "Vary, false", "X-Access-Control-Allow-Origin, false" })
	void accessControlNamesAnyCase(String name, boolean expected) {
		assertThat(CorsHeaderNames.isAccessControl(name)).isEqualTo(expected);
	}

}
