package dev.corsstarter.autoconfigure.lifecycle;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.corsstarter.autoconfigure.diagnostics.InvalidCorsConfigurationFailureAnalyzer;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;
import dev.corsstarter.core.validation.InvalidCorsConfigurationException;
import dev.corsstarter.core.validation.Violation;
import dev.corsstarter.core.validation.ViolationRule;

/**
 * The CORS policies in force, and the one way to change them while the application runs. The
 * filters read {@link #current()} once per request, so every request is decided wholly by one
 * engine; a change compiles a new engine under the validation context of the first (production
 * rules included) and swaps it in atomically, or is refused and changes nothing.
 * <p>
 * Changes come from a reload of the configuration ({@link #reload()}, which the starter calls on
 * Spring Cloud's {@code EnvironmentChangeEvent}: {@code /actuator/refresh}, {@code busrefresh},
 * a ConfigMap reload) or from application code ({@link #replace(List)}). A refused change is
 * logged at ERROR with the text a startup failure shows; an applied one at INFO, with its
 * warnings at WARN. Thread-safe: changes are serialised, reads never wait.
 */
public final class CorsPolicyRegistry {

	private static final Log logger = LogFactory.getLog(CorsPolicyRegistry.class);

	private final Object changeLock = new Object();

	private final @Nullable Supplier<List<CorsPolicy>> configuration;

	private final UnaryOperator<Violation> locator;

	private final Clock clock;

	private volatile State state;

	private volatile long applied;

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
	 * @param configuration the policies as configured now, read on every {@link #reload()}; it
	 * throws {@link InvalidCorsConfigurationException} when the configuration cannot be read
	 * (unknown keys, unreadable values); {@code null} when the policies do not come from
	 * configuration
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
	 * The last change applied or refused, or {@code null} when none was tried; after a refused
	 * change, a change back to the policies serving shows as
	 * {@link PolicyChange.Outcome#UNCHANGED}.
	 */
	public @Nullable PolicyChange lastChange() {
		return this.state.lastChange();
	}

	/** How many changes were applied since startup. */
	public long appliedChanges() {
		return this.applied;
	}

	/** How many changes were refused since startup. */
	public long refusedChanges() {
		return this.refused;
	}

	/**
	 * Compile the policies as configured now (with every {@link CorsPoliciesCustomizer}) and
	 * swap them in, unless they have errors.
	 * @return what became of the change; {@link PolicyChange.Outcome#UNCHANGED} when the
	 * configured policies are those serving, or when the policies do not come from configuration
	 */
	public PolicyChange reload() {
		if (this.configuration == null) {
			return unchanged();
		}
		synchronized (this.changeLock) {
			List<CorsPolicy> policies;
			try {
				policies = this.configuration.get();
			}
			catch (InvalidCorsConfigurationException ex) {
				return refuse(ex, "the configuration");
			}
			catch (RuntimeException ex) {
				// whatever else goes wrong reading the configuration, fail closed and say so
				return refuse(unexpected(ex), "the configuration");
			}
			return change(policies, "the configuration");
		}
	}

	/**
	 * Replace the policies with these, unless they have errors. Until the next reload of the
	 * configuration, which replaces them with the configured ones: to keep policies of the
	 * application's own across reloads, contribute them with a {@link CorsPoliciesCustomizer}
	 * and call {@link #reload()} instead.
	 * @param policies the complete new set of policies
	 * @return what became of the change, with every violation when refused
	 */
	public PolicyChange replace(List<CorsPolicy> policies) {
		synchronized (this.changeLock) {
			return change(List.copyOf(policies), "application code");
		}
	}

	private PolicyChange change(List<CorsPolicy> policies, String source) {
		State before = this.state;
		CorsEngine engine;
		try {
			engine = CorsEngine.compile(policies, before.engine().validationContext());
		}
		catch (InvalidCorsConfigurationException ex) {
			return refuse(ex, source);
		}
		catch (RuntimeException ex) {
			return refuse(unexpected(ex), source);
		}
		if (engine.fingerprint().equals(before.engine().fingerprint())) {
			PolicyChange unchanged = unchanged();
			if (before.lastChange() != null && before.lastChange().isRefused()) {
				// the refused change was taken back: say so, rather than report it still pending
				this.state = new State(before.engine(), before.generation(), unchanged);
				logger.info("CORS policies from " + source + " are those serving again (generation "
						+ before.generation() + "); the refused change is no longer configured");
			}
			return unchanged;
		}
		List<Violation> warnings = engine.warnings().stream().map(this.locator).toList();
		PolicyChange change = new PolicyChange(PolicyChange.Outcome.APPLIED, before.generation() + 1,
				engine.fingerprint(), this.clock.instant(), warnings);
		this.state = new State(engine, change.generation(), change);
		this.applied++;
		if (logger.isInfoEnabled()) {
			logger.info("CORS policies changed by " + source + ": generation " + change.generation() + ", fingerprint "
					+ change.fingerprint() + ", policies " + engine.policies().stream()
						.map(p -> p.name() + " " + p.pathPatterns()
								+ ((p.mode() == PolicyMode.ENFORCE) ? "" : " (" + p.mode().tag() + ")"))
						.toList());
		}
		for (Violation warning : warnings) {
			logger.warn("CORS configuration: " + warning.describe());
		}
		return change;
	}

	private PolicyChange refuse(InvalidCorsConfigurationException ex, String source) {
		State before = this.state;
		InvalidCorsConfigurationException located = located(ex);
		PolicyChange change = new PolicyChange(PolicyChange.Outcome.REFUSED, before.generation(),
				before.engine().fingerprint(), this.clock.instant(), located.getViolations());
		this.state = new State(before.engine(), before.generation(), change);
		this.refused++;
		logger.error("CORS policy change from " + source + " refused; generation " + before.generation()
				+ " (fingerprint " + before.engine().fingerprint() + ") keeps serving.\n\n"
				+ InvalidCorsConfigurationFailureAnalyzer.report(located));
		return change;
	}

	/** A failure that is not a violation, as one, so it is refused, logged and reported like one. */
	private static InvalidCorsConfigurationException unexpected(RuntimeException ex) {
		logger.debug("CORS policy change failed", ex);
		return new InvalidCorsConfigurationException(List.of(Violation.error(ViolationRule.UNREADABLE_VALUE, "cors",
				"", "The policies could not be read or compiled: " + ex,
				"Check the cors.* properties where the configuration comes from; the previous policies keep serving.")));
	}

	/** Violations of a compile carry no place yet; those of the configuration already do. */
	private InvalidCorsConfigurationException located(InvalidCorsConfigurationException ex) {
		if (ex.getClass() != InvalidCorsConfigurationException.class) {
			return ex;
		}
		return new InvalidCorsConfigurationException(ex.getViolations().stream().map(this.locator).toList());
	}

	private PolicyChange unchanged() {
		State now = this.state;
		return new PolicyChange(PolicyChange.Outcome.UNCHANGED, now.generation(), now.engine().fingerprint(),
				this.clock.instant(), List.of());
	}

	/** Engine, generation and last change, swapped as one. */
	private record State(CorsEngine engine, long generation, @Nullable PolicyChange lastChange) {
	}

}
