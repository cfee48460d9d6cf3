package dev.corsstarter.core.internal.validation;

import dev.corsstarter.core.validation.InvalidCorsConfigurationException;
import dev.corsstarter.core.validation.Severity;
import dev.corsstarter.core.validation.ValidationContext;
import dev.corsstarter.core.validation.Violation;
import dev.corsstarter.core.validation.ViolationRule;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.corsstarter.core.internal.OriginPattern;
import dev.corsstarter.core.policy.CorsPolicy;

/**
 * Origin and warning rules over one policy whose grammar has been checked. Entries of
 * {@code origins} are null where the configured value was invalid; those already have an
 * error and are skipped here.
 * <p>
 * <b>ERROR in every profile</b>, per {@code allowed-origins[i]} (no environment has a
 * legitimate use, and many deployments name their production profile otherwise or use
 * none):
 * <ul>
 * <li>{@code null} on a policy with {@code allow-credentials: true}: any page can obtain
 * the opaque origin with a sandboxed iframe and would read responses with the visitor's
 * credentials;</li>
 * <li>a subdomain wildcard {@code *.X} that spans a public suffix of the Public Suffix
 * List (see {@link PublicSuffixes}): X is itself a suffix ({@code *.com},
 * {@code *.co.uk}, {@code *.github.io}), X's children are suffixes by a wildcard rule
 * ({@code *.ck}, {@code *.kawasaki.jp}), or a suffix lies below X
 * ({@code *.amazonaws.com} covers {@code s3.amazonaws.com}); in each case the wildcard
 * admits sites registered by other parties. The list is loaded only when such a wildcard
 * is checked.</li>
 * <li>a subdomain wildcard over a wildcard-DNS or tunnel service
 * ({@code https://*.nip.io}, {@code https://*.loca.lt}, see
 * {@link DevOrigins#sharedService}) on a policy with {@code allow-credentials: true} (a
 * WARN without credentials): anyone can get a name and a certificate there.</li>
 * </ul>
 * These run on every origin before dev classification, which never switches them off.
 * <b>ERROR while a production profile is active, WARN otherwise</b>:
 * <ul>
 * <li>{@code null}, the opaque origin, which any page can obtain with a sandboxed
 * iframe;</li>
 * <li>an {@code http://} origin, exact or wildcard, on a policy with
 * {@code allow-credentials: true}, unless it is a dev origin.</li>
 * </ul>
 * <b>ERROR while a production profile is active, silent otherwise</b>: a dev origin, as
 * decided by {@link DevOrigins} (built-in loopback, private-network and wildcard-DNS
 * hosts, plus {@code cors.dev-origins}). Dev origins are normal in development, and a
 * warning on every local start would teach users to ignore warnings.
 * <p>
 * <b>WARN in every profile</b>:
 * <ul>
 * <li>{@code max-age} above 2 hours (Chromium's cap) or above 24 hours (Firefox's cap):
 * one warning, with the text for the cap exceeded, which also names WebKit's cap (10
 * minutes). WebKit's cap alone is no warning: a value between 10 minutes and 2 hours is
 * common and still saves preflights in Chromium and Firefox;</li>
 * <li>{@code *} in {@code allowed-methods}, {@code allowed-headers} or
 * {@code exposed-headers} with {@code allow-credentials: true};</li>
 * <li>a forbidden request-header name of the Fetch standard in {@code allowed-headers},
 * and a forbidden response-header name ({@code Set-Cookie}, {@code Set-Cookie2}) in
 * {@code exposed-headers}: browsers never send or expose them, so the entry is dead.</li>
 * </ul>
 * Policies shadowed by other policies need every policy and are found by
 * {@link PolicyShadowing}; the warning for a report-only policy names the enforced policy
 * that keeps deciding on its paths, so it too needs every policy:
 * {@link ReportOnlyPolicies}.
 */
final class PolicyRules {

	static final Duration CHROMIUM_MAX_AGE_CAP = Duration.ofHours(2);

	static final Duration FIREFOX_MAX_AGE_CAP = Duration.ofHours(24);

	/**
	 * The Fetch standard's forbidden request-header names, lower case, besides the
	 * prefixes.
	 */
	static final Set<String> FORBIDDEN_REQUEST_HEADERS = Set.of("accept-charset", "accept-encoding",
			"access-control-request-headers", "access-control-request-method", "connection", "content-length", "cookie",
			"cookie2", "date", "dnt", "expect", "host", "keep-alive", "origin", "referer", "set-cookie", "te",
			"trailer", "transfer-encoding", "upgrade", "via");

	/** The Fetch standard's forbidden response-header names, lower case. */
	static final Set<String> FORBIDDEN_RESPONSE_HEADERS = Set.of("set-cookie", "set-cookie2");

	private PolicyRules() {
	}

	static void apply(CorsPolicy policy, List<OriginPattern> origins, ValidationContext context, DevOrigins devOrigins,
			List<Violation> out) {
		checkOrigins(policy, origins, context, devOrigins, out);
		checkMaxAge(policy, out);
		checkWildcardsWithCredentials(policy, out);
		checkForbiddenHeaders(policy, out);
	}

	private static void checkOrigins(CorsPolicy policy, List<OriginPattern> origins, ValidationContext context,
			DevOrigins devOrigins, List<Violation> out) {
		String prefix = policy.propertyPrefix();
		boolean production = context.production();
		Severity productionError = production ? Severity.ERROR : Severity.WARN;
		for (int i = 0; i < origins.size(); i++) {
			OriginPattern origin = origins.get(i);
			if (origin == null || origin.kind() == OriginPattern.Kind.ANY) {
				continue;
			}
			String property = prefix + ".allowed-origins[" + i + "]";
			String value = origin.value();
			if (origin.kind() == OriginPattern.Kind.NULL) {
				String fix = "Remove 'null' from " + prefix
						+ ".allowed-origins and serve the client from a real origin that you list, e.g. https://app.example.com";
				if (policy.allowCredentials()) {
					out.add(Violation.error(ViolationRule.NULL_WITH_CREDENTIALS, property, value,
							"The opaque origin 'null' is sent by sandboxed iframes, file: and data: documents and some redirects; any web site can produce it with <iframe sandbox>, so with allow-credentials=true every site could read this API's responses with the visitor's credentials.",
							fix));
				}
				else {
					out.add(new Violation(ViolationRule.NULL_ORIGIN, productionError, property, value,
							"The opaque origin 'null' is sent by sandboxed iframes, file: and data: documents and some redirects; any web site can produce it with <iframe sandbox>, so allowing it allows everyone.",
							fix, null));
				}
				continue;
			}
			// the origin rules of every profile run before dev classification, which only
			// decides the production error
			if (origin.anySubdomain() && !checkPublicSuffix(prefix + ".allowed-origins", property, origin, out)) {
				checkSharedService(policy, property, origin, out);
			}
			String dev = devOrigins.describe(origin);
			if (dev != null) {
				if (production) {
					out.add(Violation.error(ViolationRule.DEV_ORIGIN_IN_PRODUCTION, property, value, "'" + value
							+ "' is " + dev
							+ ". Allowed in production, it lets whatever runs there (a local dev server, another application, malware) call this API in the visitor's name.",
							"Remove " + value + " from " + prefix
									+ ".allowed-origins in the production configuration and list it in a development profile only (e.g. application-dev.yml); production rules apply when a profile in cors.production-profiles is active."));
				}
				continue;
			}
			if (policy.allowCredentials() && "http".equals(origin.scheme())) {
				String https = httpsVersion(origin);
				out.add(new Violation(ViolationRule.HTTP_WITH_CREDENTIALS, productionError, property, value,
						"An http:// origin is served without TLS, so anyone on the network path (public Wi-Fi, a compromised router) can inject script into it and read this API's responses with the visitor's credentials (allow-credentials=true).",
						"Serve the client over HTTPS and list " + https + " instead, or set " + prefix
								+ ".allow-credentials=false.",
						https));
			}
		}
	}

	/**
	 * A wildcard over a wildcard-DNS or tunnel service: anyone can get a name and a TLS
	 * certificate there, so it trusts sites anyone can create. An error with credentials,
	 * a warning without, in every profile, dev origin or not.
	 */
	private static void checkSharedService(CorsPolicy policy, String property, OriginPattern origin,
			List<Violation> out) {
		String service = DevOrigins.sharedService(origin.host());
		if (service == null) {
			return;
		}
		String value = origin.value();
		boolean credentials = policy.allowCredentials();
		String reason = "'" + value + "' is a wildcard over " + service + ": anyone can get a name under it and "
				+ "a TLS certificate for that name, so this wildcard trusts sites anyone can create"
				+ (credentials ? ", and with allow-credentials=true they read this API's responses with the "
						+ "visitor's credentials." : ".");
		String fix = "List the exact origins you use (e.g. " + origin.scheme() + "://my-app." + origin.host()
				+ ") in a development profile only (e.g. application-dev.yml)"
				+ (credentials ? ", or set " + policy.propertyPrefix() + ".allow-credentials=false." : ".");
		out.add(new Violation(ViolationRule.SHARED_SERVICE_WILDCARD, credentials ? Severity.ERROR : Severity.WARN,
				property, value, reason, fix, null));
	}

	/**
	 * The public-suffix rule on one wildcard origin, of a policy or of
	 * {@code cors.dev-origins}.
	 * @param list the list property the origin belongs to, named by the fix
	 * @return whether it was reported
	 */
	static boolean checkPublicSuffix(String list, String property, OriginPattern origin, List<Violation> out) {
		String host = origin.host();
		String suffix = PublicSuffixes.get().suffixSpannedBySubdomainsOf(host);
		if (suffix == null) {
			return false;
		}
		String value = origin.value();
		String reason;
		String fix;
		if (suffix.equals(host)) {
			String port = origin.anyPort() ? ":*" : (origin.port() != null) ? ":" + origin.port() : "";
			reason = "'" + host + "' is a public suffix";
			fix = "List the exact origins you serve, or a wildcard under a domain you control, e.g. " + origin.scheme()
					+ "://*.your-site." + host + port + ", in " + list + ".";
		}
		else {
			reason = suffix.startsWith("*.") ? "every name matching " + suffix + " is a public suffix"
					: "the public suffix " + suffix + " lies below '" + host + "'";
			fix = "List the exact origins you serve, or narrow the wildcard to a domain you control below which the Public Suffix List has no entry, in "
					+ list + ".";
		}
		out.add(Violation.error(ViolationRule.PUBLIC_SUFFIX_WILDCARD, property, value, "'" + value
				+ "' spans a public suffix: " + reason
				+ " on the Public Suffix List, where unrelated parties register their own sites, so this wildcard trusts sites anyone can create.",
				fix));
		return true;
	}

	private static String httpsVersion(OriginPattern origin) {
		String value = origin.value();
		String https = "https" + value.substring("http".length());
		return https.endsWith(":443") ? https.substring(0, https.length() - 4) : https;
	}

	private static void checkMaxAge(CorsPolicy policy, List<Violation> out) {
		Duration maxAge = policy.maxAge();
		if (maxAge.compareTo(CHROMIUM_MAX_AGE_CAP) <= 0) {
			return;
		}
		String seconds = maxAge.toSeconds() + " s";
		String reason = (maxAge.compareTo(FIREFOX_MAX_AGE_CAP) > 0) ? "max-age " + seconds
				+ " is above 24 hours: Firefox caps the preflight cache at 24 hours (86400 s), Chromium-based browsers at 2 hours (7200 s) and WebKit (Safari) at 10 minutes (600 s), so no browser caches preflights that long."
				: "max-age " + seconds
						+ " is above 2 hours: Chromium-based browsers cap the preflight cache at 2 hours (7200 s), WebKit (Safari) at 10 minutes (600 s), and repeat the preflight after that, whatever this value says.";
		out.add(new Violation(ViolationRule.MAX_AGE_ABOVE_CAP, Severity.WARN, policy.propertyPrefix() + ".max-age",
				maxAge.toString(), reason, "Use 2h or less, e.g. " + policy.propertyPrefix() + ".max-age=2h", "2h"));
	}

	private static void checkWildcardsWithCredentials(CorsPolicy policy, List<Violation> out) {
		if (!policy.allowCredentials()) {
			return;
		}
		String prefix = policy.propertyPrefix();
		int methods = policy.allowedMethods().indexOf("*");
		if (methods >= 0) {
			out.add(Violation.warn(ViolationRule.WILDCARD_METHOD_WITH_CREDENTIALS,
					prefix + ".allowed-methods[" + methods + "]", "*",
					"For credentialed requests browsers read '*' in Access-Control-Allow-Methods as a method literally named '*', not a wildcard. This starter answers each preflight with the requested method, so requests work, but every method, DELETE included, is then allowed with the visitor's credentials.",
					"List the methods the clients use, e.g. " + prefix + ".allowed-methods=GET,POST,PUT,DELETE"));
		}
		int headers = policy.allowedHeaders().indexOf("*");
		if (headers >= 0) {
			out.add(Violation.warn(ViolationRule.WILDCARD_HEADER_WITH_CREDENTIALS,
					prefix + ".allowed-headers[" + headers + "]", "*",
					"For credentialed requests browsers read '*' in Access-Control-Allow-Headers as a header literally named '*', not a wildcard. This starter answers each preflight with the requested header names, so requests work, but any request header is then accepted with the visitor's credentials.",
					"List the request headers the clients send, e.g. " + prefix
							+ ".allowed-headers=Content-Type,Authorization"));
		}
		int exposed = policy.exposedHeaders().indexOf("*");
		if (exposed >= 0) {
			out.add(Violation.warn(ViolationRule.WILDCARD_EXPOSED_HEADER_WITH_CREDENTIALS,
					prefix + ".exposed-headers[" + exposed + "]", "*",
					"For credentialed requests browsers read Access-Control-Expose-Headers: * as a header literally named '*', so no response header is exposed to scripts; this starter sends the list as configured.",
					"List the response headers scripts must read, e.g. " + prefix + ".exposed-headers=X-Request-Id"));
		}
	}

	private static void checkForbiddenHeaders(CorsPolicy policy, List<Violation> out) {
		String prefix = policy.propertyPrefix();
		List<String> allowed = policy.allowedHeaders();
		for (int i = 0; i < allowed.size(); i++) {
			String header = allowed.get(i);
			if (!isForbiddenRequestHeader(header)) {
				continue;
			}
			boolean cookie = header.equalsIgnoreCase("cookie") || header.equalsIgnoreCase("cookie2");
			String cookieFix = policy.allowCredentials() ? "; cookies are already sent because allow-credentials=true."
					: "; to receive cookies set " + prefix + ".allow-credentials=true.";
			out.add(Violation
				.warn(ViolationRule.FORBIDDEN_REQUEST_HEADER, prefix + ".allowed-headers[" + i + "]", header, "'"
						+ header
						+ "' is a forbidden request-header name in the Fetch standard: browsers never let scripts set it and never list it in Access-Control-Request-Headers, so this entry has no effect."
						+ (cookie
								? " Cookies are sent by the browser when allow-credentials=true, not by allowing the header."
								: ""),
						"Remove " + header + " from " + prefix + ".allowed-headers" + (cookie ? cookieFix : ".")));
		}
		List<String> exposed = policy.exposedHeaders();
		for (int i = 0; i < exposed.size(); i++) {
			String header = exposed.get(i);
			if (!FORBIDDEN_RESPONSE_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
				continue;
			}
			out.add(Violation
				.warn(ViolationRule.FORBIDDEN_RESPONSE_HEADER, prefix + ".exposed-headers[" + i + "]", header, "'"
						+ header
						+ "' is a forbidden response-header name in the Fetch standard: browsers never expose it to scripts, whatever Access-Control-Expose-Headers says.",
						"Remove " + header + " from " + prefix + ".exposed-headers."));
		}
	}

	static boolean isForbiddenRequestHeader(String header) {
		String lower = header.toLowerCase(Locale.ROOT);
		return FORBIDDEN_REQUEST_HEADERS.contains(lower) || lower.startsWith("proxy-") || lower.startsWith("sec-");
	}

}
