package dev.corsstarter.sample;

/** The paths both Security configurations treat alike. */
final class SampleSecurity {

	/** The demo page and its assets. */
	static final String[] PUBLIC_PAGES = { "/", "/index.html", "/demo.js", "/demo.css", "/favicon.ico" };

	static final String[] PUBLIC_ACTUATOR = { "/actuator/health", "/actuator/health/**" };

	/** Anonymous API, any method. */
	static final String[] PUBLIC_API = { "/api/public/**" };

	/** Anonymous reads elsewhere under /api; writes there need a login. */
	static final String[] PUBLIC_API_READS = { "/api/items", "/api/items/**" };

	/** The stateless JSON API, exempt from CSRF tokens. */
	static final String API = "/api/**";

	/**
	 * The admin flow (tenant origins): login required, JSON bodies only, exempt from CSRF
	 * tokens like the actuator endpoints. A forged cross-site request cannot carry a JSON
	 * body without a preflight, and no CORS policy covers these paths, so no browser
	 * sends one.
	 */
	static final String ADMIN = "/admin/**";

	private SampleSecurity() {
	}

}
