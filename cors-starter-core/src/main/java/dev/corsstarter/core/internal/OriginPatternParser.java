package dev.corsstarter.core.internal;

import java.net.IDN;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

import dev.corsstarter.core.internal.OriginPattern.Kind;
import dev.corsstarter.core.internal.OriginSyntaxException.Fault;

import static dev.corsstarter.core.internal.OriginHeaderChecks.MAX_HOST_LENGTH;
import static dev.corsstarter.core.internal.OriginHeaderChecks.MAX_LABEL_LENGTH;
import static dev.corsstarter.core.internal.OriginHeaderChecks.MAX_LENGTH;
import static dev.corsstarter.core.internal.OriginHeaderChecks.MAX_SCHEME_LENGTH;
import static dev.corsstarter.core.internal.OriginHeaderChecks.defaultPort;
import static dev.corsstarter.core.internal.OriginHeaderChecks.hostEnd;
import static dev.corsstarter.core.internal.OriginHeaderChecks.isHostChar;

/** Parses configured origins strictly, refusing what no browser could send. */
public final class OriginPatternParser {

	private static final LongAdder PARSES = new LongAdder();

	private OriginPatternParser() {
	}

	/** Parse one configured origin, or throw {@link OriginSyntaxException}. */
	public static OriginPattern parse(String value) {
		PARSES.increment();
		try {
			return parseOnce(value);
		}
		catch (OriginSyntaxException ex) {
			throw withCompleteFix(ex);
		}
	}

	/** How many times {@link #parse} ran: a test proves each value is parsed once. */
	static long parseCount() {
		return PARSES.sum();
	}

	/** Follow the corrections of several faults until one parses. */
	private static OriginSyntaxException withCompleteFix(OriginSyntaxException first) {
		String candidate = first.getSuggestedValue();
		StringBuilder fix = new StringBuilder(first.getFix());
		for (int i = 0; candidate != null && i < 5; i++) {
			try {
				parseOnce(candidate);
				return (i == 0) ? first
						: new OriginSyntaxException(first.getFault(), first.getReason(), fix.toString(), candidate);
			}
			catch (OriginSyntaxException next) {
				String step = next.getFix();
				fix.append("; then ").append(Character.toLowerCase(step.charAt(0))).append(step.substring(1));
				candidate = next.getSuggestedValue();
			}
		}
		return (first.getSuggestedValue() == null) ? first
				: new OriginSyntaxException(first.getFault(), first.getReason(), fix.toString(), null);
	}

	/** A fault with no single correction: the fix is advice. */
	private static OriginSyntaxException fault(Fault fault, String reason, String fix) {
		return new OriginSyntaxException(fault, reason, fix, null);
	}

	/** A fault with one certain correction, which the fix ends with. */
	private static OriginSyntaxException corrected(Fault fault, String reason, String action, String suggested) {
		return new OriginSyntaxException(fault, reason, action + suggested, suggested);
	}

	private static OriginPattern parseOnce(String value) {
		if (value == null || value.isBlank()) {
			throw fault(Fault.INVALID, "An empty origin can never match.",
					"Remove the entry or write an origin such as https://app.example.com.");
		}
		if (!value.equals(value.strip())) {
			throw corrected(Fault.NEVER_MATCHES, "Surrounding whitespace means the origin can never match.",
					"Remove the whitespace: ", value.strip());
		}
		if (value.equals("*") || value.equals("null")) {
			return new OriginPattern(value, value.equals("*") ? Kind.ANY : Kind.NULL, null, null, false, null, false);
		}
		if (value.equalsIgnoreCase("null")) {
			throw corrected(Fault.NEVER_MATCHES, "The opaque origin is sent as lower-case 'null'.", "Write: ", "null");
		}
		int schemeEnd = value.indexOf("://");
		if (schemeEnd < 0) {
			String what = value.startsWith("*.")
					? "A wildcard without a scheme can never match: an Origin always has one."
					: "An origin without a scheme can never match: an Origin is scheme://host[:port].";
			throw corrected(Fault.NEVER_MATCHES, what, "Add the scheme, e.g. ", "https://" + value);
		}
		String scheme = value.substring(0, schemeEnd);
		if (!scheme.toLowerCase(Locale.ROOT).matches("[a-z][a-z0-9+.-]*")) {
			throw fault(Fault.INVALID, "'" + scheme + "' is not a valid URI scheme.",
					"Use a scheme such as https, e.g. https://app.example.com");
		}
		if (!scheme.equals(scheme.toLowerCase(Locale.ROOT))) {
			throw corrected(Fault.NEVER_MATCHES, "Browsers send the scheme in lower case, so this never matches.",
					"Write it in lower case: ", scheme.toLowerCase(Locale.ROOT) + value.substring(schemeEnd));
		}
		if (scheme.equals("ws") || scheme.equals("wss")) {
			String page = scheme.equals("ws") ? "http" : "https";
			throw corrected(Fault.WEBSOCKET_SCHEME,
					"Browsers send the http(s) origin of the page on a WebSocket handshake, never a " + scheme
							+ ":// origin, so this never matches.",
					"List the origin of the page that opens the WebSocket: ", page + value.substring(schemeEnd));
		}
		if (scheme.length() > MAX_SCHEME_LENGTH) {
			throw fault(Fault.INVALID,
					"An Origin with a scheme longer than " + MAX_SCHEME_LENGTH
							+ " characters is rejected as malformed, so this never matches.",
					"Use the scheme the client actually sends, at most " + MAX_SCHEME_LENGTH + " characters.");
		}
		String rest = value.substring(schemeEnd + 3);
		String authority = rest.split("[/?#]", 2)[0];
		if (authority.length() < rest.length()) {
			String tail = rest.substring(authority.length());
			String reason = tail.equals("/") ? "An origin has no trailing slash, so this never matches."
					: "An origin has no path, query or fragment, so this never matches.";
			String action = tail.equals("/") ? "Remove the trailing slash: " : "Keep only scheme://host[:port]: ";
			throw corrected(Fault.NEVER_MATCHES, reason, action, scheme + "://" + authority);
		}
		if (authority.indexOf('@') >= 0) {
			throw corrected(Fault.NEVER_MATCHES, "An origin never contains user info (user@), so this never matches.",
					"Remove the user info: ", scheme + "://" + authority.substring(authority.lastIndexOf('@') + 1));
		}
		if (authority.isEmpty()) {
			throw fault(Fault.INVALID, "The origin has no host.", "Write scheme://host, e.g. https://app.example.com");
		}
		if (authority.startsWith("*.[")) {
			throw corrected(Fault.INVALID_WILDCARD, "An IP literal has no subdomains.",
					"List the exact origin instead, e.g. ", scheme + "://" + authority.substring(2));
		}
		// split host and port (IPv6 literals are bracketed)
		int hostEnd;
		if (authority.startsWith("[")) {
			hostEnd = authority.indexOf(']') + 1;
			if (hostEnd == 0 || (hostEnd < authority.length() && authority.charAt(hostEnd) != ':')) {
				throw fault(Fault.INVALID,
						(hostEnd == 0) ? "Unterminated IPv6 literal." : "Unexpected characters after the IPv6 literal.",
						"Write it as scheme://[address]:port, e.g. http://[::1]:8080");
			}
		}
		else {
			int colon = authority.lastIndexOf(':');
			hostEnd = (colon >= 0) ? colon : authority.length();
		}
		String hostPart = authority.substring(0, hostEnd);
		String portPart = (hostEnd < authority.length()) ? authority.substring(hostEnd + 1) : null;
		boolean anyPort = "*".equals(portPart);
		if (portPart != null && !anyPort) {
			checkPort(scheme, hostPart, portPart);
		}
		if (hostPart.equals("*")) {
			throw fault(Fault.INVALID_WILDCARD, "A wildcard host matches every site; it is '*' in disguise.",
					"Use a subdomain wildcard under a domain you control, e.g. " + scheme + "://*.example.com");
		}
		boolean anySubdomain = hostPart.startsWith("*.");
		String host = anySubdomain ? hostPart.substring(2) : hostPart;
		if (host.indexOf('*') >= 0) {
			throw fault(Fault.INVALID_WILDCARD,
					"A wildcard may only stand for whole leading labels ('*.') or the port (':*').",
					"Use a form such as " + scheme + "://*.example.com or " + scheme + "://example.com:*");
		}
		checkHost(scheme, host, anySubdomain, authority.substring(hostPart.length()));
		// the shortest match: "*." stands for at least two characters, ":*" for none
		if (value.length() - (anyPort ? 2 : 0) > MAX_LENGTH || (anySubdomain && host.length() + 2 > MAX_HOST_LENGTH)) {
			throw fault(Fault.NEVER_MATCHES,
					"Every origin this could match is longer than an Origin header may be (" + MAX_LENGTH
							+ " characters, host " + MAX_HOST_LENGTH + "), so this never matches.",
					"Use a shorter host, or a subdomain wildcard such as " + scheme + "://*.example.com");
		}
		return new OriginPattern(value, (anySubdomain || anyPort) ? Kind.WILDCARD : Kind.EXACT, scheme, host,
				anySubdomain, anyPort ? null : portPart, anyPort);
	}

	private static void checkPort(String scheme, String host, String port) {
		String without = scheme + "://" + host;
		if (port.isEmpty() || !port.chars().allMatch(c -> c >= '0' && c <= '9') || port.length() > 5) {
			throw fault(Fault.INVALID, "'" + port + "' is not a valid port.",
					"Use a port between 1 and 65535, ':*' for any port, or none: " + without);
		}
		int number = Integer.parseInt(port);
		if (number < 1 || number > 65535) {
			throw fault(Fault.INVALID, "Port " + port + " is outside 1-65535.",
					"Use a port between 1 and 65535, or none: " + without);
		}
		if (port.charAt(0) == '0') {
			throw corrected(Fault.NEVER_MATCHES, "Browsers send ports without leading zeros, so this never matches.",
					"Write: ", without + ":" + number);
		}
		if (number == defaultPort(scheme)) {
			throw corrected(Fault.NEVER_MATCHES,
					"Browsers omit the default port " + number + " for " + scheme + ", so this never matches.",
					"Remove the port: ", without);
		}
	}

	private static void checkHost(String scheme, String host, boolean anySubdomain, String portSuffix) {
		String prefix = scheme + "://" + (anySubdomain ? "*." : "");
		if (host.startsWith("[")) {
			String inner = host.substring(1, host.length() - 1);
			if (hostEnd(host, 0) != host.length()) {
				String lower = host.toLowerCase(Locale.ROOT);
				String reason = "'" + host + "' is not an IPv6 literal as browsers serialise it (lower-case hex).";
				String action = "Write it as a lower-case IPv6 address, e.g. ";
				if (lower.equals(host)) {
					throw fault(Fault.INVALID, reason, action + prefix + "[::1]" + portSuffix);
				}
				throw corrected(Fault.NEVER_MATCHES, reason, action, prefix + lower + portSuffix);
			}
			int[] pieces = Ipv6Address.parse(inner);
			if (pieces == null) {
				throw fault(Fault.INVALID, "'" + host + "' is not a valid IPv6 address.",
						"Write a valid IPv6 address in brackets, e.g. " + prefix + "[::1]" + portSuffix);
			}
			String canonical = Ipv6Address.serialize(pieces);
			if (!canonical.equals(inner)) {
				throw corrected(Fault.NEVER_MATCHES,
						"Browsers send an IPv6 address in its one shortest form (zeros compressed, no leading "
								+ "zeros, an embedded IPv4 address in hex), so this never matches.",
						"Write: ", prefix + "[" + canonical + "]" + portSuffix);
			}
			return;
		}
		if (!host.chars().allMatch((c) -> c < 0x80)) {
			String reason = "Browsers send internationalised hosts in punycode, so this never matches.";
			String punycode;
			try {
				punycode = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
			}
			catch (IllegalArgumentException ex) {
				throw fault(Fault.NEVER_MATCHES, reason, "Write the host in its punycode (IDNA) form.");
			}
			throw corrected(Fault.NEVER_MATCHES, reason, "Write the punycode form: ", prefix + punycode + portSuffix);
		}
		if (!host.equals(host.toLowerCase(Locale.ROOT))) {
			throw corrected(Fault.NEVER_MATCHES, "Browsers send the host in lower case, so this never matches.",
					"Write it in lower case: ", prefix + host.toLowerCase(Locale.ROOT) + portSuffix);
		}
		if (host.isEmpty() || host.length() > MAX_HOST_LENGTH) {
			throw fault(Fault.INVALID, "A host must have 1 to " + MAX_HOST_LENGTH + " characters.",
					"Write a valid host name.");
		}
		for (String label : host.split("\\.", -1)) {
			int bad = label.chars().filter((c) -> !isHostChar((char) c)).findFirst().orElse(-1);
			if (bad >= 0) {
				throw fault(Fault.INVALID, "'" + (char) bad + "' is not allowed in a host name.",
						"Use letters, digits, '-', '_' and '.' only.");
			}
			if (label.isEmpty()) {
				throw fault(Fault.INVALID, "The host has an empty label (leading, trailing or double dot).",
						"Remove the extra dot.");
			}
			if (label.length() > MAX_LABEL_LENGTH) {
				throw fault(Fault.INVALID, "A host label is longer than " + MAX_LABEL_LENGTH + " characters.",
						"Write a valid host name.");
			}
			if (defaultPort(scheme) >= 0 && label.startsWith("xn--") && !isPunycode(label)) {
				throw fault(Fault.NEVER_MATCHES, "The label '" + label
						+ "' starts with xn-- but is not valid punycode (RFC 3492, IDNA): browsers refuse such a "
						+ "host, so this never matches.",
						"Write the host as registered: the punycode form of its Unicode name (e.g. xn--bcher-kva "
								+ "for bücher), or an ASCII label without xn--.");
			}
		}
		checkIpv4(scheme, host, anySubdomain, portSuffix);
	}

	/** Whether an {@code xn--} label decodes (IDNA) to one that is not plain ASCII. */
	static boolean isPunycode(String label) {
		String unicode = IDN.toUnicode(label, IDN.ALLOW_UNASSIGNED);
		return !unicode.equalsIgnoreCase(label) && !unicode.chars().allMatch(c -> c < 0x80);
	}

	/** With a special scheme, a numeric last label makes an IPv4 address. */
	private static void checkIpv4(String scheme, String host, boolean anySubdomain, String portSuffix) {
		// a non-special scheme's host is opaque; a special one's is [a-z0-9_.-] by now
		if (defaultPort(scheme) < 0 || !host.substring(host.lastIndexOf('.') + 1).matches("[0-9]+|0x[0-9a-f]*")) {
			return;
		}
		if (anySubdomain) {
			throw fault(Fault.INVALID_WILDCARD, "An IP address has no subdomains.", "List the exact origin instead.");
		}
		long address = parseIpv4(host);
		if (address < 0) {
			throw fault(Fault.INVALID, "'" + host + "' is not a valid IPv4 address.",
					"Write a dotted-decimal address such as " + scheme + "://127.0.0.1" + portSuffix);
		}
		String canonical = (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
				+ (address & 0xff);
		if (!canonical.equals(host)) {
			throw corrected(Fault.NEVER_MATCHES,
					"Browsers rewrite this IPv4 address to dotted-decimal form, so this never matches.", "Write: ",
					scheme + "://" + canonical + portSuffix);
		}
	}

	/** WHATWG URL IPv4 parsing (decimal, octal, hex), or -1. */
	private static long parseIpv4(String host) {
		String[] parts = host.split("\\.", -1);
		if (parts.length > 4) {
			return -1;
		}
		long result = 0;
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i];
			int radix = 10;
			if (part.startsWith("0x") || part.startsWith("0X")) {
				radix = 16;
				part = part.substring(2);
			}
			else if (part.length() > 1 && part.startsWith("0")) {
				radix = 8;
				part = part.substring(1);
			}
			long number;
			try {
				number = part.isEmpty() ? 0 : Long.parseLong(part, radix);
			}
			catch (NumberFormatException ex) {
				return -1;
			}
			// the last part fills the bytes left
			int bits = (i == parts.length - 1) ? 8 * (5 - parts.length) : 8;
			if (number < 0 || number >= (1L << bits)) {
				return -1;
			}
			result = (result << bits) | number;
		}
		return result;
	}

}
