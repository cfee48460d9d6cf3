package dev.corsstarter.autoconfigure.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.corsstarter.autoconfigure.diagnostics.InvalidCorsConfigurationFailureAnalyzer;
import dev.corsstarter.autoconfigure.diagnostics.LogSanitizer;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;
import dev.corsstarter.core.validation.InvalidCorsConfigurationException;
import dev.corsstarter.core.validation.ValidationContext;
import dev.corsstarter.core.validation.Violation;
import dev.corsstarter.core.validation.ViolationRule;

/**
 * The CORS policies in force, and the one way to change them while the application runs:
 * a change compiles under the first engine's rules and swaps in atomically, or is refused
 * (also when it leaves no policy) and changes nothing. Changes are serialised and logged,
 * values escaped; reads never wait.
 */
public final class CorsPolicyRegistry {

	private static final Log logger = LogFactory.getLog(CorsPolicyRegistry.class);

	private final Object changeLock = new Object();

	private final @Nullable Function<ValidationContext, CorsEngine> configuration;

	private final UnaryOperator<Violation> locator;

	private volatile State state;

	private volatile long appliedLoosening;

	private volatile long appliedOther;

	private volatile long refused;

	/** An engine not from configuration: {@link #reload()} changes nothing. */
	public CorsPolicyRegistry(CorsEngine initial) {
		this(initial, (Function<ValidationContext, CorsEngine>) null, UnaryOperator.identity());
	}

	/** Reloads compile what {@code configuration} gives; {@code locator} places them. */
	public CorsPolicyRegistry(CorsEngine initial, Supplier<List<CorsPolicy>> configuration,
			UnaryOperator<Violation> locator) {
		this(initial, (context) -> CorsEngine.compile(configuration.get(), context), locator);
	}

	private CorsPolicyRegistry(CorsEngine initial, @Nullable Function<ValidationContext, CorsEngine> configuration,
			UnaryOperator<Violation> locator) {
		this.configuration = configuration;
		this.locator = locator;
		this.state = new State(initial, 1, null);
	}

	/** Reloads call {@code loader}, which throws for what it cannot load. */
	public static CorsPolicyRegistry loading(CorsEngine initial, Function<ValidationContext, CorsEngine> loader,
			UnaryOperator<Violation> locator) {
		return new CorsPolicyRegistry(initial, loader, locator);
	}

	/** The engine deciding requests now. Read it once per request. */
	public CorsEngine current() {
		return this.state.engine();
	}

	/** 1 at startup, one more for every applied change. */
	public long generation() {
		return this.state.generation();
	}

	/** The last change applied or refused (a refusal taken back: unchanged), or null. */
	public @Nullable PolicyChange lastChange() {
		return this.state.lastChange();
	}

	/** How many changes were applied since startup. */
	public long appliedChanges() {
		return this.appliedLoosening + this.appliedOther;
	}

	/** How many applied changes loosened protection ({@code true}), or did not. */
	public long appliedChanges(boolean loosened) {
		return loosened ? this.appliedLoosening : this.appliedOther;
	}

	/** How many changes were refused since startup. */
	public long refusedChanges() {
		return this.refused;
	}

	/** Reloads the configuration, with every {@link CorsPoliciesCustomizer}. */
	public PolicyChange reload() {
		return reload(PolicyChange.Trigger.APPLICATION);
	}

	/** Compiles the policies as configured now; {@code trigger} decides the log level. */
	public PolicyChange reload(PolicyChange.Trigger trigger) {
		if (this.configuration == null) {
			return unchanged(trigger);
		}
		synchronized (this.changeLock) {
			return change(this.configuration, new Source(trigger, "reload"));
		}
	}

	/** Replaces the policies until the next reload (a customizer's outlive it). */
	public PolicyChange replace(List<CorsPolicy> policies) {
		List<CorsPolicy> copy = List.copyOf(policies);
		synchronized (this.changeLock) {
			return change((context) -> CorsEngine.compile(copy, context),
					new Source(PolicyChange.Trigger.APPLICATION, "replace"));
		}
	}

	private PolicyChange change(Function<ValidationContext, CorsEngine> compile, Source source) {
		State before = this.state;
		CorsEngine engine;
		try {
			engine = compile.apply(before.engine().validationContext());
		}
		catch (InvalidCorsConfigurationException ex) {
			return refuse(ex, source, List.of());
		}
		catch (RuntimeException ex) {
			// whatever else goes wrong, fail closed and say so
			logger.debug("CORS policy change failed", ex);
			return refuse(new InvalidCorsConfigurationException(List.of(Violation.error(ViolationRule.UNREADABLE_VALUE,
					"cors", "", "The policies could not be read or compiled: " + ex,
					"Check the cors.* properties where the configuration comes from; the previous policies keep "
							+ "serving."))),
					source, List.of());
		}
		if (engine.fingerprint().equals(before.engine().fingerprint())) {
			PolicyChange unchanged = unchanged(source.trigger());
			if (before.lastChange() != null && before.lastChange().isRefused()) {
				this.state = new State(before.engine(), before.generation(), unchanged);
				logger.info("CORS policies from " + source + " are those serving again (generation "
						+ before.generation() + "); the refused change is no longer configured");
			}
			return unchanged;
		}
		List<PolicyChange.Difference> changes = PolicyDiff.between(before.engine(), engine);
		if (engine.policies().isEmpty()) {
			return refuse(new InvalidCorsConfigurationException(List.of(noPoliciesLeft(source))), source, changes);
		}
		List<Violation> warnings = engine.warnings().stream().map(this.locator).toList();
		PolicyChange change = new PolicyChange(PolicyChange.Outcome.APPLIED, before.generation() + 1,
				engine.fingerprint(), Instant.now(), warnings, source.trigger(), changes);
		this.state = new State(engine, change.generation(), change);
		if (change.loosens()) {
			this.appliedLoosening++;
		}
		else {
			this.appliedOther++;
		}
		logger.info("CORS policies changed by " + source + ": generation " + change.generation() + ", fingerprint "
				+ change.fingerprint() + ", policies " + describe(engine.policies()));
		changes.stream()
			.filter(PolicyChange.Difference::loosens)
			.forEach((difference) -> logger.warn("CORS policy change loosens protection: " + describe(difference)
					+ " (generation " + change.generation() + ", changed by " + source + ")"));
		warnings.forEach((warning) -> logger.warn("CORS configuration: " + LogSanitizer.describe(warning)));
		return change;
	}

	private PolicyChange refuse(InvalidCorsConfigurationException ex, Source source,
			List<PolicyChange.Difference> changes) {
		State before = this.state;
		// violations of a compile carry no place yet; those of the configuration do
		InvalidCorsConfigurationException located = (ex.getClass() != InvalidCorsConfigurationException.class) ? ex
				: new InvalidCorsConfigurationException(ex.getViolations().stream().map(this.locator).toList());
		PolicyChange change = new PolicyChange(PolicyChange.Outcome.REFUSED, before.generation(),
				before.engine().fingerprint(), Instant.now(), located.getViolations(), source.trigger(), changes);
		this.state = new State(before.engine(), before.generation(), change);
		this.refused++;
		boolean configuration = source.trigger() == PolicyChange.Trigger.CONFIGURATION;
		String message = "CORS policy change " + (configuration ? "from " : "requested by ") + source
				+ " refused; generation " + before.generation() + " (fingerprint " + before.engine().fingerprint()
				+ ") keeps serving.\n\n" + InvalidCorsConfigurationFailureAnalyzer.report(located);
		if (configuration) {
			logger.error(message);
		}
		else {
			logger.warn(message);
		}
		return change;
	}

	private static Violation noPoliciesLeft(Source source) {
		String cause = (source.trigger() == PolicyChange.Trigger.CONFIGURATION)
				? "An emptied or partly mounted configuration file, or a configuration source that answered "
						+ "without the application's policies, looks exactly like this."
				: "The policies passed to CorsPolicyRegistry." + source.method() + " are empty.";
		return Violation.error(ViolationRule.NO_POLICIES_LEFT, "cors.policies", "",
				"The change leaves no CORS policy, so every path would be left to the application without a "
						+ "CORS check and cross-site requests the policies refuse would go through. " + cause,
				"Restore the policies under cors.policies (or pass at least one policy); the previous policies keep "
						+ "serving until then. To switch the starter off deliberately, set cors.enabled=false and "
						+ "restart the application: it takes effect at the next start.");
	}

	/** Each policy as {@code name [patterns]} and its mode unless enforced, escaped. */
	public static List<String> describe(List<CorsPolicy> policies) {
		return policies.stream()
			.map((p) -> LogSanitizer.text(p.name()) + " " + LogSanitizer.text(p.pathPatterns().toString())
					+ ((p.mode() == PolicyMode.ENFORCE) ? "" : " (" + p.mode().tag() + ")"))
			.toList();
	}

	/** One difference on one line, every value escaped. */
	static String describe(PolicyChange.Difference difference) {
		boolean policy = difference.property().equals("cors.policies." + difference.policy());
		boolean added = !difference.added().isEmpty();
		StringBuilder line = new StringBuilder(LogSanitizer.text(difference.property()));
		if (policy) {
			line.append(added ? " added, paths " : " removed, paths ")
				.append(values(added ? difference.added() : difference.removed()));
		}
		else {
			line.append(added ? " added " + values(difference.added()) : "");
			line.append(difference.removed().isEmpty() ? ""
					: (added ? ", was " : " removed ") + values(difference.removed()));
		}
		boolean takesOver = policy || difference.property().endsWith(".path-patterns");
		return line + ((takesOver && added && difference.loosens())
				? ", taking over paths another policy decided and allowing more than it" : "");
	}

	private static String values(List<String> values) {
		return values.stream().map(LogSanitizer::quote).collect(Collectors.joining(", "));
	}

	private PolicyChange unchanged(PolicyChange.Trigger trigger) {
		State now = this.state;
		return new PolicyChange(PolicyChange.Outcome.UNCHANGED, now.generation(), now.engine().fingerprint(),
				Instant.now(), List.of(), trigger, List.of());
	}

	/** Who asked for a change and through which method, as log lines name it. */
	private record Source(PolicyChange.Trigger trigger, String method) {

		@Override
		public String toString() {
			return (this.trigger == PolicyChange.Trigger.CONFIGURATION) ? "the configuration"
					: "application code (CorsPolicyRegistry." + this.method + ")";
		}

	}

	/** Engine, generation and last change, swapped as one. */
	private record State(CorsEngine engine, long generation, @Nullable PolicyChange lastChange) {
	}

}
