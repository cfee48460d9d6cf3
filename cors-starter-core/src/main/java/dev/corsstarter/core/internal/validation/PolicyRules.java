package dev.corsstarter.core.internal.validation;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.http.HttpMethod;

import dev.corsstarter.core.internal.HttpTokens;
import dev.corsstarter.core.internal.OriginPattern;
import dev.corsstarter.core.internal.validation.CorsPolicyValidator.Entry;
import dev.corsstarter.core.internal.validation.CorsPolicyValidator.ParsedPolicy;
import dev.corsstarter.core.internal.validation.CorsPolicyValidator.Report;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.validation.Severity;

/** The rules over one parsed policy, by concern (tabled in docs/validation.md). */
final class PolicyRules {

	static final Duration CHROMIUM_MAX_AGE_CAP = Duration.ofHours(2);

	static final Duration FIREFOX_MAX_AGE_CAP = Duration.ofHours(24);

	private static final Set<String> FORBIDDEN_METHODS = Set.of("CONNECT", "TRACE", "TRACK");

	private static final Set<String> STANDARD_METHODS = Stream.of(HttpMethod.values())
		.map(HttpMethod::name)
		.collect(Collectors.toUnmodifiableSet());

	/** The Fetch standard's forbidden request-header names, besides the prefixes. */
	private static final Set<String> FORBIDDEN_REQUEST_HEADERS = Set.of("accept-charset", "accept-encoding",
			"access-control-request-headers", "access-control-request-method", "connection", "content-length", "cookie",
			"cookie2", "date", "dnt", "expect", "host", "keep-alive", "origin", "referer", "set-cookie", "te",
			"trailer", "transfer-encoding", "upgrade", "via");

	/** The Fetch standard's forbidden response-header names. */
	private static final Set<String> FORBIDDEN_RESPONSE_HEADERS = Set.of("set-cookie", "set-cookie2");

	private PolicyRules() {
	}

	/** Errors in every profile: methods, headers, max-age, {@code *} combinations. */
	static void structure(ParsedPolicy parsed, Report report) {
		CorsPolicy policy = parsed.policy();
		List<String> methods = policy.allowedMethods();
		if (methods.isEmpty()) {
			report.error(Message.NO_METHOD, "allowed-methods", "");
		}
		report.each(methods, "allowed-methods", (key, method) -> {
			String upper = method.toUpperCase(Locale.ROOT);
			if (!HttpTokens.isToken(method)) {
				report.error(Message.INVALID_METHOD, key, method);
			}
			else if (FORBIDDEN_METHODS.contains(upper)) {
				report.error(Message.FORBIDDEN_METHOD, key, method);
			}
			else if (!method.equals(upper) && STANDARD_METHODS.contains(upper)) {
				report.add(Severity.ERROR, Message.METHOD_CASE, key, method, upper);
			}
		});
		BiConsumer<String, String> headerName = (key, header) -> {
			if (!HttpTokens.isToken(header)) {
				report.error(Message.INVALID_HEADER, key, header);
			}
		};
		report.each(policy.allowedHeaders(), "allowed-headers", headerName);
		report.each(policy.exposedHeaders(), "exposed-headers", headerName);
		if (policy.maxAge().isNegative()) {
			report.error(Message.NEGATIVE_MAX_AGE, "max-age", policy.maxAge().toString());
		}
		for (Entry<OriginPattern> origin : parsed.originEntries()) {
			if (origin.value().kind() == OriginPattern.Kind.ANY && policy.allowCredentials()) {
				report.error(Message.WILDCARD_WITH_CREDENTIALS, origin.key(), "*");
			}
			if (origin.value().kind() == OriginPattern.Kind.ANY && policy.allowPrivateNetwork()) {
				report.error(Message.WILDCARD_WITH_PRIVATE_NETWORK, origin.key(), "*");
			}
		}
	}

	/** Each origin: null, public suffix, shared service, then production rules. */
	static void origins(ParsedPolicy parsed, boolean production, DevOrigins devOrigins, Report report) {
		boolean credentials = parsed.policy().allowCredentials();
		Severity productionError = production ? Severity.ERROR : Severity.WARN;
		for (Entry<OriginPattern> entry : parsed.originEntries()) {
			OriginPattern origin = entry.value();
			String value = origin.value();
			if (origin.kind() == OriginPattern.Kind.NULL) {
				report.add(credentials ? Severity.ERROR : productionError,
						credentials ? Message.NULL_WITH_CREDENTIALS : Message.NULL_ORIGIN, entry.key(), value, null);
				continue;
			}
			if (origin.kind() == OriginPattern.Kind.ANY) {
				continue;
			}
			// a wildcard over a wildcard-DNS or tunnel service, where anyone can get a
			// name
			String service = (origin.anySubdomain() && !publicSuffix(origin, entry.key(), "allowed-origins", report))
					? DevOrigins.sharedService(origin.host()) : null;
			if (service != null) {
				report.add(credentials ? Severity.ERROR : Severity.WARN,
						credentials ? Message.SHARED_SERVICE_WITH_CREDENTIALS : Message.SHARED_SERVICE, entry.key(),
						value, null, "service", service, "scheme", origin.scheme(), "host", origin.host());
			}
			String dev = devOrigins.describe(origin);
			if (dev != null && production) {
				report.error(Message.DEV_ORIGIN_IN_PRODUCTION, entry.key(), value, "dev", dev);
			}
			else if (dev == null && credentials && "http".equals(origin.scheme())) {
				String https = "https" + value.substring("http".length());
				https = https.endsWith(":443") ? https.substring(0, https.length() - 4) : https;
				report.add(productionError, Message.HTTP_WITH_CREDENTIALS, entry.key(), value, https);
			}
		}
	}

	/** The public-suffix rule on a wildcard origin; whether it was reported. */
	static boolean publicSuffix(OriginPattern origin, String key, String list, Report report) {
		String host = origin.host();
		String suffix = PublicSuffixes.get().suffixSpannedBySubdomainsOf(host);
		if (suffix == null) {
			return false;
		}
		// each message fills the placeholders it has
		String port = origin.anyPort() ? ":*" : (origin.port() != null) ? ":" + origin.port() : "";
		report.error(
				suffix.equals(host) ? Message.PUBLIC_SUFFIX
						: suffix.startsWith("*.") ? Message.PUBLIC_SUFFIXES_BY_WILDCARD : Message.PUBLIC_SUFFIX_BELOW,
				key, origin.value(), "suffix", suffix, "host", host, "scheme", origin.scheme(), "port", port, "list",
				report.prefix() + "." + list);
		return true;
	}

	/** Warnings in every profile: what browsers cap, ignore or never send. */
	static void limits(ParsedPolicy parsed, Report report) {
		CorsPolicy policy = parsed.policy();
		Duration maxAge = policy.maxAge();
		if (maxAge.compareTo(CHROMIUM_MAX_AGE_CAP) > 0) {
			report.add(Severity.WARN,
					(maxAge.compareTo(FIREFOX_MAX_AGE_CAP) > 0) ? Message.MAX_AGE_ABOVE_FIREFOX_CAP
							: Message.MAX_AGE_ABOVE_CHROMIUM_CAP,
					"max-age", maxAge.toString(), "2h", "seconds", String.valueOf(maxAge.toSeconds()));
		}
		boolean credentials = policy.allowCredentials();
		if (credentials) {
			wildcard(policy.allowedMethods(), "allowed-methods", Message.WILDCARD_METHOD_WITH_CREDENTIALS, report);
			wildcard(policy.allowedHeaders(), "allowed-headers", Message.WILDCARD_HEADER_WITH_CREDENTIALS, report);
			wildcard(policy.exposedHeaders(), "exposed-headers", Message.WILDCARD_EXPOSED_HEADER_WITH_CREDENTIALS,
					report);
		}
		report.each(policy.allowedHeaders(), "allowed-headers", (key, header) -> {
			String lower = header.toLowerCase(Locale.ROOT);
			if (FORBIDDEN_REQUEST_HEADERS.contains(lower) || lower.startsWith("proxy-") || lower.startsWith("sec-")) {
				boolean cookie = lower.equals("cookie") || lower.equals("cookie2");
				Message message = !cookie ? Message.FORBIDDEN_REQUEST_HEADER : credentials
						? Message.FORBIDDEN_COOKIE_HEADER_WITH_CREDENTIALS : Message.FORBIDDEN_COOKIE_HEADER;
				report.warn(message, key, header);
			}
		});
		report.each(policy.exposedHeaders(), "exposed-headers", (key, header) -> {
			if (FORBIDDEN_RESPONSE_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
				report.warn(Message.FORBIDDEN_RESPONSE_HEADER, key, header);
			}
		});
	}

	private static void wildcard(List<String> values, String list, Message message, Report report) {
		int index = values.indexOf("*");
		if (index >= 0) {
			report.warn(message, list + "[" + index + "]", "*");
		}
	}

}
