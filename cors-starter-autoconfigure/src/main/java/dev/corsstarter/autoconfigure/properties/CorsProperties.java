package dev.corsstarter.autoconfigure.properties;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

	/**
	 * Order of the CORS filter. Defaults to just after Spring Boot's
	 * ForwardedHeaderFilter and well before Spring Session and Spring Security.
	 */
	private Integer filterOrder;

	/**
	 * Profiles that, when any of them is active, make the production validation rules
	 * apply.
	 */
	private List<String> productionProfiles = new ArrayList<>(List.of("prod", "production"));

	/**
	 * Additional origins or origin patterns that count as development origins and are
	 * refused when a production profile is active.
	 */
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

	/**
	 * What to do with keys under 'cors.' that cors-starter does not define. 'auto' stops
	 * startup for a key meant for cors-starter (under 'cors.policies.', or close to one
	 * of its keys, such as a misspelt 'allow-credential' or 'cors.allowed-origins') and
	 * logs any other at WARN, as the application's own; 'fail' stops startup for every
	 * such key; 'warn' logs every such key at WARN and starts.
	 */
	private UnknownKeys unknownKeys = UnknownKeys.AUTO;

	/**
	 * Whether to register the policies as Spring's CorsConfigurationSource, a bean named
	 * 'corsConfigurationSource' (what Spring Security's cors() looks up), unless the
	 * application defines a bean of that name. Off by default: the bean changes what
	 * Spring Security uses for paths no policy covers.
	 */
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

		/**
		 * Path patterns (Spring PathPattern syntax, within the application, without the
		 * context path) the policy applies to, e.g. /api/**. Required: at least one. When
		 * several policies match a request, the most specific pattern wins.
		 */
		private List<String> pathPatterns = new ArrayList<>();

		/**
		 * Allowed origins: 'scheme://host[:port]' exactly as a browser sends it,
		 * 'scheme://*.host[:port]' for any subdomain, 'scheme://host:*' for any port,
		 * 'null' for the opaque origin, or '*' for any origin (never with credentials or
		 * private network access). Required: at least one.
		 */
		private List<String> allowedOrigins = new ArrayList<>();

		/**
		 * Allowed HTTP methods, compared case-sensitively, such as GET, HEAD, POST, PUT,
		 * PATCH, DELETE; '*' allows any.
		 */
		private List<String> allowedMethods = new ArrayList<>(CorsPolicy.DEFAULT_METHODS);

		/**
		 * Request headers a preflight may ask for, compared case-insensitively, such as
		 * Content-Type or Authorization; '*' allows any (not a wildcard for credentialed
		 * requests). None by default.
		 */
		private List<String> allowedHeaders = new ArrayList<>();

		/**
		 * Response headers, besides the CORS-safelisted ones, that scripts may read, such
		 * as X-Request-Id or ETag. None by default.
		 */
		private List<String> exposedHeaders = new ArrayList<>();

		/**
		 * Whether browsers may send cookies and HTTP authentication and let scripts read
		 * the response (Access-Control-Allow-Credentials). Never together with the '*'
		 * origin.
		 */
		private boolean allowCredentials;

		/**
		 * Whether public sites may reach this server on a private network
		 * (Access-Control-Allow-Private-Network). Never together with the '*' origin.
		 */
		private boolean allowPrivateNetwork;

		/**
		 * How long browsers may cache a preflight result, sent in seconds. A number
		 * without unit is seconds; e.g. 10m, 1h. Chromium caps it at 2 hours.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration maxAge = CorsPolicy.DEFAULT_MAX_AGE;

		/**
		 * Whether the filter enforces the policy's decisions, or only logs and counts
		 * them (report-only). A report-only policy never lifts an enforced one: where an
		 * enforced policy also matches the path, that one decides; elsewhere the request
		 * goes through untouched.
		 */
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
				.pathPatterns(nonNull(this.pathPatterns))
				.allowedOrigins(nonNull(this.allowedOrigins))
				.allowedMethods(nonNull(this.allowedMethods))
				.allowedHeaders(nonNull(this.allowedHeaders))
				.exposedHeaders(nonNull(this.exposedHeaders))
				.allowCredentials(this.allowCredentials)
				.allowPrivateNetwork(this.allowPrivateNetwork)
				.maxAge((this.maxAge != null) ? this.maxAge : CorsPolicy.DEFAULT_MAX_AGE)
				.mode((this.mode != null) ? this.mode : PolicyMode.ENFORCE)
				.build();
		}

		private static List<String> nonNull(List<String> values) {
			return (values != null) ? values : List.of();
		}

	}

}
