package dev.corsstarter.core.validation;

import java.util.Locale;

/**
 * Which rule a {@link Violation} breaks: a stable code for tools, tests and the actuator
 * endpoint ({@link #code()}, e.g. {@code max-age-above-cap}). The rendered reason and
 * action may change wording between releases; the rule does not.
 */
public enum ViolationRule {

	/** A policy without path patterns, so it never applies. */
	NO_PATH_PATTERN,

	/** A path pattern that is not Spring {@code PathPattern} syntax or lacks the /. */
	INVALID_PATH_PATTERN,

	/** The same path pattern in two policies. */
	DUPLICATE_PATH_PATTERN,

	/** A policy without allowed origins. */
	NO_ORIGIN,

	/** Not an origin at all: no host, or a bad scheme, port or host name. */
	INVALID_ORIGIN,

	/** An origin written otherwise than browsers send it (trailing slash, case, ...). */
	ORIGIN_NEVER_MATCHES,

	/** A wildcard that is {@code *} in disguise or not for leading labels or the port. */
	INVALID_WILDCARD,

	/** A {@code ws://} or {@code wss://} origin: a handshake sends the page's origin. */
	WEBSOCKET_SCHEME,

	/** {@code *} on a policy with {@code allow-credentials: true}. */
	WILDCARD_WITH_CREDENTIALS,

	/** {@code *} on a policy with {@code allow-private-network: true}. */
	WILDCARD_WITH_PRIVATE_NETWORK,

	/** A subdomain wildcard spanning a public suffix ({@code https://*.com}). */
	PUBLIC_SUFFIX_WILDCARD,

	/** A subdomain wildcard over a wildcard-DNS or tunnel service ({@code *.nip.io}). */
	SHARED_SERVICE_WILDCARD,

	/** The opaque origin {@code null} on a policy with credentials. */
	NULL_WITH_CREDENTIALS,

	/** The opaque origin {@code null} (an error under production rules). */
	NULL_ORIGIN,

	/** An {@code http://} origin with credentials (an error under production rules). */
	HTTP_WITH_CREDENTIALS,

	/** A development origin under a production profile. */
	DEV_ORIGIN_IN_PRODUCTION,

	/** A {@code cors.dev-origins} entry that breaks the origin grammar. */
	INVALID_DEV_ORIGIN,

	/** {@code *} in {@code cors.dev-origins}. */
	WILDCARD_DEV_ORIGIN,

	/** A policy without methods. */
	NO_METHOD,

	/** A method that is not an HTTP token. */
	INVALID_METHOD,

	/** {@code CONNECT}, {@code TRACE} or {@code TRACK}. */
	FORBIDDEN_METHOD,

	/** A standard method not in upper case, which never matches. */
	METHOD_CASE,

	/** A header name that is not an HTTP token. */
	INVALID_HEADER,

	/** A negative {@code max-age}. */
	NEGATIVE_MAX_AGE,

	/** A {@code max-age} above what Chromium (2 hours) or Firefox (24 hours) caches. */
	MAX_AGE_ABOVE_CAP,

	/** {@code *} in {@code allowed-methods} with credentials. */
	WILDCARD_METHOD_WITH_CREDENTIALS,

	/** {@code *} in {@code allowed-headers} with credentials. */
	WILDCARD_HEADER_WITH_CREDENTIALS,

	/** {@code *} in {@code exposed-headers} with credentials. */
	WILDCARD_EXPOSED_HEADER_WITH_CREDENTIALS,

	/** A forbidden request-header name (Fetch standard) in {@code allowed-headers}. */
	FORBIDDEN_REQUEST_HEADER,

	/** A forbidden response-header name (Fetch standard) in {@code exposed-headers}. */
	FORBIDDEN_RESPONSE_HEADER,

	/** A policy in {@code mode: report-only}: decided and reported, never enforced. */
	REPORT_ONLY_POLICY,

	/** A policy every path of which goes to another policy. */
	SHADOWED_POLICY,

	/** A change while running that leaves no policy (disabling needs a restart). */
	NO_POLICIES_LEFT,

	/** A key under {@code cors.} that is not defined (reported when properties bind). */
	UNKNOWN_KEY,

	/** A value that cannot be converted to its type (reported when properties bind). */
	UNREADABLE_VALUE;

	/** The rule in kebab case, e.g. {@code max-age-above-cap}. */
	public String code() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
