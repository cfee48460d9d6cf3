package dev.corsstarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.DurationStyle;

/**
 * The configuration metadata the build generates for IDEs describes every key cors-starter
 * defines, per-policy keys included, with a description and a default that match the code.
 */
class CorsConfigurationMetadataTests {

	private final Object metadata = read();

	@Test
	void everyKeyHasADescriptionAndADefault() {
		List<String> keys = new ArrayList<>();
		for (String key : CorsPropertyKeys.topLevelKeys()) {
			if (!key.equals("policies")) {
				keys.add("cors." + key);
			}
		}
		for (String key : CorsPropertyKeys.policyKeys()) {
			keys.add("cors.policies.*." + key);
		}
		assertThat(keys).contains("cors.unknown-keys", "cors.policies.*.allow-private-network");
		for (String key : keys) {
			Map<String, Object> property = property(key);
			assertThat(property).as(key).isNotNull();
			assertThat((String) property.get("description")).as(key + " description").isNotBlank();
			assertThat(property).as(key + " default").containsKey("defaultValue");
		}
		assertThat((String) property("cors.policies").get("description")).isNotBlank();
	}

	@Test
	void perPolicyDefaultsAreTheCodesDefaults() {
		CorsProperties.Policy policy = new CorsProperties.Policy();
		assertThat(property("cors.policies.*.path-patterns").get("defaultValue")).isEqualTo(policy.getPathPatterns());
		assertThat(property("cors.policies.*.allowed-origins").get("defaultValue"))
			.isEqualTo(policy.getAllowedOrigins());
		assertThat(property("cors.policies.*.allowed-methods").get("defaultValue"))
			.isEqualTo(policy.getAllowedMethods());
		assertThat(property("cors.policies.*.allowed-headers").get("defaultValue"))
			.isEqualTo(policy.getAllowedHeaders());
		assertThat(property("cors.policies.*.exposed-headers").get("defaultValue"))
			.isEqualTo(policy.getExposedHeaders());
		assertThat(property("cors.policies.*.allow-credentials").get("defaultValue"))
			.isEqualTo(policy.isAllowCredentials());
		assertThat(property("cors.policies.*.allow-private-network").get("defaultValue"))
			.isEqualTo(policy.isAllowPrivateNetwork());
		assertThat(DurationStyle.detectAndParse((String) property("cors.policies.*.max-age").get("defaultValue")))
			.isEqualTo(policy.getMaxAge());
		assertThat(property("cors.unknown-keys").get("defaultValue")).isEqualTo("auto");
		assertThat(policy.getMaxAge()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void valueHintsForMethodsHeadersAndUnknownKeys() {
		assertThat(hintValues("cors.policies.*.allowed-methods")).contains("GET", "HEAD", "POST", "PUT", "PATCH",
				"DELETE", "*");
		assertThat(hintValues("cors.policies.*.allowed-headers")).contains("Content-Type", "Authorization", "*");
		assertThat(hintValues("cors.unknown-keys")).containsExactly("auto", "fail", "warn");
	}

	private Map<String, Object> property(String name) {
		List<Map<String, Object>> found = JsonPath.read(this.metadata, "$.properties[?(@.name == '" + name + "')]");
		assertThat(found).as(name).hasSize(1);
		return found.get(0);
	}

	private List<String> hintValues(String name) {
		return JsonPath.read(this.metadata, "$.hints[?(@.name == '" + name + "')].values[*].value");
	}

	/** The file generated into this module's classes, not one of the same name from a dependency. */
	private static Object read() {
		try {
			URL classes = CorsProperties.class.getProtectionDomain().getCodeSource().getLocation();
			URL file = new URL(classes, "META-INF/spring-configuration-metadata.json");
			try (InputStream in = file.openStream()) {
				return JsonPath.parse(in).json();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
