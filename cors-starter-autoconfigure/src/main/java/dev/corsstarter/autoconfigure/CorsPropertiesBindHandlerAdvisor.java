package dev.corsstarter.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.IgnoreTopLevelConverterNotFoundBindHandler;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;

import dev.corsstarter.autoconfigure.CorsPropertyKeys.Suggestion;
import dev.corsstarter.autoconfigure.observation.LogSanitizer;
import dev.corsstarter.core.validation.Severity;
import dev.corsstarter.core.validation.Violation;
import dev.corsstarter.core.validation.ViolationRule;

/**
 * Makes binding {@link CorsProperties} loud and precise instead of silent. Spring Boot's
 * {@link NoUnboundElementsBindHandler} tells which keys under {@code cors.} were not
 * bound; a key meant for cors-starter (under {@code cors.policies.}, or close to one of
 * its keys) is an error, any other is the application's own and is logged once at WARN
 * ({@code cors.unknown-keys} overrides both ways). A value that cannot be read is
 * reported with its key as written, where it was set, the value as written and the
 * accepted formats. Nothing is thrown while binding: the problems are reported with those
 * of the policies, in one failure ({@link #failure}).
 */
final class CorsPropertiesBindHandlerAdvisor implements ConfigurationPropertiesBindHandlerAdvisor {

	private static final Log logger = LogFactory.getLog(CorsAutoConfiguration.class);

	private static final Pattern DURATION_WITH_WORDS = Pattern.compile("\\s*\\+?(\\d+)\\s*([a-zA-Z]+)\\.?\\s*");

	private static final Pattern TRAILING_INDEX = Pattern.compile("(\\[\\d+]|_\\d+_?)$");

	private volatile boolean strict = true;

	private volatile CorsBinding startup = CorsBinding.NONE;

	@Override
	public BindHandler apply(BindHandler bindHandler) {
		return new CorsPropertiesBindHandler(bindHandler, this.strict ? this::bound : null);
	}

	private void bound(CorsBinding binding) {
		this.startup = binding;
		for (Violation ignored : binding.ignoredKeys()) {
			logger.warn(ignoredKeyMessage(ignored, binding.mode()));
		}
	}

	/** What the startup binding of the properties bean found. */
	CorsBinding startupBinding() {
		return this.startup;
	}

	/**
	 * The policies are compiled: a later binding of the properties bean (Spring Cloud
	 * rebinds it on a refresh) reads what it can and never fails, so it cannot interrupt
	 * a refresh or the rebinding of other beans. The registry's reload binds afresh,
	 * strictly, and refuses.
	 */
	void startupBindingDone() {
		this.strict = false;
	}

	/**
	 * Bind {@code cors.*} from the environment as it is now, with the checks of startup.
	 */
	static CorsBinding bind(Environment environment) {
		CorsBinding[] result = { CorsBinding.NONE };
		BindHandler handler = new CorsPropertiesBindHandler(new IgnoreTopLevelConverterNotFoundBindHandler(),
				(binding) -> result[0] = binding);
		CorsProperties properties = Binder.get(environment)
			.bindOrCreate(CorsPropertyKeys.ROOT, Bindable.of(CorsProperties.class), handler);
		return result[0].withProperties(properties);
	}

	/**
	 * One failure for every problem, in the order the properties are written: the
	 * binding's errors, then the policies' violations that a binding error does not
	 * already explain (a misspelt required key is reported as the misspelling, not also
	 * as a missing value).
	 * @return the failure, or {@code null} when there is no error
	 */
	static @Nullable InvalidCorsPropertiesException failure(CorsBinding binding, List<Violation> violations,
			Environment environment) {
		List<Violation> all = new ArrayList<>(binding.errors());
		violations.stream()
			.filter((violation) -> !binding.explained().contains(violation.property()))
			.forEach(all::add);
		if (all.stream().noneMatch(Violation::isError)) {
			return null;
		}
		all.sort(CorsPropertySources.inWrittenOrder(ConfigurationPropertySources.get(environment)));
		return new InvalidCorsPropertiesException(all, binding.unknownKeys());
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

	/**
	 * What one binding of {@code cors.*} found.
	 *
	 * @param properties the bound properties, what could be read of them
	 * @param mode what was asked for unknown keys
	 * @param problems unreadable values and unknown keys, errors and ignored keys
	 * @param explained the keys a binding error explains: an unreadable value's, the key
	 * an unknown key was probably meant to be
	 */
	record CorsBinding(@Nullable CorsProperties properties, CorsProperties.UnknownKeys mode, List<Violation> problems,
			Set<String> explained) {

		static final CorsBinding NONE = new CorsBinding(null, CorsProperties.UnknownKeys.AUTO, List.of(), Set.of());

		CorsBinding withProperties(CorsProperties properties) {
			return new CorsBinding(properties, this.mode, this.problems, this.explained);
		}

		List<Violation> errors() {
			return this.problems.stream().filter(Violation::isError).toList();
		}

		List<Violation> ignoredKeys() {
			return this.problems.stream().filter((problem) -> !problem.isError()).toList();
		}

		List<Violation> unknownKeys() {
			return this.problems.stream().filter((problem) -> problem.rule() == ViolationRule.UNKNOWN_KEY).toList();
		}

	}

	/**
	 * One binding; a new handler is made for every binding of any configuration
	 * properties.
	 */
	private static final class CorsPropertiesBindHandler extends AbstractBindHandler {

		/**
		 * Spring Boot's own record of what was bound, asked only for the binding of
		 * cors.*.
		 */
		private final NoUnboundElementsBindHandler unbound = new NoUnboundElementsBindHandler(BindHandler.DEFAULT);

		private final @Nullable Consumer<CorsBinding> onBound;

		private boolean binding;

		private final List<ConfigurationPropertyName> unreadableNames = new ArrayList<>();

		private final List<Violation> unreadable = new ArrayList<>();

		CorsPropertiesBindHandler(BindHandler parent, @Nullable Consumer<CorsBinding> onBound) {
			super(parent);
			this.onBound = onBound;
		}

		@Override
		public <T> @Nullable Bindable<T> onStart(ConfigurationPropertyName name, Bindable<T> target,
				BindContext context) {
			if (context.getDepth() == 0) {
				this.binding = CorsPropertyKeys.ROOT.equals(name)
						&& CorsProperties.class.equals(target.getType().resolve());
			}
			if (this.binding) {
				this.unbound.onStart(name, target, context);
			}
			return super.onStart(name, target, context);
		}

		@Override
		public @Nullable Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
				Object result) {
			if (this.binding) {
				this.unbound.onSuccess(name, target, context, result);
			}
			return super.onSuccess(name, target, context, result);
		}

		@Override
		public @Nullable Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
				Exception error) throws Exception {
			if (this.binding && CorsPropertyKeys.ROOT.isAncestorOf(name)) {
				// read what can be read; the value is reported with everything else
				this.unreadableNames.add(name);
				this.unreadable.add(unreadable(name, target, context));
				return null;
			}
			return super.onFailure(name, target, context, error);
		}

		@Override
		public void onFinish(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
				@Nullable Object result) throws Exception {
			super.onFinish(name, target, context, result);
			if (!this.binding || context.getDepth() != 0) {
				return;
			}
			this.binding = false;
			if (this.onBound == null) {
				return;
			}
			CorsProperties properties = (result instanceof CorsProperties bound) ? bound : null;
			CorsProperties.UnknownKeys mode = (properties != null && properties.getUnknownKeys() != null)
					? properties.getUnknownKeys() : CorsProperties.UnknownKeys.AUTO;
			List<Violation> problems = new ArrayList<>(this.unreadable);
			Set<String> explained = new HashSet<>();
			this.unreadable.forEach((violation) -> explained.add(violation.property()));
			for (Map.Entry<ConfigurationPropertyName, ConfigurationProperty> entry : unboundProperties(name, target,
					context, result)
				.entrySet()) {
				Suggestion suggestion = CorsPropertyKeys.suggest(entry.getKey());
				Violation unknown = unknownKey(entry.getKey(), entry.getValue(), suggestion, mode);
				if (unknown.isError() && suggestion != null) {
					explained.add(suggestion.name());
				}
				problems.add(unknown);
			}
			problems.sort(CorsPropertySources.inWrittenOrder(context.getSources()));
			this.onBound.accept(new CorsBinding(properties, mode, problems, explained));
		}

		/**
		 * The keys Spring Boot did not bind, a list's elements once as the list, without
		 * the values that could not be read, in the order written.
		 */
		private Map<ConfigurationPropertyName, ConfigurationProperty> unboundProperties(ConfigurationPropertyName name,
				Bindable<?> target, BindContext context, @Nullable Object result) throws Exception {
			Map<ConfigurationPropertyName, ConfigurationProperty> lists = new LinkedHashMap<>();
			try {
				this.unbound.onFinish(name, target, context, result);
				return lists;
			}
			catch (UnboundConfigurationPropertiesException ex) {
				for (ConfigurationProperty property : CorsPropertySources.all(context.getSources())) {
					if (!ex.getUnboundProperties().contains(property) || isUnreadable(property.getName())) {
						continue;
					}
					ConfigurationPropertyName list = property.getName();
					while (list.isNumericIndex(list.getNumberOfElements() - 1)
							&& !CorsPropertyKeys.isDefined(list.getParent())) {
						list = list.getParent();
					}
					lists.putIfAbsent(list, property);
				}
			}
			return lists;
		}

		private boolean isUnreadable(ConfigurationPropertyName name) {
			return this.unreadableNames.stream().anyMatch((failed) -> failed.equals(name) || failed.isAncestorOf(name));
		}

	}

	/**
	 * A key cors-starter does not define, with where it was set and the closest known
	 * key; its value is left out, since an application may keep keys of its own, secrets
	 * included, under {@code cors.}. An error when meant for cors-starter, unless
	 * {@code cors.unknown-keys} says otherwise.
	 */
	private static Violation unknownKey(ConfigurationPropertyName name, ConfigurationProperty property,
			@Nullable Suggestion suggestion, CorsProperties.UnknownKeys mode) {
		boolean meant = suggestion != null || ConfigurationPropertyName.of("cors.policies").isAncestorOf(name);
		boolean error = (mode == CorsProperties.UnknownKeys.FAIL) || (mode == CorsProperties.UnknownKeys.AUTO && meant);
		String written = CorsPropertySources.asWritten(property);
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
				(suggestion != null) ? suggestion.name() : null, CorsPropertySources.describe(property.getOrigin()));
	}

	/**
	 * A value that could not be converted: the key and value as written, where, and the
	 * accepted formats.
	 */
	static Violation unreadable(ConfigurationPropertyName name, Bindable<?> target, BindContext context) {
		ConfigurationProperty property = context.getConfigurationProperty();
		String written = name.toString();
		String value = "";
		String origin = "";
		if (property != null) {
			written = CorsPropertySources.asWritten(property);
			value = (property.getValue() != null) ? String.valueOf(property.getValue()) : "";
			origin = CorsPropertySources.describe(property.getOrigin());
		}
		ResolvableType type = target.getType();
		Class<?> resolved = type.resolve(Object.class);
		String accepted = accepted(resolved);
		String corrected = Duration.class.equals(resolved) ? durationCorrection(value) : null;
		return new Violation(ViolationRule.UNREADABLE_VALUE, Severity.ERROR, written, value,
				"'" + value + "' is not " + accepted + ".",
				"Write " + accepted + ", e.g. " + name + "=" + example(resolved, value) + ".", corrected, origin);
	}

	private static String accepted(Class<?> type) {
		if (Duration.class.equals(type)) {
			return "a duration: a number with a unit (ms, s, m, h, d) such as 10m or 90s, an ISO-8601 duration "
					+ "such as PT10M, or a number of seconds";
		}
		if (Boolean.class.equals(type) || boolean.class.equals(type)) {
			return "true or false";
		}
		if (Integer.class.equals(type) || int.class.equals(type) || Long.class.equals(type)
				|| long.class.equals(type)) {
			return "a whole number";
		}
		if (type.isEnum()) {
			List<String> values = new ArrayList<>();
			for (Object constant : type.getEnumConstants()) {
				values.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'));
			}
			return String.join(" or ", values);
		}
		if (List.class.isAssignableFrom(type)) {
			return "a list of values";
		}
		return "a " + type.getSimpleName();
	}

	private static String example(Class<?> type, String value) {
		if (Duration.class.equals(type)) {
			return durationExample(value);
		}
		if (Boolean.class.equals(type) || boolean.class.equals(type)) {
			return "true";
		}
		if (Integer.class.equals(type) || int.class.equals(type) || Long.class.equals(type)
				|| long.class.equals(type)) {
			return "-100";
		}
		if (type.isEnum() && type.getEnumConstants().length > 0) {
			return ((Enum<?>) type.getEnumConstants()[0]).name().toLowerCase(Locale.ROOT).replace('_', '-');
		}
		return "...";
	}

	/**
	 * {@code 10m} for "10 minutes", {@code 2h} for "2 hours"; {@code 10m} when the value
	 * says nothing usable.
	 */
	static String durationExample(String value) {
		String corrected = durationCorrection(value);
		return (corrected != null) ? corrected : "10m";
	}

	/**
	 * {@code 10m} for "10 minutes", {@code 2h} for "2 hours"; {@code null} when the value
	 * says nothing usable.
	 */
	static @Nullable String durationCorrection(String value) {
		Matcher matcher = DURATION_WITH_WORDS.matcher(value);
		if (matcher.matches()) {
			String unit = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
				case "ms", "milli", "millis", "millisecond", "milliseconds", "msec", "msecs" -> "ms";
				case "s", "sec", "secs", "second", "seconds" -> "s";
				case "m", "min", "mins", "minute", "minutes" -> "m";
				case "h", "hr", "hrs", "hour", "hours" -> "h";
				case "d", "day", "days" -> "d";
				default -> null;
			};
			if (unit != null) {
				return matcher.group(1) + unit;
			}
		}
		return null;
	}

}
