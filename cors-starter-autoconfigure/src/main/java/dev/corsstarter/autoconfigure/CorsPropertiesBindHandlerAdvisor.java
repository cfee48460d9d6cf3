package dev.corsstarter.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.IgnoreTopLevelConverterNotFoundBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;

import dev.corsstarter.autoconfigure.observation.LogSanitizer;
import dev.corsstarter.core.validation.Severity;
import dev.corsstarter.core.validation.Violation;
import dev.corsstarter.core.validation.ViolationRule;

/**
 * Makes binding {@link CorsProperties} fail loudly and precisely instead of silently: keys under
 * {@code cors.} that cors-starter does not define stop startup (or are logged at WARN with
 * {@code cors.unknown-keys=warn}), and a value that cannot be read is reported with its key as
 * written, where it was set, the value as written and the accepted formats. All problems of one
 * binding are reported together, before any policy is validated, so a misspelt required key is
 * reported as the misspelling rather than as a missing value.
 */
final class CorsPropertiesBindHandlerAdvisor implements ConfigurationPropertiesBindHandlerAdvisor {

	private static final Log logger = LogFactory.getLog(CorsAutoConfiguration.class);

	private static final Pattern DURATION_WITH_WORDS = Pattern.compile("\\s*\\+?(\\d+)\\s*([a-zA-Z]+)\\.?\\s*");

	private volatile boolean strict = true;

	@Override
	public BindHandler apply(BindHandler bindHandler) {
		return new CorsPropertiesBindHandler(bindHandler, this.strict);
	}

	/**
	 * The policies are compiled: a later binding of the properties bean (Spring Cloud rebinds it
	 * on a refresh) reads what it can and never fails, so it cannot interrupt a refresh or the
	 * rebinding of other beans. The registry's reload binds afresh, strictly, and refuses.
	 */
	void startupBindingDone() {
		this.strict = false;
	}

	/**
	 * Bind {@code cors.*} from the environment as it is now, with the checks of startup.
	 * @throws InvalidCorsPropertiesException when a key is unknown or a value unreadable
	 */
	static CorsProperties bind(Environment environment) {
		BindHandler handler = new CorsPropertiesBindHandler(new IgnoreTopLevelConverterNotFoundBindHandler(), true);
		try {
			return Binder.get(environment).bindOrCreate(CorsPropertyKeys.ROOT, Bindable.of(CorsProperties.class),
					handler);
		}
		catch (BindException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof InvalidCorsPropertiesException invalid) {
					throw invalid;
				}
			}
			throw ex;
		}
	}

	/** One binding; a new handler is made for every binding of any configuration properties. */
	private static final class CorsPropertiesBindHandler extends AbstractBindHandler {

		private boolean binding;

		private List<Violation> unknownKeys = List.of();

		private final List<Violation> unreadable = new ArrayList<>();

		private final boolean strict;

		CorsPropertiesBindHandler(BindHandler parent, boolean strict) {
			super(parent);
			this.strict = strict;
		}

		@Override
		public <T> @Nullable Bindable<T> onStart(ConfigurationPropertyName name, Bindable<T> target,
				BindContext context) {
			if (context.getDepth() == 0) {
				this.binding = CorsPropertyKeys.ROOT.equals(name)
						&& CorsProperties.class.equals(target.getType().resolve());
				if (this.binding) {
					this.unknownKeys = CorsPropertySources.unknownKeys(context.getSources(), Severity.ERROR);
				}
			}
			return super.onStart(name, target, context);
		}

		@Override
		public @Nullable Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
				Exception error) throws Exception {
			if (this.binding && CorsPropertyKeys.ROOT.isAncestorOf(name)
					&& !(error instanceof InvalidCorsPropertiesException)) {
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
			if (!this.strict) {
				return;
			}
			CorsProperties properties = (result instanceof CorsProperties bound) ? bound : null;
			boolean warnOnly = properties != null && properties.getUnknownKeys() == CorsProperties.UnknownKeys.WARN;
			List<Violation> errors = new ArrayList<>(this.unreadable);
			if (warnOnly) {
				for (Violation unknown : this.unknownKeys) {
					logger.warn("Unknown CORS property " + LogSanitizer.text(unknown.property())
							+ (unknown.origin().isEmpty() ? "" : " (" + LogSanitizer.text(unknown.origin()) + ")")
							+ " ignored: cors-starter does not define it. " + LogSanitizer.text(unknown.action())
							+ " (logged instead of failing because cors.unknown-keys=warn)");
				}
			}
			else {
				errors.addAll(0, this.unknownKeys);
			}
			if (!errors.isEmpty()) {
				List<Violation> unknown = warnOnly
						? this.unknownKeys.stream().map(v -> v.withSeverity(Severity.WARN)).toList()
						: this.unknownKeys;
				throw new InvalidCorsPropertiesException(errors, unknown);
			}
		}

	}

	/** A value that could not be converted: the key and value as written, where, and the accepted formats. */
	static Violation unreadable(ConfigurationPropertyName name, Bindable<?> target, BindContext context) {
		ConfigurationProperty property = context.getConfigurationProperty();
		String written = name.toString();
		String value = "";
		String origin = "";
		if (property != null) {
			ConfigurationPropertySource source = property.getSource();
			written = (source != null) ? CorsPropertySources.asWritten(source, property.getName(), property.getOrigin())
					: property.getName().toString();
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

	/** {@code 10m} for "10 minutes", {@code 2h} for "2 hours"; {@code 10m} when the value says nothing usable. */
	static String durationExample(String value) {
		String corrected = durationCorrection(value);
		return (corrected != null) ? corrected : "10m";
	}

	/** {@code 10m} for "10 minutes", {@code 2h} for "2 hours"; {@code null} when the value says nothing usable. */
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
