package dev.corsstarter.core.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * One named CORS policy as configured: plain values, not yet validated or compiled. Build
 * it with {@link #builder(String)}.
 *
 * @param name the policy's name, the key under {@code cors.policies}
 * @param pathPatterns the path patterns it covers
 * @param allowedOrigins the origins it allows
 * @param allowedMethods the methods it allows
 * @param allowedHeaders the request headers it allows
 * @param exposedHeaders the response headers it exposes
 * @param allowCredentials whether credentials are allowed
 * @param allowPrivateNetwork whether Private Network Access is allowed
 * @param maxAge how long a browser may cache a preflight
 * @param mode whether decisions are enforced or only reported
 */
public record CorsPolicy(String name, List<String> pathPatterns, List<String> allowedOrigins,
		List<String> allowedMethods, List<String> allowedHeaders, List<String> exposedHeaders, boolean allowCredentials,
		boolean allowPrivateNetwork, Duration maxAge, PolicyMode mode) {

	/** Methods allowed when a policy lists none, as in Spring's CorsConfiguration. */
	public static final List<String> DEFAULT_METHODS = List.of("GET", "HEAD", "POST");

	/** Preflight cache lifetime when a policy sets none. */
	public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

	public CorsPolicy {
		Objects.requireNonNull(name, "name");
		pathPatterns = List.copyOf(pathPatterns);
		allowedOrigins = List.copyOf(allowedOrigins);
		allowedMethods = List.copyOf(allowedMethods);
		allowedHeaders = List.copyOf(allowedHeaders);
		exposedHeaders = List.copyOf(exposedHeaders);
		Objects.requireNonNull(maxAge, "maxAge");
		Objects.requireNonNull(mode, "mode");
	}

	public static Builder builder(String name) {
		return new Builder(name);
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

	/** Builds a {@link CorsPolicy}; each list setter replaces what was set before. */
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
			return replace(this.pathPatterns, patterns);
		}

		public Builder allowedOrigins(String... origins) {
			return allowedOrigins(List.of(origins));
		}

		public Builder allowedOrigins(Collection<String> origins) {
			return replace(this.allowedOrigins, origins);
		}

		public Builder allowedMethods(String... methods) {
			return allowedMethods(List.of(methods));
		}

		public Builder allowedMethods(Collection<String> methods) {
			return replace(this.allowedMethods, methods);
		}

		public Builder allowedHeaders(String... headers) {
			return allowedHeaders(List.of(headers));
		}

		public Builder allowedHeaders(Collection<String> headers) {
			return replace(this.allowedHeaders, headers);
		}

		public Builder exposedHeaders(String... headers) {
			return exposedHeaders(List.of(headers));
		}

		public Builder exposedHeaders(Collection<String> headers) {
			return replace(this.exposedHeaders, headers);
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
			return new CorsPolicy(this.name, this.pathPatterns, this.allowedOrigins, this.allowedMethods,
					this.allowedHeaders, this.exposedHeaders, this.allowCredentials, this.allowPrivateNetwork,
					this.maxAge, this.mode);
		}

		private Builder replace(List<String> target, Collection<String> values) {
			target.clear();
			// validation reports a null from YAML ("- ") as an empty value
			values.forEach((value) -> target.add((value != null) ? value : ""));
			return this;
		}

	}

}
