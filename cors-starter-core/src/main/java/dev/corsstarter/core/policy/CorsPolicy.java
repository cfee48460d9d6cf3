package dev.corsstarter.core.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * One named CORS policy as configured: plain values, not yet validated or compiled.
 * Immutable; build it with {@link #builder(String)}.
 */
public final class CorsPolicy {

	/**
	 * Methods allowed when a policy lists none, as in Spring Framework's
	 * CorsConfiguration.
	 */
	public static final List<String> DEFAULT_METHODS = List.of("GET", "HEAD", "POST");

	/** Preflight cache lifetime when a policy sets none. */
	public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

	private final String name;

	private final List<String> pathPatterns;

	private final List<String> allowedOrigins;

	private final List<String> allowedMethods;

	private final List<String> allowedHeaders;

	private final List<String> exposedHeaders;

	private final boolean allowCredentials;

	private final boolean allowPrivateNetwork;

	private final Duration maxAge;

	private final PolicyMode mode;

	private CorsPolicy(Builder b) {
		this.name = b.name;
		this.pathPatterns = List.copyOf(b.pathPatterns);
		this.allowedOrigins = List.copyOf(b.allowedOrigins);
		this.allowedMethods = List.copyOf(b.allowedMethods);
		this.allowedHeaders = List.copyOf(b.allowedHeaders);
		this.exposedHeaders = List.copyOf(b.exposedHeaders);
		this.allowCredentials = b.allowCredentials;
		this.allowPrivateNetwork = b.allowPrivateNetwork;
		this.maxAge = b.maxAge;
		this.mode = b.mode;
	}

	public static Builder builder(String name) {
		return new Builder(name);
	}

	public String name() {
		return this.name;
	}

	public List<String> pathPatterns() {
		return this.pathPatterns;
	}

	public List<String> allowedOrigins() {
		return this.allowedOrigins;
	}

	public List<String> allowedMethods() {
		return this.allowedMethods;
	}

	public List<String> allowedHeaders() {
		return this.allowedHeaders;
	}

	public List<String> exposedHeaders() {
		return this.exposedHeaders;
	}

	public boolean allowCredentials() {
		return this.allowCredentials;
	}

	public boolean allowPrivateNetwork() {
		return this.allowPrivateNetwork;
	}

	public Duration maxAge() {
		return this.maxAge;
	}

	/**
	 * Whether decisions are enforced or only reported; {@link PolicyMode#ENFORCE} unless
	 * set.
	 */
	public PolicyMode mode() {
		return this.mode;
	}

	/** The property prefix of this policy, e.g. {@code cors.policies.api}. */
	public String propertyPrefix() {
		return "cors.policies." + this.name;
	}

	@Override
	public String toString() {
		return "CorsPolicy[" + this.name + " " + this.pathPatterns + " " + this.allowedOrigins
				+ ((this.mode != PolicyMode.ENFORCE) ? " " + this.mode.tag() : "") + "]";
	}

	public static final class Builder {

		private final String name;

		private final List<String> pathPatterns = new ArrayList<>();

		private final List<String> allowedOrigins = new ArrayList<>();

		private final List<String> allowedMethods = new ArrayList<>(DEFAULT_METHODS);

		private final List<String> allowedHeaders = new ArrayList<>();

		private final List<String> exposedHeaders = new ArrayList<>();

		private boolean allowCredentials;

		private boolean allowPrivateNetwork;

		private Duration maxAge = DEFAULT_MAX_AGE;

		private PolicyMode mode = PolicyMode.ENFORCE;

		private Builder(String name) {
			this.name = Objects.requireNonNull(name, "name");
		}

		public Builder pathPatterns(String... patterns) {
			return pathPatterns(List.of(patterns));
		}

		public Builder pathPatterns(Collection<String> patterns) {
			replace(this.pathPatterns, patterns);
			return this;
		}

		public Builder allowedOrigins(String... origins) {
			return allowedOrigins(List.of(origins));
		}

		public Builder allowedOrigins(Collection<String> origins) {
			replace(this.allowedOrigins, origins);
			return this;
		}

		public Builder allowedMethods(String... methods) {
			return allowedMethods(List.of(methods));
		}

		public Builder allowedMethods(Collection<String> methods) {
			replace(this.allowedMethods, methods);
			return this;
		}

		public Builder allowedHeaders(String... headers) {
			return allowedHeaders(List.of(headers));
		}

		public Builder allowedHeaders(Collection<String> headers) {
			replace(this.allowedHeaders, headers);
			return this;
		}

		public Builder exposedHeaders(String... headers) {
			return exposedHeaders(List.of(headers));
		}

		public Builder exposedHeaders(Collection<String> headers) {
			replace(this.exposedHeaders, headers);
			return this;
		}

		public Builder allowCredentials(boolean allowCredentials) {
			this.allowCredentials = allowCredentials;
			return this;
		}

		public Builder allowPrivateNetwork(boolean allowPrivateNetwork) {
			this.allowPrivateNetwork = allowPrivateNetwork;
			return this;
		}

		public Builder maxAge(Duration maxAge) {
			this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
			return this;
		}

		public Builder mode(PolicyMode mode) {
			this.mode = Objects.requireNonNull(mode, "mode");
			return this;
		}

		public CorsPolicy build() {
			return new CorsPolicy(this);
		}

		private static void replace(List<String> target, Collection<String> values) {
			target.clear();
			for (String value : values) {
				// null elements come from YAML like "- " and are reported by validation
				// as empty values
				target.add(value != null ? value : "");
			}
		}

	}

}
