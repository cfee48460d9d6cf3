package dev.corsstarter.autoconfigure.lifecycle;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.corsstarter.autoconfigure.diagnostics.InvalidCorsConfigurationFailureAnalyzer;
import dev.corsstarter.autoconfigure.observation.LogSanitizer;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;
import dev.corsstarter.core.validation.InvalidCorsConfigurationException;
import dev.corsstarter.core.validation.Violation;
import dev.corsstarter.core.validation.ViolationRule;

/**
 * The CORS policies in force, and the one way to change them while the application runs.
 * The filters read {@link #current()} once per request, so every request is decided
 * wholly by one engine; a change compiles a new engine under the validation context of
 * the first (production rules included) and swaps it in atomically, or is refused and
 * changes nothing.
 * <p>
 * Every change is reviewed as a change: what it adds to and removes from the policies
 * serving ({@link PolicyChange#changes()}), each difference marked as loosening
 * protection or not; an applied change that loosens anything is logged at WARN, one line
 * per loosening difference. A change that leaves no policy at all is refused (rule
 * {@code no-policies-left}): switching the starter off is {@code cors.enabled=false} and
 * a restart, never an emptied configuration.
 * <p>
 * Changes come from the configuration ({@link #reload(PolicyChange.Trigger)} with
 * {@link PolicyChange.Trigger#CONFIGURATION CONFIGURATION}, which the starter calls on
 * Spring Cloud's {@code EnvironmentChangeEvent}: {@code /actuator/refresh},
 * {@code busrefresh}, a ConfigMap reload) or from application code ({@link #reload()},
 * {@link #replace(List)}). A refused change from the configuration is logged at ERROR
 * with the text a startup failure shows, since nobody else learns of it; one requested by
 * application code, whose caller receives the {@link PolicyChange}, at WARN. An applied
 * one is logged at INFO, with its warnings at WARN. Every value logged is escaped.
 * Thread-safe: changes are serialised, reads never wait.
 */
public final class CorsPolicyRegistry {

	private static final Log logger = LogFactory.getLog(CorsPolicyRegistry.class);

	private final Object changeLock = new Object();

	private final @Nullable Supplier<List<CorsPolicy>> configuration;

	private final UnaryOperator<Violation> locator;

	private final Clock clock;

	private volatile State state;

	private volatile long appliedLoosening;

	private volatile long appliedOther;

	private volatile long refused;

	/**
	 * A registry of a fixed initial engine whose policies do not come from configuration:
	 * {@link #reload()} changes nothing, {@link #replace(List)} works.
	 */
	public CorsPolicyRegistry(CorsEngine initial) {
		this(initial, null, UnaryOperator.identity(), Clock.systemUTC());
	}

	/**
	 * @param initial the engine compiled at startup (generation 1)
	 * @param configuration the policies as configured now, read on every
	 * {@link #reload()}; it throws {@link InvalidCorsConfigurationException} when the
	 * configuration cannot be read (unknown keys, unreadable values); {@code null} when
	 * the policies do not come from configuration
	 * @param locator adds to a violation where its value was set
	 */
	public CorsPolicyRegistry(CorsEngine initial, @Nullable Supplier<List<CorsPolicy>> configuration,
			UnaryOperator<Violation> locator) {
		this(initial, configuration, locator, Clock.systemUTC());
	}

	CorsPolicyRegistry(CorsEngine initial, @Nullable Supplier<List<CorsPolicy>> configuration,
			UnaryOperator<Violation> locator, Clock clock) {
		this.configuration = configuration;
		this.locator = locator;
		this.clock = clock;
		this.state = new State(initial, 1, null);
	}

	/** The engine deciding requests now. Read it once per request. */
	public CorsEngine current() {
		return this.state.engine();
	}

	/** 1 at startup, one more for every applied change. */
	public long generation() {
		return this.state.generation();
	}

	/**
	 * The last change applied or refused, or {@code null} when none was tried; after a
	 * refused change, a change back to the policies serving shows as
	 * {@link PolicyChange.Outcome#UNCHANGED}.
	 */
	public @Nullable PolicyChange lastChange() {
		return this.state.lastChange();
	}

	/** How many changes were applied since startup. */
	public long appliedChanges() {
		return this.appliedLoosening + this.appliedOther;
	}

	/**
	 * How many applied changes loosened protection, or did not.
	 * @param loosened {@code true} for the changes with at least one loosening difference
	 */
	public long appliedChanges(boolean loosened) {
		return loosened ? this.appliedLoosening : this.appliedOther;
	}

	/** How many changes were refused since startup. */
	public long refusedChanges() {
		return this.refused;
	}

	/**
	 * Compile the policies as configured now (with every {@link CorsPoliciesCustomizer})
	 * and swap them in, unless they have errors or leave no policy: for application code,
	 * such as an admin flow whose data a customizer reads. A refusal is logged at WARN,
	 * since the caller receives it.
	 * @return what became of the change; {@link PolicyChange.Outcome#UNCHANGED} when the
	 * configured policies are those serving, or when the policies do not come from
	 * configuration
	 */
	public PolicyChange reload() {
		return reload(PolicyChange.Trigger.APPLICATION);
	}

	/**
	 * Compile the policies as configured now (with every {@link CorsPoliciesCustomizer})
	 * and swap them in, unless they have errors or leave no policy.
	 * @param trigger who asks: {@link PolicyChange.Trigger#CONFIGURATION} when the
	 * configuration changed and nobody receives the result (a refusal is logged at
	 * ERROR), {@link PolicyChange.Trigger#APPLICATION} for application code (at WARN)
	 * @return what became of the change; {@link PolicyChange.Outcome#UNCHANGED} when the
	 * configured policies are those serving, or when the policies do not come from
	 * configuration
	 */
	public PolicyChange reload(PolicyChange.Trigger trigger) {
		if (this.configuration == null) {
			return unchanged(trigger);
		}
		Source source = new Source(trigger, "reload");
		synchronized (this.changeLock) {
			List<CorsPolicy> policies;
			try {
				policies = this.configuration.get();
			}
			catch (InvalidCorsConfigurationException ex) {
				return refuse(ex, source, List.of());
			}
			catch (RuntimeException ex) {
				// whatever else goes wrong reading the configuration, fail closed and say
				// so
				return refuse(unexpected(ex), source, List.of());
			}
			return change(policies, source);
		}
	}

	/**
	 * Replace the policies with these, unless they have errors or leave no policy. Until
	 * the next reload of the configuration, which replaces them with the configured ones:
	 * to keep policies of the application's own across reloads, contribute them with a
	 * {@link CorsPoliciesCustomizer} and call {@link #reload()} instead. A refusal is
	 * logged at WARN, since the caller receives it.
	 * @param policies the complete new set of policies
	 * @return what became of the change, with every violation when refused
	 */
	public PolicyChange replace(List<CorsPolicy> policies) {
		synchronized (this.changeLock) {
			return change(List.copyOf(policies), new Source(PolicyChange.Trigger.APPLICATION, "replace"));
		}
	}

	private PolicyChange change(List<CorsPolicy> policies, Source source) {
		State before = this.state;
		CorsEngine engine;
		try {
			engine = CorsEngine.compile(policies, before.engine().validationContext());
		}
		catch (InvalidCorsConfigurationException ex) {
			return refuse(ex, source, List.of());
		}
		catch (RuntimeException ex) {
			return refuse(unexpected(ex), source, List.of());
		}
		if (engine.fingerprint().equals(before.engine().fingerprint())) {
			PolicyChange unchanged = unchanged(source.trigger());
			if (before.lastChange() != null && before.lastChange().isRefused()) {
				// the refused change was taken back: say so, rather than report it still
				// pending
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
				engine.fingerprint(), this.clock.instant(), warnings, source.trigger(), changes);
		this.state = new State(engine, change.generation(), change);
		if (change.loosens()) {
			this.appliedLoosening++;
		}
		else {
			this.appliedOther++;
		}
		if (logger.isInfoEnabled()) {
			logger.info("CORS policies changed by " + source + ": generation " + change.generation() + ", fingerprint "
					+ change.fingerprint() + ", policies "
					+ engine.policies()
						.stream()
						.map(p -> LogSanitizer.text(p.name()) + " " + LogSanitizer.text(p.pathPatterns().toString())
								+ ((p.mode() == PolicyMode.ENFORCE) ? "" : " (" + p.mode().tag() + ")"))
						.toList());
		}
		for (PolicyChange.Difference difference : changes) {
			if (difference.loosens()) {
				logger.warn("CORS policy change loosens protection: " + describe(difference) + " (generation "
						+ change.generation() + ", changed by " + source + ")");
			}
		}
		for (Violation warning : warnings) {
			logger.warn("CORS configuration: " + LogSanitizer.describe(warning));
		}
		return change;
	}

	private PolicyChange refuse(InvalidCorsConfigurationException ex, Source source,
			List<PolicyChange.Difference> changes) {
		State before = this.state;
		InvalidCorsConfigurationException located = located(ex);
		PolicyChange change = new PolicyChange(PolicyChange.Outcome.REFUSED, before.generation(),
				before.engine().fingerprint(), this.clock.instant(), located.getViolations(), source.trigger(),
				changes);
		this.state = new State(before.engine(), before.generation(), change);
		this.refused++;
		boolean configuration = source.trigger() == PolicyChange.Trigger.CONFIGURATION;
		String message = "CORS policy change " + (configuration ? "from " : "requested by ") + source
				+ " refused; generation " + before.generation() + " (fingerprint " + before.engine().fingerprint()
				+ ") keeps serving.\n\n" + InvalidCorsConfigurationFailureAnalyzer.report(located);
		if (configuration) {
			// nobody waits for the result of a refresh: this line is how anyone learns of
			// it
			logger.error(message);
		}
		else {
			// the caller received the violations and decides what to do with them
			logger.warn(message);
		}
		return change;
	}

	/** The violation of a change that would leave no policy, whoever asked for it. */
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

	/**
	 * One difference on one line, every value escaped, e.g.
	 * {@code cors.policies.api.allowed-origins added "https://x.example"}.
	 */
	static String describe(PolicyChange.Difference difference) {
		StringBuilder line = new StringBuilder(LogSanitizer.text(difference.property()));
		if (difference.property().equals("cors.policies." + difference.policy())) {
			boolean added = !difference.added().isEmpty();
			line.append(added ? " added, paths " : " removed, paths ")
				.append(values(added ? difference.added() : difference.removed()));
			return (added && difference.loosens())
					? line.append(", taking over paths another policy decided and allowing more than it").toString()
					: line.toString();
		}
		if (!difference.added().isEmpty()) {
			line.append(" added ").append(values(difference.added()));
		}
		if (!difference.removed().isEmpty()) {
			line.append(difference.added().isEmpty() ? " removed " : ", was ").append(values(difference.removed()));
		}
		if (difference.property().endsWith(".path-patterns") && difference.loosens() && !difference.added().isEmpty()) {
			line.append(", taking over paths another policy decided and allowing more than it");
		}
		return line.toString();
	}

	private static String values(List<String> values) {
		return values.stream().map(LogSanitizer::quote).collect(Collectors.joining(", "));
	}

	/**
	 * A failure that is not a violation, as one, so it is refused, logged and reported
	 * like one.
	 */
	private static InvalidCorsConfigurationException unexpected(RuntimeException ex) {
		logger.debug("CORS policy change failed", ex);
		return new InvalidCorsConfigurationException(List.of(Violation.error(ViolationRule.UNREADABLE_VALUE, "cors", "",
				"The policies could not be read or compiled: " + ex,
				"Check the cors.* properties where the configuration comes from; the previous policies keep "
						+ "serving.")));
	}

	/**
	 * Violations of a compile carry no place yet; those of the configuration already do.
	 */
	private InvalidCorsConfigurationException located(InvalidCorsConfigurationException ex) {
		if (ex.getClass() != InvalidCorsConfigurationException.class) {
			return ex;
		}
		return new InvalidCorsConfigurationException(ex.getViolations().stream().map(this.locator).toList());
	}

	private PolicyChange unchanged(PolicyChange.Trigger trigger) {
		State now = this.state;
		return new PolicyChange(PolicyChange.Outcome.UNCHANGED, now.generation(), now.engine().fingerprint(),
				this.clock.instant(), List.of(), trigger, List.of());
	}

	/**
	 * Who asked for a change and through which method, as log lines name it: {@code the
	 * configuration}, or {@code application code (CorsPolicyRegistry.replace)}.
	 */
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
