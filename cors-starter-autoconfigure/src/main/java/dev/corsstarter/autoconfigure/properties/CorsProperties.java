package dev.corsstarter.autoconfigure.properties;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;

/**
 * Configuration of cors-starter: named CORS policies, each applying to a set of path
 * patterns. Values that cannot be read are left at their defaults here:
 * {@link CorsPolicyLoader} reports them, so rebinding this bean never fails.
 */
@ConfigurationProperties(prefix = "cors", ignoreInvalidFields = true)
public class CorsProperties {

	/** Whether to install the CORS filter. */
	private boolean enabled = true;

	/** Order of the CORS filter; default just after ForwardedHeaderFilter. */
	private Integer filterOrder;

	/** Profiles that, when any of them is active, apply the production rules. */
	private List<String> productionProfiles = new ArrayList<>(List.of("prod", "production"));

	/** More development origins or patterns, refused under production rules. */
	private List<String> devOrigins = new ArrayList<>();

	/**
	 * CORS policies by name (cors.policies.<name>.<key>). Keys per policy: path-patterns
	 * (required), allowed-origins (required), allowed-methods (default GET, HEAD, POST),
	 * allowed-headers (default none), exposed-headers (default none), allow-credentials
	 * (default false), allow-private-network (default false), max-age (default 5m) and
	 * mode (enforce or report-only, default enforce). A request is decided by the policy
	 * whose path pattern matches it most specifically; paths no policy matches are left
	 * untouched.
	 */
	private Map<String, Policy> policies = new LinkedHashMap<>();

	/** What to do with keys under 'cors.' that cors-starter does not define. */
	private UnknownKeys unknownKeys = UnknownKeys.AUTO;

	/** Whether to register the policies as bean 'corsConfigurationSource'. */
	private boolean registerConfigurationSource;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Integer getFilterOrder() {
		return this.filterOrder;
	}

	public void setFilterOrder(Integer filterOrder) {
		this.filterOrder = filterOrder;
	}

	public List<String> getProductionProfiles() {
		return this.productionProfiles;
	}

	public void setProductionProfiles(List<String> productionProfiles) {
		this.productionProfiles = productionProfiles;
	}

	public List<String> getDevOrigins() {
		return this.devOrigins;
	}

	public void setDevOrigins(List<String> devOrigins) {
		this.devOrigins = devOrigins;
	}

	public Map<String, Policy> getPolicies() {
		return this.policies;
	}

	public void setPolicies(Map<String, Policy> policies) {
		this.policies = policies;
	}

	public UnknownKeys getUnknownKeys() {
		return this.unknownKeys;
	}

	public void setUnknownKeys(UnknownKeys unknownKeys) {
		this.unknownKeys = unknownKeys;
	}

	public boolean isRegisterConfigurationSource() {
		return this.registerConfigurationSource;
	}

	public void setRegisterConfigurationSource(boolean registerConfigurationSource) {
		this.registerConfigurationSource = registerConfigurationSource;
	}

	/** The configured policies as engine values, in declaration order. */
	public List<CorsPolicy> toCorsPolicies() {
		return this.policies.entrySet().stream().map((entry) -> entry.getValue().toCorsPolicy(entry.getKey())).toList();
	}

	/** What to do with keys under {@code cors.} that cors-starter does not define. */
	public enum UnknownKeys {

		/** Stop startup for a key meant for cors-starter; log any other at WARN. */
		AUTO,

		/** Stop startup with a failure analysis naming every unknown key. */
		FAIL,

		/** Log every unknown key at WARN and start. */
		WARN

	}

	/** One CORS policy, bound from {@code cors.policies.<name>.*}. */
	public static class Policy {

		/** Path patterns (PathPattern syntax, without context path), e.g. /api/**. */
		private List<String> pathPatterns = new ArrayList<>();

		/** Allowed origins, e.g. https://app.example.com, https://*.example.com. */
		private List<String> allowedOrigins = new ArrayList<>();

		/** Allowed HTTP methods, compared case-sensitively; '*' allows any. */
		private List<String> allowedMethods = new ArrayList<>(CorsPolicy.DEFAULT_METHODS);

		/** Request headers a preflight may ask for; '*' allows any. */
		private List<String> allowedHeaders = new ArrayList<>();

		/** Response headers, besides the safelisted ones, that scripts may read. */
		private List<String> exposedHeaders = new ArrayList<>();

		/** Whether to allow credentials; never with the '*' origin. */
		private boolean allowCredentials;

		/** Whether to allow private network access; never with the '*' origin. */
		private boolean allowPrivateNetwork;

		/** How long browsers may cache a preflight result; seconds without unit. */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration maxAge = CorsPolicy.DEFAULT_MAX_AGE;

		/** Whether the policy is enforced or report-only (logged and counted). */
		private PolicyMode mode = PolicyMode.ENFORCE;

		public List<String> getPathPatterns() {
			return this.pathPatterns;
		}

		public void setPathPatterns(List<String> pathPatterns) {
			this.pathPatterns = pathPatterns;
		}

		public List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
		}

		public List<String> getAllowedMethods() {
			return this.allowedMethods;
		}

		public void setAllowedMethods(List<String> allowedMethods) {
			this.allowedMethods = allowedMethods;
		}

		public List<String> getAllowedHeaders() {
			return this.allowedHeaders;
		}

		public void setAllowedHeaders(List<String> allowedHeaders) {
			this.allowedHeaders = allowedHeaders;
		}

		public List<String> getExposedHeaders() {
			return this.exposedHeaders;
		}

		public void setExposedHeaders(List<String> exposedHeaders) {
			this.exposedHeaders = exposedHeaders;
		}

		public boolean isAllowCredentials() {
			return this.allowCredentials;
		}

		public void setAllowCredentials(boolean allowCredentials) {
			this.allowCredentials = allowCredentials;
		}

		public boolean isAllowPrivateNetwork() {
			return this.allowPrivateNetwork;
		}

		public void setAllowPrivateNetwork(boolean allowPrivateNetwork) {
			this.allowPrivateNetwork = allowPrivateNetwork;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

		public PolicyMode getMode() {
			return this.mode;
		}

		public void setMode(PolicyMode mode) {
			this.mode = mode;
		}

		CorsPolicy toCorsPolicy(String name) {
			return CorsPolicy.builder(name)
				.pathPatterns(Objects.requireNonNullElse(this.pathPatterns, List.of()))
				.allowedOrigins(Objects.requireNonNullElse(this.allowedOrigins, List.of()))
				.allowedMethods(Objects.requireNonNullElse(this.allowedMethods, List.of()))
				.allowedHeaders(Objects.requireNonNullElse(this.allowedHeaders, List.of()))
				.exposedHeaders(Objects.requireNonNullElse(this.exposedHeaders, List.of()))
				.allowCredentials(this.allowCredentials)
				.allowPrivateNetwork(this.allowPrivateNetwork)
				.maxAge(Objects.requireNonNullElse(this.maxAge, CorsPolicy.DEFAULT_MAX_AGE))
				.mode(Objects.requireNonNullElse(this.mode, PolicyMode.ENFORCE))
				.build();
		}

	}

}
