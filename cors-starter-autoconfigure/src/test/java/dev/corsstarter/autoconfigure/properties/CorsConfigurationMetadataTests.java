package dev.corsstarter.autoconfigure.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.DurationStyle;

/**
 * The configuration metadata the build generates for IDEs is in Spring Boot's own format:
 * every top-level key with a description and a default, the policies as a map of policy
 * values whose keys are hinted and whose value keys are documented on the value class,
 * and no invented {@code *} names.
 */
class CorsConfigurationMetadataTests {

	private final Object metadata = read();

	@Test
	void namesAreThoseOfSpringBootsFormatWithoutInventedWildcards() {
		List<String> names = JsonPath.read(this.metadata, "$..name");
		assertThat(names).isNotEmpty().noneMatch((name) -> name.contains("*") || name.contains("<"));
		List<String> properties = JsonPath.read(this.metadata, "$.properties[*].name");
		List<String> hints = JsonPath.read(this.metadata, "$.hints[*].name");
		for (String hint : hints) {
			// a hint names a property, or the keys or values of a map property
			assertThat(properties).as(hint).contains(hint.replaceFirst("\\.(keys|values)$", ""));
		}
	}

	@Test
	void everyTopLevelKeyHasADescriptionAndADefault() {
		for (String key : CorsPropertyKeys.topLevelKeys()) {
			Map<String, Object> property = property("cors." + key);
			assertThat((String) property.get("description")).as(key + " description").isNotBlank();
			if (!key.equals("policies")) {
				assertThat(property).as(key + " default").containsKey("defaultValue");
			}
		}
		assertThat(property("cors.unknown-keys").get("defaultValue")).isEqualTo("auto");
	}

	@Test
	void policiesAreAMapOfPolicyWhoseKeysAreHintedAndWhoseValueKeysAreDescribed() {
		Map<String, Object> policies = property("cors.policies");
		assertThat(policies.get("type")).isEqualTo(
				"java.util.Map<java.lang.String,dev.corsstarter.autoconfigure.properties.CorsProperties$Policy>");
		String description = (String) policies.get("description");
		CorsProperties.Policy defaults = new CorsProperties.Policy();
		for (String key : CorsPropertyKeys.policyKeys()) {
			assertThat(description).as("cors.policies names " + key).contains(key);
		}
		assertThat(description).contains("default " + String.join(", ", defaults.getAllowedMethods()))
			.contains("default " + DurationStyle.SIMPLE.print(defaults.getMaxAge(), ChronoUnit.MINUTES))
			.contains("default " + defaults.getMode().name().toLowerCase(Locale.ROOT));
		assertThat(hintValues("cors.policies.keys")).contains("api");
		assertThat(JsonPath.<List<String>>read(this.metadata,
				"$.hints[?(@.name == 'cors.policies.keys')]" + ".providers[*].name"))
			.containsExactly("any");
	}

	@Test
	void everyPolicyKeyIsDocumentedOnItsFieldForTheAnnotationProcessorAndIdes() throws IOException {
		String source = Files
			.readString(Path.of("src/main/java/dev/corsstarter/autoconfigure/properties/CorsProperties.java"));
		String policy = source.substring(source.indexOf("public static class Policy"));
		for (String key : CorsPropertyKeys.policyKeys()) {
			String field = toCamelCase(key);
			// the javadoc right before the field, an annotation such as @DurationUnit
			// aside
			String documented = "\\*/\\s*(@\\w+\\([^)]*\\)\\s*)?private [\\w<>]+ " + field + "\\b";
			assertThat(policy).as(key).containsPattern(documented);
		}
	}

	@Test
	void valueHintsForUnknownKeysAndProfiles() {
		assertThat(hintValues("cors.unknown-keys")).containsExactly("auto", "fail", "warn");
		assertThat(JsonPath.<List<String>>read(this.metadata,
				"$.hints[?(@.name == 'cors.production-profiles')]" + ".providers[*].name"))
			.containsExactly("spring-profile-name");
	}

	private static String toCamelCase(String dashed) {
		StringBuilder result = new StringBuilder();
		for (String part : dashed.split("-")) {
			result.append(result.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
		}
		return result.toString();
	}

	private Map<String, Object> property(String name) {
		List<Map<String, Object>> found = JsonPath.read(this.metadata, "$.properties[?(@.name == '" + name + "')]");
		assertThat(found).as(name).hasSize(1);
		return found.get(0);
	}

	private List<String> hintValues(String name) {
		return JsonPath.read(this.metadata, "$.hints[?(@.name == '" + name + "')].values[*].value");
	}

	/**
	 * The file generated into this module's classes, not one of the same name from a
	 * dependency.
	 */
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
