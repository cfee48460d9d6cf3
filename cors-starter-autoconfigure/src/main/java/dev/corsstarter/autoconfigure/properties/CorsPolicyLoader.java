package dev.corsstarter.autoconfigure.properties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

import dev.corsstarter.autoconfigure.diagnostics.InvalidCorsPropertiesException;
import dev.corsstarter.autoconfigure.lifecycle.CorsPoliciesCustomizer;
import dev.corsstarter.autoconfigure.diagnostics.LogSanitizer;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.validation.InvalidCorsConfigurationException;
import dev.corsstarter.core.validation.Severity;
import dev.corsstarter.core.validation.ValidationContext;
import dev.corsstarter.core.validation.Violation;
import dev.corsstarter.core.validation.ViolationRule;

/**
 * The one way policies come in (startup, reloads, the offline export): binds
 * {@code cors.*} with Boot's {@link Binder}, applies the {@link CorsPoliciesCustomizer}s
 * and compiles. Unbound keys ({@link NoUnboundElementsBindHandler}), unreadable values
 * and invalid policies make one {@link InvalidCorsPropertiesException}, in written order.
 */
public final class CorsPolicyLoader {

	private static final Log logger = LogFactory.getLog(CorsPolicyLoader.class);

	static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("cors");

	private static final ConfigurationPropertyName POLICIES = ConfigurationPropertyName.of("cors.policies");

	private static final Pattern DURATION_WITH_WORDS = Pattern.compile("\\s*\\+?(\\d+)\\s*([a-zA-Z]+)\\.?\\s*");

	private static final Pattern TRAILING_INDEX = Pattern.compile("(\\[\\d+]|_\\d+_?)$");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]+}");

	private final ConfigurableEnvironment environment;

	private final Supplier<Stream<CorsPoliciesCustomizer>> customizers;

	/** Whether a binding was made: ignored keys are logged at the first only. */
	private volatile boolean bound;

	/** Reads {@code environment} and asks {@code customizers} at every load. */
	public CorsPolicyLoader(ConfigurableEnvironment environment, Supplier<Stream<CorsPoliciesCustomizer>> customizers) {
		this.environment = environment;
		this.customizers = customizers;
	}

	/** Loads without context or customizers, logging nothing; {@code null}: no policy. */
	public static @Nullable CorsEngine load(ConfigurableEnvironment environment) {
		CorsPolicyLoader loader = new CorsPolicyLoader(environment, Stream::empty);
		loader.bound = true;
		Binding binding = loader.bind();
		if (binding.properties().getPolicies().isEmpty()) {
			loader.throwIfFailed(binding, List.of());
			return null;
		}
		return loader.compile(binding, null);
	}

	/** Loads under the production rules the active profiles call for, as at startup. */
	public CorsEngine load() {
		return compile(bind(), null);
	}

	/** Loads under the rules of a running engine, as a reload does. */
	public CorsEngine load(ValidationContext context) {
		return compile(bind(), context);
	}

	/** Unless {@link #load()} ran: fails for binding errors, warns if nothing serves. */
	public void check(boolean served) {
		if (this.bound) {
			return;
		}
		throwIfFailed(bind(), List.of());
		List<ConfigurationProperty> seen = all(sources());
		if (!served && !seen.isEmpty()) {
			logger.warn("CORS properties are set but no policy is configured under cors.policies.<name>, so no CORS "
					+ "filter is installed. Properties seen: "
					+ String.join(", ", seen.stream().map(CorsPolicyLoader::keyAndOrigin).toList())
					+ ". Configure a policy, e.g. cors.policies.api.path-patterns=/api/** and "
					+ "cors.policies.api.allowed-origins=https://app.example.com");
		}
	}

	private CorsEngine compile(Binding binding, @Nullable ValidationContext context) {
		List<CorsPolicy> policies = binding.properties().toCorsPolicies();
		for (CorsPoliciesCustomizer customizer : this.customizers.get().toList()) {
			policies = List.copyOf(customizer.customize(policies));
		}
		CorsProperties properties = binding.properties();
		ValidationContext rules = (context != null) ? context : new ValidationContext(
				productionProfile(properties, this.environment) != null, properties.getDevOrigins());
		CorsEngine engine;
		try {
			engine = CorsEngine.compile(policies, rules);
		}
		catch (InvalidCorsConfigurationException ex) {
			List<Violation> violations = ex.getViolations().stream().map((v) -> locate(v, this.environment)).toList();
			throwIfFailed(binding, violations);
			throw new InvalidCorsPropertiesException(violations, binding.unknownKeys());
		}
		throwIfFailed(binding, List.of());
		return engine;
	}

	/** One failure for every error; what a binding error explains is left out. */
	private void throwIfFailed(Binding binding, List<Violation> violations) {
		List<Violation> all = new ArrayList<>(binding.problems().stream().filter(Violation::isError).toList());
		violations.stream().filter((v) -> !binding.explained().contains(v.property())).forEach(all::add);
		if (all.stream().anyMatch(Violation::isError)) {
			all.sort(inWrittenOrder(sources()));
			throw new InvalidCorsPropertiesException(all, binding.unknownKeys());
		}
	}

	Binding bind() {
		Handler handler = new Handler();
		CorsProperties properties = Binder.get(this.environment)
			.bindOrCreate(ROOT, Bindable.of(CorsProperties.class), handler);
		List<Violation> problems = new ArrayList<>(handler.unreadable.values());
		Set<String> explained = new HashSet<>(problems.stream().map(Violation::property).toList());
		Map<ConfigurationPropertyName, ConfigurationProperty> unknown = new LinkedHashMap<>();
		for (ConfigurationProperty property : all(sources())) {
			ConfigurationPropertyName name = property.getName();
			if (handler.unbound.contains(property) && !handler.isUnreadable(name)) {
				// a list's elements once, as the list
				while (name.isNumericIndex(name.getNumberOfElements() - 1)
						&& !CorsPropertyKeys.isDefined(name.getParent())) {
					name = name.getParent();
				}
				unknown.putIfAbsent(name, property);
			}
		}
		CorsProperties.UnknownKeys mode = Objects.requireNonNullElse(properties.getUnknownKeys(),
				CorsProperties.UnknownKeys.AUTO);
		unknown.forEach((name, property) -> {
			CorsPropertyKeys.Suggestion suggestion = CorsPropertyKeys.suggest(name);
			Violation violation = unknownKey(name, property, suggestion, mode);
			if (violation.isError() && suggestion != null) {
				explained.add(suggestion.name());
			}
			problems.add(violation);
		});
		problems.sort(inWrittenOrder(sources()));
		if (!this.bound) {
			problems.stream().filter((p) -> !p.isError()).forEach((p) -> logger.warn(ignoredKeyMessage(p, mode)));
		}
		this.bound = true;
		return new Binding(properties, problems, explained);
	}

	private Iterable<ConfigurationPropertySource> sources() {
		return ConfigurationPropertySources.get(this.environment);
	}

	private static String ignoredKeyMessage(Violation ignored, CorsProperties.UnknownKeys mode) {
		String origin = ignored.origin().isEmpty() ? "" : " (" + LogSanitizer.text(ignored.origin()) + ")";
		String property = LogSanitizer.text(ignored.property());
		if (ignored.suggestedValue() == null && mode != CorsProperties.UnknownKeys.WARN) {
			return "CORS property " + property + origin + " ignored: cors-starter does not define it, so it "
					+ "is left to the application. Set cors.unknown-keys=fail to refuse keys under 'cors.' that "
					+ "cors-starter does not define.";
		}
		return "Unknown CORS property " + property + origin + " ignored: cors-starter does not define it. "
				+ LogSanitizer.text(ignored.action()) + " (logged instead of failing because cors.unknown-keys=warn)";
	}

	/** An unknown key with its origin and closest known key; its value hidden. */
	private static Violation unknownKey(ConfigurationPropertyName name, ConfigurationProperty property,
			CorsPropertyKeys.@Nullable Suggestion suggestion, CorsProperties.UnknownKeys mode) {
		boolean meant = suggestion != null || POLICIES.isAncestorOf(name);
		boolean error = (mode == CorsProperties.UnknownKeys.FAIL) || (mode == CorsProperties.UnknownKeys.AUTO && meant);
		String written = asWritten(property);
		if (!name.equals(property.getName())) {
			written = TRAILING_INDEX.matcher(written).replaceAll("");
		}
		String fix = (suggestion == null) ? "Remove it, or use a key cors-starter defines: cors."
				+ String.join(", cors.", CorsPropertyKeys.topLevelKeys()) + " and per policy cors.policies.<name>."
				+ String.join(", cors.policies.<name>.", CorsPropertyKeys.policyKeys()) + "."
				: "Did you mean " + suggestion.name() + "?"
						+ ((suggestion.note() != null) ? " " + suggestion.note() + "." : "");
		return new Violation(ViolationRule.UNKNOWN_KEY, error ? Severity.ERROR : Severity.WARN, written, "",
				"cors-starter does not define this key, so its value would be ignored.", fix,
				(suggestion != null) ? suggestion.name() : null, describe(property.getOrigin()));
	}

	/** A value that cannot be converted, as written, with the formats accepted. */
	private static Violation unreadable(ConfigurationPropertyName name, Bindable<?> target, BindContext context) {
		ConfigurationProperty property = context.getConfigurationProperty();
		String value = (property != null && property.getValue() != null) ? String.valueOf(property.getValue()) : "";
		Class<?> type = ClassUtils.resolvePrimitiveIfNecessary(target.getType().resolve(Object.class));
		String accepted = List.class.isAssignableFrom(type) ? "a list of values" : "a " + type.getSimpleName();
		String example = "...";
		if (type == Duration.class) {
			accepted = "a duration: a number with a unit (ms, s, m, h, d) such as 10m or 90s, an ISO-8601 duration "
					+ "such as PT10M, or a number of seconds";
			example = durationExample(value);
		}
		else if (type == Boolean.class) {
			accepted = "true or false";
			example = "true";
		}
		else if (Number.class.isAssignableFrom(type)) {
			accepted = "a whole number";
			example = "-100";
		}
		else if (type.isEnum()) {
			List<String> names = Stream.of(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.toList();
			accepted = String.join(" or ", names);
			example = names.get(0);
		}
		return new Violation(ViolationRule.UNREADABLE_VALUE, Severity.ERROR,
				(property != null) ? asWritten(property) : name.toString(), value,
				"'" + value + "' is not " + accepted + ".",
				"Write " + accepted + ", e.g. " + name + "=" + example + ".",
				(type == Duration.class) ? durationCorrection(value) : null,
				(property != null) ? describe(property.getOrigin()) : "");
	}

	/** {@code 10m} for "10 minutes", {@code 2h} for "2 hours"; else {@code 10m}. */
	static String durationExample(String value) {
		return Objects.requireNonNullElse(durationCorrection(value), "10m");
	}

	private static @Nullable String durationCorrection(String value) {
		Matcher matcher = DURATION_WITH_WORDS.matcher(value);
		if (!matcher.matches()) {
			return null;
		}
		String unit = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
			case "ms", "milli", "millis", "millisecond", "milliseconds", "msec", "msecs" -> "ms";
			case "s", "sec", "secs", "second", "seconds" -> "s";
			case "m", "min", "mins", "minute", "minutes" -> "m";
			case "h", "hr", "hrs", "hour", "hours" -> "h";
			case "d", "day", "days" -> "d";
			default -> null;
		};
		return (unit != null) ? matcher.group(1) + unit : null;
	}

	/** The first of {@code cors.production-profiles} that is active, or {@code null}. */
	static @Nullable String productionProfile(CorsProperties properties, Environment environment) {
		return productionProfiles(properties).stream()
			.filter((profile) -> environment.acceptsProfiles(Profiles.of(profile)))
			.findFirst()
			.orElse(null);
	}

	static List<String> productionProfiles(CorsProperties properties) {
		List<String> profiles = Objects.requireNonNullElse(properties.getProductionProfiles(), List.of());
		return profiles.stream().filter(StringUtils::hasText).map(String::strip).toList();
	}

	/** Every {@code cors.*} property of every listing source, by precedence. */
	static List<ConfigurationProperty> all(Iterable<ConfigurationPropertySource> sources) {
		List<ConfigurationProperty> result = new ArrayList<>();
		for (ConfigurationPropertySource source : sources) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream().filter(ROOT::isAncestorOf).map(source::getConfigurationProperty).forEach(result::add);
			}
		}
		return result;
	}

	/** In written order; a key not set sorts with its policy's first. */
	static Comparator<Violation> inWrittenOrder(Iterable<ConfigurationPropertySource> sources) {
		List<ConfigurationPropertyName> written = all(sources).stream().map(ConfigurationProperty::getName).toList();
		return Comparator.comparingInt((violation) -> {
			String property = violation.property();
			ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(property);
			// else a key as written: an environment variable, or a relaxed name
			name = (name != null) ? name
					: ConfigurationPropertyName.adapt(property, property.contains(".") ? '.' : '_');
			for (; !name.isEmpty(); name = name.getParent()) {
				for (int i = 0; i < written.size(); i++) {
					if (name.equals(written.get(i)) || name.isAncestorOf(written.get(i))) {
						return i;
					}
				}
			}
			return Integer.MAX_VALUE;
		});
	}

	/** The violation located where its value was set, with the value as written. */
	public static Violation locate(Violation violation, Environment environment) {
		ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(violation.property());
		if (name == null) {
			return violation;
		}
		ConfigurationPropertyName list = name.isLastElementIndexed() ? name.getParent() : null;
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			ConfigurationProperty property = source.getConfigurationProperty(name);
			ConfigurationProperty whole = (list != null) ? source.getConfigurationProperty(list) : null;
			String written = (property != null) ? Objects.toString(property.getValue(), null) : null;
			if (property == null && whole != null) {
				String[] elements = String.valueOf(whole.getValue()).split(",");
				int index = Integer.parseInt(name.getLastElement(Form.ORIGINAL).replaceAll("\\D", ""));
				property = whole;
				written = (index < elements.length) ? elements[index].strip() : null;
			}
			if (property != null) {
				return withPlaceholders(violation, written, environment).located(describe(property.getOrigin()),
						written);
			}
			if (list != null && source.containsDescendantOf(list) == ConfigurationPropertyState.PRESENT) {
				return violation;
			}
		}
		return violation;
	}

	/** The fix in the terms the value was written in: placeholders unresolved. */
	private static Violation withPlaceholders(Violation violation, @Nullable String written, Environment environment) {
		String suggested = violation.suggestedValue();
		if (written == null || suggested == null || !written.contains("${")) {
			return violation;
		}
		String asWritten = suggested;
		Matcher placeholders = PLACEHOLDER.matcher(written);
		while (placeholders.find()) {
			String resolved = environment.resolvePlaceholders(placeholders.group());
			if (!resolved.isEmpty() && !resolved.equals(placeholders.group())) {
				asWritten = asWritten.replace(resolved, placeholders.group());
			}
		}
		return asWritten.equals(suggested) ? violation
				: new Violation(violation.rule(), violation.severity(), violation.property(), violation.value(),
						violation.reason(), violation.action().replace(suggested, asWritten), asWritten,
						violation.origin());
	}

	/** Where a value was set, e.g. {@code class path resource [a.yml], line 7}. */
	static String describe(@Nullable Origin origin) {
		if (origin instanceof SystemEnvironmentOrigin variable) {
			return "environment variable " + variable.getProperty();
		}
		if (origin instanceof TextResourceOrigin text && text.getResource() != null && text.getLocation() != null) {
			return text.getResource().getDescription() + ", line " + (text.getLocation().getLine() + 1);
		}
		if (origin instanceof PropertySourceOrigin property) {
			String source = property.getPropertySource().getName();
			if (property.getOrigin() != null) {
				return describe(property.getOrigin());
			}
			if (CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME.equals(source)) {
				return "command line argument --" + property.getPropertyName();
			}
			return StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(source)
					? "system property " + property.getPropertyName() : "property source '" + source + "'";
		}
		return (origin != null) ? origin.toString() : "";
	}

	/** The key as its source spells it, e.g. the environment variable. */
	private static String asWritten(ConfigurationProperty property) {
		Origin origin = property.getOrigin();
		if (origin instanceof PropertySourceOrigin source) {
			return source.getPropertyName();
		}
		return (origin instanceof SystemEnvironmentOrigin variable) ? variable.getProperty()
				: property.getName().toString();
	}

	private static String keyAndOrigin(ConfigurationProperty property) {
		String origin = describe(property.getOrigin());
		return asWritten(property) + (origin.isEmpty() ? "" : " (" + origin + ")");
	}

	/** What one binding found; {@code explained}: keys a binding error accounts for. */
	record Binding(CorsProperties properties, List<Violation> problems, Set<String> explained) {

		List<Violation> unknownKeys() {
			return this.problems.stream().filter((problem) -> problem.rule() == ViolationRule.UNKNOWN_KEY).toList();
		}

	}

	/** Records values that cannot be converted, and the keys Spring Boot did not bind. */
	private static final class Handler extends AbstractBindHandler {

		private final Map<ConfigurationPropertyName, Violation> unreadable = new LinkedHashMap<>();

		private Set<ConfigurationProperty> unbound = Set.of();

		Handler() {
			super(new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
		}

		private boolean isUnreadable(ConfigurationPropertyName name) {
			return this.unreadable.keySet()
				.stream()
				.anyMatch((failed) -> failed.equals(name) || failed.isAncestorOf(name));
		}

		@Override
		public @Nullable Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
				Exception error) {
			this.unreadable.put(name, unreadable(name, target, context));
			return null;
		}

		@Override
		public void onFinish(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
				@Nullable Object result) throws Exception {
			try {
				super.onFinish(name, target, context, result);
			}
			catch (UnboundConfigurationPropertiesException ex) {
				this.unbound = ex.getUnboundProperties();
			}
		}

	}

}
