package dev.corsstarter.core.internal.validation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyShadowingTest {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|',
			value = { "/api/**|/api/**", "/api/{id}|/api/{}", "/api/{id}/items/{item}|/api/{}/items/{}",
					"/files/{name:[a-z]+}.{ext}|/files/{:[a-z]+}.{}", "/files/{id:\\d{3}}/x|/files/{:\\d{3}}/x",
					"/docs/{*path}|/docs/{*}" })
	void captureNamesAreRemoved(String pattern, String expected) {
		assertThat(PolicyShadowing.withoutCaptureNames(pattern)).isEqualTo(expected);
	}

}
