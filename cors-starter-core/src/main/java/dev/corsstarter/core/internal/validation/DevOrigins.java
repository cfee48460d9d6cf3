package dev.corsstarter.core.internal.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

import dev.corsstarter.core.internal.Ipv6Address;
import dev.corsstarter.core.internal.OriginMatcher;
import dev.corsstarter.core.internal.OriginPattern;
import dev.corsstarter.core.internal.OriginPatternParser;
import dev.corsstarter.core.internal.OriginSyntaxException;
import dev.corsstarter.core.internal.validation.CorsPolicyValidator.Entry;
import dev.corsstarter.core.internal.validation.CorsPolicyValidator.Report;
import dev.corsstarter.core.validation.Severity;
import dev.corsstarter.core.validation.ValidationContext;

/** Which origins are development origins, refused under production rules. */
final class DevOrigins {

	/** Services that resolve a name to any address written into it (127.0.0.1.nip.io). */
	private static final Set<String> WILDCARD_DNS = Set.of("nip.io", "sslip.io", "xip.io", "traefik.me", "localtest.me",
			"lvh.me", "vcap.me", "localho.st", "lacolhost.com");

	/** Tunnel services that give anyone a name and are not on the Public Suffix List. */
	private static final Set<String> TUNNELS = Set.of("loca.lt", "localtunnel.me", "devtunnels.ms", "glitch.me",
			"lhr.life", "serveo.net", "app.github.dev");

	private final List<Entry<OriginPattern>> entries;

	private DevOrigins(List<Entry<OriginPattern>> entries) {
		this.entries = entries;
	}

	/** Parse {@code cors.dev-origins}, leaving out (and reporting) unsafe entries. */
	static DevOrigins of(ValidationContext context, Report report) {
		List<Entry<OriginPattern>> entries = new ArrayList<>();
		report.each(context.devOrigins(), "dev-origins", (key, value) -> {
			try {
				OriginPattern pattern = OriginPatternParser.parse(value);
				if (pattern.kind() == OriginPattern.Kind.ANY) {
					report.error(Message.WILDCARD_DEV_ORIGIN, key, value);
				}
				else if (!pattern.anySubdomain() || !PolicyRules.publicSuffix(pattern, key, "dev-origins", report)) {
					entries.add(new Entry<>(key, pattern));
				}
			}
			catch (OriginSyntaxException ex) {
				report.add(Severity.ERROR, Message.INVALID_DEV_ORIGIN, key, value, ex.getSuggestedValue(), "reason",
						ex.getReason(), "fix", ex.getFix());
			}
		});
		return new DevOrigins(entries);
	}

	/** Why an origin is a dev origin, completing "'x' is ...", or {@code null}. */
	@Nullable String describe(OriginPattern origin) {
		String builtIn = builtIn(origin);
		return (builtIn != null) ? builtIn
				: this.entries.stream()
					.filter((entry) -> entry.value().value().equals(origin.value()) || covers(entry.value(), origin))
					.findFirst()
					.map((entry) -> "listed as a development origin by cors." + entry.key() + "='"
							+ entry.value().value() + "'")
					.orElse(null);
	}

	/** The wildcard-DNS or tunnel service a host lies under, described, or null. */
	static @Nullable String sharedService(String host) {
		for (String domain = host; domain != null; domain = PublicSuffixes.parent(domain)) {
			if (WILDCARD_DNS.contains(domain)) {
				return domain + ", a wildcard-DNS service (any name resolves to the address written into it)";
			}
			if (TUNNELS.contains(domain)) {
				return domain + ", a tunnel service (anyone gets a name there forwarding to their own machine)";
			}
		}
		return null;
	}

	/** The built-in dev host an http(s) origin is on, described, or null. */
	private static @Nullable String builtIn(OriginPattern origin) {
		// capacitor://localhost is the production origin of a hybrid mobile app
		if (!"http".equals(origin.scheme()) && !"https".equals(origin.scheme())) {
			return null;
		}
		String host = origin.host();
		for (String domain = host; domain != null; domain = PublicSuffixes.parent(domain)) {
			String name = devName(domain);
			if (name != null) {
				return name;
			}
		}
		if (host.startsWith("[")) {
			int[] pieces = Ipv6Address.parse(host.substring(1, host.length() - 1));
			return (pieces != null) ? ipv6(pieces) : null;
		}
		// the grammar refused every other IPv4 form, so dotted decimal is the only one
		int[] octets = Ipv6Address.parseIpv4(host);
		return (octets != null) ? ipv4(octets) : null;
	}

	/** What a name is when it and every name under it are dev hosts, or null. */
	private static @Nullable String devName(String domain) {
		return switch (domain) {
			case "localhost" -> "a loopback origin (localhost): it is served from the visitor's own machine";
			// the loopback alias in the default /etc/hosts of Red Hat, Fedora and CentOS
			case "localhost.localdomain" ->
				"a loopback name (localhost.localdomain): it is served from the visitor's own machine";
			case "local" -> "an mDNS name (.local): it is a device on the visitor's local network";
			case "docker.internal" -> "Docker's alias for a developer's host machine";
			case "internal" ->
				"a name under .internal, which is reserved for private networks and never resolves on the internet";
			case "home.arpa" -> "a name under .home.arpa, reserved for home networks";
			default -> WILDCARD_DNS.contains(domain) ? "a name under " + domain
					+ ", a wildcard-DNS service that resolves names to any address written into them (the visitor's "
					+ "own machine included), for anyone"
					: TUNNELS.contains(domain) ? "a name under " + domain
							+ ", a tunnel service that forwards to a developer's machine and gives anyone a name there"
							: null;
		};
	}

	private static @Nullable String ipv4(int[] octets) {
		int a = octets[0];
		int b = octets[1];
		if (a == 127) {
			return "a loopback address (127.0.0.0/8): it is served from the visitor's own machine";
		}
		if (a == 0 && b == 0 && octets[2] == 0 && octets[3] == 0) {
			return "the unspecified address 0.0.0.0, which browsers route to the visitor's own machine";
		}
		if (a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)) {
			return "a private-network address (RFC 1918): it is a device on the visitor's local network";
		}
		if (a == 100 && b >= 64 && b <= 127) {
			return "a carrier-grade NAT address (100.64.0.0/10): it is a device inside the visitor's provider network";
		}
		if (a == 169 && b == 254) {
			return "a link-local address (169.254.0.0/16): it is a device on the visitor's local network";
		}
		return null;
	}

	private static @Nullable String ipv6(int[] pieces) {
		if (zeros(pieces, 0, 7) && pieces[7] == 1) {
			return "the IPv6 loopback address [::1]: it is served from the visitor's own machine";
		}
		if (zeros(pieces, 0, 8)) {
			return "the unspecified IPv6 address [::], which browsers route to the visitor's own machine";
		}
		// IPv4 embedded: mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96 (RFC 6052) and
		// 64:ff9b:1::/48 (RFC 8215) in the last 32 bits; 6to4 2002::/16 (RFC 3056) in
		// bits 16 to 47; the deprecated IPv4-compatible ::a.b.c.d (RFC 4291)
		boolean nat64 = pieces[0] == 0x64 && pieces[1] == 0xff9b && pieces[2] <= 1 && zeros(pieces, 3, 6);
		String form = (zeros(pieces, 0, 5) && pieces[5] == 0xffff) ? "an IPv4-mapped IPv6 form"
				: nat64 ? "a NAT64 IPv6 form" : (pieces[0] == 0x2002) ? "a 6to4 IPv6 form"
						: zeros(pieces, 0, 6) ? "an IPv4-compatible IPv6 form" : null;
		if (form != null) {
			int at = (pieces[0] == 0x2002) ? 1 : 6;
			String ipv4 = ipv4(
					new int[] { pieces[at] >> 8, pieces[at] & 0xff, pieces[at + 1] >> 8, pieces[at + 1] & 0xff });
			return (ipv4 != null) ? form + " of " + ipv4 : null;
		}
		if ((pieces[0] & 0xfe00) == 0xfc00) {
			return "a unique-local IPv6 address (fc00::/7): it is a device on the visitor's private network";
		}
		if ((pieces[0] & 0xffc0) == 0xfe80) {
			return "a link-local IPv6 address (fe80::/10): it is a device on the visitor's local network";
		}
		return null;
	}

	private static boolean zeros(int[] pieces, int from, int to) {
		return IntStream.range(from, to).allMatch(i -> pieces[i] == 0);
	}

	/** Whether every origin {@code allowed} admits is also admitted by {@code dev}. */
	private static boolean covers(OriginPattern dev, OriginPattern allowed) {
		if (allowed.kind() == OriginPattern.Kind.EXACT) {
			return OriginMatcher.of(List.of(dev)).matches(allowed.value());
		}
		if (allowed.kind() != OriginPattern.Kind.WILDCARD || dev.kind() != OriginPattern.Kind.WILDCARD
				|| !dev.scheme().equals(allowed.scheme())) {
			return false;
		}
		if (!dev.anyPort() && (allowed.anyPort() || !Objects.equals(dev.port(), allowed.port()))) {
			return false;
		}
		if (allowed.anySubdomain()) {
			return dev.anySubdomain()
					&& (allowed.host().equals(dev.host()) || allowed.host().endsWith("." + dev.host()));
		}
		return dev.anySubdomain() ? allowed.host().endsWith("." + dev.host()) : allowed.host().equals(dev.host());
	}

}
