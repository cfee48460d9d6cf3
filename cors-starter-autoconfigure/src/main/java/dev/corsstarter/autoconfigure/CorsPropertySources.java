package dev.corsstarter.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.EnumerablePropertySource;

import dev.corsstarter.autoconfigure.CorsPropertyKeys.Suggestion;
import dev.corsstarter.core.validation.Severity;
import dev.corsstarter.core.validation.Violation;
import dev.corsstarter.core.validation.ViolationRule;

/**
 * Reads the {@code cors.*} properties as they were written: each key with its source's
 * spelling, its raw value and where it was set (file and line, environment variable, command
 * line), through Spring Boot's configuration property sources so relaxed names are honoured.
 */
final class CorsPropertySources {

	/** The reason given for a key cors-starter does not define. */
	static final String UNKNOWN_KEY_REASON = "cors-starter does not define this key, so its value would be ignored.";

	private CorsPropertySources() {
	}

	/**
	 * Every property under {@code cors} in every source that can list its names, in source
	 * precedence order. A key set in two sources appears twice.
	 */
	static List<WrittenProperty> all(Iterable<ConfigurationPropertySource> sources) {
		List<WrittenProperty> result = new ArrayList<>();
		for (ConfigurationPropertySource source : sources) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)) {
				continue;
			}
			iterable.stream().filter(CorsPropertyKeys.ROOT::isAncestorOf).forEach(name -> {
				ConfigurationProperty property = source.getConfigurationProperty(name);
				Object value = (property != null) ? property.getValue() : null;
				Origin origin = (property != null) ? property.getOrigin() : null;
				result.add(new WrittenProperty(name, asWritten(source, name, origin),
						(value != null) ? String.valueOf(value) : "", describe(origin)));
			});
		}
		return result;
	}

	/**
	 * The keys cors-starter does not define, each with where it was set and the closest known
	 * key, as violations of the given severity. Their values are left out: an application may
	 * keep keys of its own, secrets included, under {@code cors.}.
	 */
	static List<Violation> unknownKeys(Iterable<ConfigurationPropertySource> sources, Severity severity) {
		List<Violation> result = new ArrayList<>();
		for (WrittenProperty property : all(sources)) {
			if (!CorsPropertyKeys.isKnown(property.name(), property.value())) {
				result.add(new Violation(ViolationRule.UNKNOWN_KEY, severity, property.written(), "", UNKNOWN_KEY_REASON,
						unknownKeyFix(property.name()), null, property.origin()));
			}
		}
		return result;
	}

	private static String unknownKeyFix(ConfigurationPropertyName name) {
		Suggestion suggestion = CorsPropertyKeys.suggest(name);
		if (suggestion != null) {
			return "Did you mean " + suggestion.name() + "?"
					+ ((suggestion.note() != null) ? " " + suggestion.note() + "." : "");
		}
		return "Remove it, or use a key cors-starter defines: cors."
				+ String.join(", cors.", CorsPropertyKeys.topLevelKeys()) + " and per policy cors.policies.<name>."
				+ String.join(", cors.policies.<name>.", CorsPropertyKeys.policyKeys()) + ".";
	}

	/**
	 * The violation with where its value was set and the value as written there. A list
	 * element set as one comma-separated value keeps its own value and gets the list's origin;
	 * a key that was not set at all keeps its value and gets no origin.
	 */
	static Violation locate(Violation violation, Iterable<ConfigurationPropertySource> sources) {
		ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(violation.property());
		if (name == null) {
			return violation;
		}
		ConfigurationProperty exact = find(name, sources);
		if (exact != null) {
			return violation.located(describe(exact.getOrigin()),
					(exact.getValue() != null) ? String.valueOf(exact.getValue()) : null);
		}
		if (name.isLastElementIndexed()) {
			ConfigurationProperty list = find(name.getParent(), sources);
			if (list != null) {
				return violation.located(describe(list.getOrigin()), null);
			}
		}
		return violation;
	}

	/** The winning property of that name, from the source with the highest precedence. */
	static @Nullable ConfigurationProperty find(ConfigurationPropertyName name,
			Iterable<ConfigurationPropertySource> sources) {
		for (ConfigurationPropertySource source : sources) {
			ConfigurationProperty property = source.getConfigurationProperty(name);
			if (property != null) {
				return property;
			}
		}
		return null;
	}

	/**
	 * Where a value was set, for people: {@code class path resource [application.yml], line 7},
	 * {@code environment variable CORS_POLICIES_API_MAXAGE}, {@code command line argument --cors.foo}.
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
			return "property source '" + sourceName + "'";
		}
		return origin.toString();
	}

	/** The key as its source spells it: the environment variable, or the property's own name. */
	static String asWritten(ConfigurationPropertySource source, ConfigurationPropertyName name,
			@Nullable Origin origin) {
		if (origin instanceof SystemEnvironmentOrigin environment) {
			return environment.getProperty();
		}
		if (origin instanceof PropertySourceOrigin propertySource) {
			return propertySource.getPropertyName();
		}
		if (source.getUnderlyingSource() instanceof EnumerablePropertySource<?> enumerable) {
			for (String candidate : enumerable.getPropertyNames()) {
				if (name.equals(ConfigurationPropertyName.adapt(candidate, '.'))) {
					return candidate;
				}
			}
		}
		return name.toString();
	}

	/**
	 * One property under {@code cors} as its source holds it.
	 *
	 * @param name the name as Spring Boot reads it
	 * @param written the name as written in its source
	 * @param value the raw value as written, before any conversion
	 * @param origin where it was set, for people; empty when unknown
	 */
	record WrittenProperty(ConfigurationPropertyName name, String written, String value, String origin) {

		/** {@code name='value' (origin)}, for log lines. */
		String describe() {
			return this.written + "='" + this.value + "'" + (this.origin.isEmpty() ? "" : " (" + this.origin + ")");
		}

	}

}
