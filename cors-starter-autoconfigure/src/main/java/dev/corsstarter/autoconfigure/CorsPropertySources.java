package dev.corsstarter.autoconfigure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

import dev.corsstarter.core.validation.Violation;

/**
 * Reads the {@code cors.*} properties as they were written: each key with its source's
 * spelling, its raw value and where it was set (Spring Boot's {@link Origin}: file and
 * line, environment variable, system property, command line), through Spring Boot's
 * configuration property sources so relaxed names are honoured.
 */
final class CorsPropertySources {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]+}");

	private CorsPropertySources() {
	}

	/**
	 * Every property under {@code cors} in every source that can list its names, in
	 * source precedence order and, within a source, in the order written. A key set in
	 * two sources appears twice.
	 */
	static List<ConfigurationProperty> all(Iterable<ConfigurationPropertySource> sources) {
		List<ConfigurationProperty> result = new ArrayList<>();
		for (ConfigurationPropertySource source : sources) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream()
					.filter(CorsPropertyKeys.ROOT::isAncestorOf)
					.map(source::getConfigurationProperty)
					.forEach(result::add);
			}
		}
		return result;
	}

	/**
	 * Orders violations as their properties are written; a violation of a key that was
	 * not set (a missing origin) sorts with the first key set under its policy.
	 */
	static Comparator<Violation> inWrittenOrder(Iterable<ConfigurationPropertySource> sources) {
		List<ConfigurationPropertyName> written = all(sources).stream().map(ConfigurationProperty::getName).toList();
		return Comparator.comparingInt((violation) -> position(violation.property(), written));
	}

	private static int position(String property, List<ConfigurationPropertyName> written) {
		ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(property);
		if (name == null) {
			// a key as written: an environment variable, or a relaxed name such as
			// allowCredential
			name = ConfigurationPropertyName.adapt(property, property.contains(".") ? '.' : '_');
		}
		for (; !name.isEmpty(); name = name.getParent()) {
			for (int i = 0; i < written.size(); i++) {
				if (name.equals(written.get(i)) || name.isAncestorOf(written.get(i))) {
					return i;
				}
			}
		}
		return Integer.MAX_VALUE;
	}

	/**
	 * The violation with where its value was set and the value as written there,
	 * placeholders unresolved. A list element is looked up in the source the list was
	 * bound from (the one with the highest precedence that sets the list, as Spring Boot
	 * binds lists); an element of a list set as one comma-separated value gets that
	 * value's element and the list's origin. A key that was not set at all keeps its
	 * value and gets no origin.
	 */
	static Violation locate(Violation violation, Environment environment) {
		ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(violation.property());
		if (name == null) {
			return violation;
		}
		Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.get(environment);
		ConfigurationProperty property = null;
		String written = null;
		if (name.isLastElementIndexed()) {
			ConfigurationPropertyName list = name.getParent();
			for (ConfigurationPropertySource source : sources) {
				ConfigurationProperty whole = source.getConfigurationProperty(list);
				if (whole != null || source.containsDescendantOf(list) == ConfigurationPropertyState.PRESENT) {
					property = source.getConfigurationProperty(name);
					if (property == null && whole != null) {
						property = whole;
						written = element(whole.getValue(),
								name.getLastElement(ConfigurationPropertyName.Form.ORIGINAL));
					}
					break;
				}
			}
		}
		else {
			for (ConfigurationPropertySource source : sources) {
				property = source.getConfigurationProperty(name);
				if (property != null) {
					break;
				}
			}
		}
		if (property == null) {
			return violation;
		}
		if (written == null && property.getValue() != null) {
			written = String.valueOf(property.getValue());
		}
		return asWritten(violation, written, environment).located(describe(property.getOrigin()), written);
	}

	/** The element at that index of a comma-separated value, as Spring Boot splits it. */
	private static @Nullable String element(@Nullable Object value, String index) {
		if (value == null) {
			return null;
		}
		String[] elements = String.valueOf(value).split(",");
		int i = Integer.parseInt(index.replaceAll("\\D", ""));
		return (i < elements.length) ? elements[i].strip() : null;
	}

	/**
	 * The fix in the terms the value was written in: where the value uses a placeholder,
	 * the suggested value shows the placeholder rather than what it resolves to.
	 */
	private static Violation asWritten(Violation violation, @Nullable String written, Environment environment) {
		String suggested = violation.suggestedValue();
		if (written == null || suggested == null || !written.contains("${")) {
			return violation;
		}
		String suggestedAsWritten = suggested;
		Matcher placeholders = PLACEHOLDER.matcher(written);
		while (placeholders.find()) {
			String resolved = environment.resolvePlaceholders(placeholders.group());
			if (!resolved.isEmpty() && !resolved.equals(placeholders.group())) {
				suggestedAsWritten = suggestedAsWritten.replace(resolved, placeholders.group());
			}
		}
		if (suggestedAsWritten.equals(suggested)) {
			return violation;
		}
		return new Violation(violation.rule(), violation.severity(), violation.property(), violation.value(),
				violation.reason(), violation.action().replace(suggested, suggestedAsWritten), suggestedAsWritten,
				violation.origin());
	}

	/**
	 * Where a value was set, for people:
	 * {@code class path resource [application.yml], line 7},
	 * {@code environment variable CORS_POLICIES_API_MAXAGE},
	 * {@code system property cors.foo}, {@code command line argument --cors.foo}.
	 */
	static String describe(@Nullable Origin origin) {
		if (origin == null) {
			return "";
		}
		if (origin instanceof SystemEnvironmentOrigin environment) {
			return "environment variable " + environment.getProperty();
		}
		if (origin instanceof TextResourceOrigin text && text.getResource() != null && text.getLocation() != null) {
			return text.getResource().getDescription() + ", line " + (text.getLocation().getLine() + 1);
		}
		if (origin instanceof PropertySourceOrigin propertySource) {
			if (propertySource.getOrigin() != null && propertySource.getOrigin() != origin) {
				return describe(propertySource.getOrigin());
			}
			String sourceName = propertySource.getPropertySource().getName();
			if (CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME.equals(sourceName)) {
				return "command line argument --" + propertySource.getPropertyName();
			}
			if (StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(sourceName)) {
				return "system property " + propertySource.getPropertyName();
			}
			return "property source '" + sourceName + "'";
		}
		return origin.toString();
	}

	/**
	 * The key as its source spells it: the environment variable, or the property's own
	 * name.
	 */
	static String asWritten(ConfigurationProperty property) {
		Origin origin = property.getOrigin();
		if (origin instanceof SystemEnvironmentOrigin environment) {
			return environment.getProperty();
		}
		if (origin instanceof PropertySourceOrigin propertySource) {
			return propertySource.getPropertyName();
		}
		ConfigurationPropertySource source = property.getSource();
		if (source != null && source.getUnderlyingSource() instanceof EnumerablePropertySource<?> enumerable) {
			for (String candidate : enumerable.getPropertyNames()) {
				if (property.getName().equals(ConfigurationPropertyName.adapt(candidate, '.'))) {
					return candidate;
				}
			}
		}
		return property.getName().toString();
	}

	/** {@code key (origin)}, for log lines. */
	static String keyAndOrigin(ConfigurationProperty property) {
		String origin = describe(property.getOrigin());
		return asWritten(property) + (origin.isEmpty() ? "" : " (" + origin + ")");
	}

}
