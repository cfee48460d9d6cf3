package dev.corsstarter.core.internal.validation;

import dev.corsstarter.core.validation.InvalidCorsConfigurationException;
import dev.corsstarter.core.validation.Severity;
import dev.corsstarter.core.validation.ValidationContext;
import dev.corsstarter.core.validation.Violation;
import dev.corsstarter.core.validation.ViolationRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.corsstarter.core.internal.Ipv6Address;
import dev.corsstarter.core.internal.OriginMatcher;
import dev.corsstarter.core.internal.OriginPattern;
import dev.corsstarter.core.internal.OriginPatternParser;
import dev.corsstarter.core.internal.OriginSyntaxException;

/**
 * Which configured origins are development origins, refused while a production profile is
 * active.
 * <p>
 * <b>Built-in dev hosts</b> (for {@code http} and {@code https} origins, any port, exact
 * or wildcard): {@code localhost} and any {@code *.localhost}; IPv4 loopback
 * {@code 127.0.0.0/8}; {@code 0.0.0.0}; RFC 1918 private IPv4 ({@code 10/8},
 * {@code 172.16/12}, {@code 192.168/16}), carrier-grade NAT {@code 100.64/10} and
 * link-local {@code 169.254/16}; IPv6 {@code [::1]}, {@code [::]}, unique-local
 * {@code fc00::/7}, link-local {@code fe80::/10}, and the IPv4-mapped forms of the IPv4
 * ranges ({@code [::ffff:7f00:1]}); mDNS names under {@code .local}; names under
 * {@code .internal} (Docker's {@code host.docker.internal} among them) and
 * {@code .home.arpa}; {@code localhost.localdomain}; the NAT64, 6to4 and IPv4-compatible
 * IPv6 forms of the IPv4 ranges; wildcard-DNS services that resolve to any address
 * written into the name ({@code nip.io}, {@code sslip.io}, {@code localtest.me},
 * {@code lvh.me}, ...); and tunnel services not on the Public Suffix List
 * ({@code loca.lt}, {@code devtunnels.ms}, ...). Other schemes are not built-in dev
 * origins: {@code capacitor://localhost} or {@code ionic://localhost} are the fixed
 * production origins of hybrid mobile apps, and no web page can have them.
 * <p>
 * <b>{@code cors.dev-origins}</b> entries use the {@code allowed-origins} grammar. An
 * {@code allowed-origins} entry is a dev origin when it equals an entry as configured, or
 * when an entry covers it: every origin the allowed entry admits is admitted by the dev
 * entry (for an exact origin: the entry matches it, as {@link OriginMatcher} would; for a
 * wildcard: the dev entry is a wildcard at least as broad in host and port). So
 * {@code http://localhost:*} flags {@code http://localhost:3000}, and
 * {@code https://*.dev.example.com} flags both {@code https://a.dev.example.com} and
 * {@code https://*.pr.dev.example.com}; a production wildcard that merely overlaps a dev
 * entry ({@code https://*.example.com} against {@code https://dev.example.com}) is not
 * flagged. Entries that break the grammar, {@code *}, and wildcards over a public suffix
 * ({@code https://*.com}) are reported as errors in every profile and never used: they
 * would silently weaken the production check.
 * <p>
 * Dev classification only decides the production error: the public-suffix rule and the
 * rule on wildcards over a wildcard-DNS or tunnel service ({@link #sharedService}) run on
 * every origin before it, dev or not.
 */
final class DevOrigins {

	/** A parsed {@code cors.dev-origins} entry. */
	private record Entry(int index, String value, OriginPattern pattern) {
	}

	private final List<Entry> entries;

	private DevOrigins(List<Entry> entries) {
		this.entries = entries;
	}

	/**
	 * Parse the {@code cors.dev-origins} entries of a context once, reporting those that
	 * cannot be used (in every profile); invalid ones are left out.
	 */
	static DevOrigins of(ValidationContext context, List<Violation> out) {
		List<Entry> entries = new ArrayList<>();
		List<String> values = context.devOrigins();
		for (int i = 0; i < values.size(); i++) {
			String value = values.get(i);
			String property = "cors.dev-origins[" + i + "]";
			try {
				OriginPattern pattern = OriginPatternParser.parse(value);
				if (pattern.kind() != OriginPattern.Kind.ANY) {
					// the public-suffix rule holds for dev entries too: such an entry is
					// refused, never used
					if (!pattern.anySubdomain()
							|| !PolicyRules.checkPublicSuffix("cors.dev-origins", property, pattern, out)) {
						entries.add(new Entry(i, value, pattern));
					}
					continue;
				}
				out.add(Violation.error(ViolationRule.WILDCARD_DEV_ORIGIN, property, value,
						"'*' in cors.dev-origins would make every origin a dev origin, so no policy could start under a production profile.",
						"List the development origins or patterns, e.g. http://localhost:* or https://*.dev.example.com"));
			}
			catch (OriginSyntaxException ex) {
				out.add(new Violation(ViolationRule.INVALID_DEV_ORIGIN, Severity.ERROR, property, value, ex.getReason()
						+ " A dev-origins entry that can never match would let that dev origin pass the production check unnoticed.",
						ex.getFix(), ex.getSuggestedValue()));
			}
		}
		return new DevOrigins(List.copyOf(entries));
	}

	/**
	 * Why {@code origin} is a dev origin, as a phrase completing "'x' is ...", or
	 * {@code null}.
	 */
	String describe(OriginPattern origin) {
		if (origin.kind() != OriginPattern.Kind.EXACT && origin.kind() != OriginPattern.Kind.WILDCARD) {
			return null;
		}
		String builtIn = builtIn(origin);
		if (builtIn != null) {
			return builtIn;
		}
		for (Entry entry : this.entries) {
			if (entry.value().equals(origin.value()) || covers(entry.pattern(), origin)) {
				return "listed as a development origin by cors.dev-origins[" + entry.index() + "]='" + entry.value()
						+ "'";
			}
		}
		return null;
	}

	/**
	 * Services whose DNS answers any address written into the name
	 * ({@code 127.0.0.1.nip.io}, {@code app.localtest.me} resolves to 127.0.0.1): a name
	 * under them can point anywhere, the visitor's own machine included, and anyone can
	 * use them.
	 */
	static final List<String> WILDCARD_DNS_SERVICES = List.of("nip.io", "sslip.io", "xip.io", "traefik.me",
			"localtest.me", "lvh.me", "vcap.me", "localho.st", "lacolhost.com");

	/**
	 * Tunnel and preview services that give anyone a name (and a TLS certificate) under
	 * their domain, forwarding to a developer's machine, and that are <em>not</em> on the
	 * Public Suffix List (those that are, such as {@code ngrok.io},
	 * {@code ngrok-free.app}, {@code ngrok.app}, {@code ngrok.dev} and
	 * {@code trycloudflare.com}, are refused as public-suffix wildcards in every profile
	 * already). Checked against the list shipped in the jar; each with its source:
	 */
	static final List<String> TUNNEL_SERVICES = List.of(
			// localtunnel, https://theboroer.github.io/localtunnel-www/
			// (https://<name>.loca.lt)
			"loca.lt",
			// localtunnel's former domain, https://github.com/localtunnel/localtunnel
			"localtunnel.me",
			// Microsoft Dev Tunnels,
			// https://learn.microsoft.com/azure/developer/dev-tunnels/
			// (https://<id>-<port>.<region>.devtunnels.ms)
			"devtunnels.ms",
			// Glitch, https://glitch.com (https://<project>.glitch.me)
			"glitch.me",
			// localhost.run, https://localhost.run/docs/ (https://<id>.lhr.life)
			"lhr.life",
			// Serveo, https://serveo.net (https://<name>.serveo.net)
			"serveo.net",
			// GitHub Codespaces forwarded ports, https://docs.github.com/codespaces
			// (https://<codespace>-<port>.app.github.dev)
			"app.github.dev");

	/**
	 * Names for the local machine besides {@code localhost}:
	 * {@code localhost.localdomain} is the loopback alias in the default
	 * {@code /etc/hosts} of Red Hat, Fedora and CentOS systems.
	 */
	static final List<String> LOOPBACK_NAMES = List.of("localhost.localdomain");

	/**
	 * The wildcard-DNS or tunnel service a host is or lies under, as a phrase completing
	 * "a wildcard over ...", or {@code null}: anyone can get a name there.
	 */
	static String sharedService(String host) {
		for (String service : WILDCARD_DNS_SERVICES) {
			if (isOrUnder(host, service)) {
				return service + ", a wildcard-DNS service (any name resolves to the address written into it)";
			}
		}
		for (String service : TUNNEL_SERVICES) {
			if (isOrUnder(host, service)) {
				return service + ", a tunnel service (anyone gets a name there forwarding to their own machine)";
			}
		}
		return null;
	}

	/**
	 * The built-in dev host category of an exact or wildcard http(s) origin, or
	 * {@code null}.
	 */
	static String builtIn(OriginPattern origin) {
		if (!"http".equals(origin.scheme()) && !"https".equals(origin.scheme())) {
			return null;
		}
		String host = origin.host();
		if (isOrUnder(host, "localhost")) {
			return "a loopback origin (localhost): it is served from the visitor's own machine";
		}
		for (String name : LOOPBACK_NAMES) {
			if (isOrUnder(host, name)) {
				return "a loopback name (" + name + "): it is served from the visitor's own machine";
			}
		}
		if (isOrUnder(host, "local")) {
			return "an mDNS name (.local): it is a device on the visitor's local network";
		}
		if (isOrUnder(host, "docker.internal")) {
			return "Docker's alias for a developer's host machine";
		}
		if (isOrUnder(host, "internal")) {
			return "a name under .internal, which is reserved for private networks and never resolves on the internet";
		}
		if (isOrUnder(host, "home.arpa")) {
			return "a name under .home.arpa, reserved for home networks";
		}
		for (String service : WILDCARD_DNS_SERVICES) {
			if (isOrUnder(host, service)) {
				return "a name under " + service
						+ ", a wildcard-DNS service that resolves names to any address written into them (the visitor's own machine included), for anyone";
			}
		}
		for (String service : TUNNEL_SERVICES) {
			if (isOrUnder(host, service)) {
				return "a name under " + service
						+ ", a tunnel service that forwards to a developer's machine and gives anyone a name there";
			}
		}
		if (host.startsWith("[")) {
			int[] pieces = Ipv6Address.parse(host.substring(1, host.length() - 1));
			return (pieces != null) ? ipv6(pieces) : null;
		}
		// the grammar already refused every other IPv4 form, so a dotted-decimal host is
		// the only one
		int[] octets = Ipv6Address.parseIpv4(host);
		return (octets != null) ? ipv4(octets) : null;
	}

	private static boolean isOrUnder(String host, String domain) {
		return host.equals(domain) || (host.endsWith(domain) && host.length() > domain.length()
				&& host.charAt(host.length() - domain.length() - 1) == '.');
	}

	private static String ipv4(int[] octets) {
		if (octets[0] == 127) {
			return "a loopback address (127.0.0.0/8): it is served from the visitor's own machine";
		}
		if (octets[0] == 0 && octets[1] == 0 && octets[2] == 0 && octets[3] == 0) {
			return "the unspecified address 0.0.0.0, which browsers route to the visitor's own machine";
		}
		if (octets[0] == 10 || (octets[0] == 172 && octets[1] >= 16 && octets[1] <= 31)
				|| (octets[0] == 192 && octets[1] == 168)) {
			return "a private-network address (RFC 1918): it is a device on the visitor's local network";
		}
		if (octets[0] == 100 && octets[1] >= 64 && octets[1] <= 127) {
			return "a carrier-grade NAT address (100.64.0.0/10): it is a device inside the visitor's provider network";
		}
		if (octets[0] == 169 && octets[1] == 254) {
			return "a link-local address (169.254.0.0/16): it is a device on the visitor's local network";
		}
		return null;
	}

	private static String ipv6(int[] pieces) {
		int[] mapped = Ipv6Address.mappedIpv4(pieces);
		if (mapped != null) {
			String ipv4 = ipv4(mapped);
			return (ipv4 != null) ? "an IPv4-mapped IPv6 form of " + ipv4 : null;
		}
		boolean upperZero = pieces[0] == 0 && pieces[1] == 0 && pieces[2] == 0 && pieces[3] == 0 && pieces[4] == 0
				&& pieces[5] == 0 && pieces[6] == 0;
		if (upperZero && pieces[7] == 1) {
			return "the IPv6 loopback address [::1]: it is served from the visitor's own machine";
		}
		if (upperZero && pieces[7] == 0) {
			return "the unspecified IPv6 address [::], which browsers route to the visitor's own machine";
		}
		String embedded = embeddedIpv4(pieces);
		if (embedded != null) {
			return embedded;
		}
		if ((pieces[0] & 0xfe00) == 0xfc00) {
			return "a unique-local IPv6 address (fc00::/7): it is a device on the visitor's private network";
		}
		if ((pieces[0] & 0xffc0) == 0xfe80) {
			return "a link-local IPv6 address (fe80::/10): it is a device on the visitor's local network";
		}
		return null;
	}

	/**
	 * IPv6 forms that carry an IPv4 address, when that address is a dev one: NAT64, the
	 * well-known prefix {@code 64:ff9b::/96} (RFC 6052) and a {@code /96} of the
	 * local-use prefix {@code 64:ff9b:1::/48} (RFC 8215), IPv4 in the last 32 bits; 6to4,
	 * {@code 2002::/16} (RFC 3056), IPv4 in bits 16 to 47; and the deprecated
	 * IPv4-compatible form {@code ::a.b.c.d} (RFC 4291, section 2.5.5.1), which browsers
	 * write as {@code [::7f00:1]}.
	 */
	private static String embeddedIpv4(int[] pieces) {
		String form;
		int high;
		int low;
		if (pieces[0] == 0x64 && pieces[1] == 0xff9b && (pieces[2] == 0 || pieces[2] == 1) && pieces[3] == 0
				&& pieces[4] == 0 && pieces[5] == 0) {
			form = "a NAT64 IPv6 form";
			high = pieces[6];
			low = pieces[7];
		}
		else if (pieces[0] == 0x2002) {
			form = "a 6to4 IPv6 form";
			high = pieces[1];
			low = pieces[2];
		}
		else if (pieces[0] == 0 && pieces[1] == 0 && pieces[2] == 0 && pieces[3] == 0 && pieces[4] == 0
				&& pieces[5] == 0) {
			form = "an IPv4-compatible IPv6 form";
			high = pieces[6];
			low = pieces[7];
		}
		else {
			return null;
		}
		String ipv4 = ipv4(new int[] { high >> 8, high & 0xff, low >> 8, low & 0xff });
		return (ipv4 != null) ? form + " of " + ipv4 : null;
	}

	/** Whether every origin {@code allowed} admits is also admitted by {@code dev}. */
	static boolean covers(OriginPattern dev, OriginPattern allowed) {
		if (allowed.kind() == OriginPattern.Kind.EXACT) {
			return OriginMatcher.of(List.of(dev)).matches(allowed.value());
		}
		if (allowed.kind() != OriginPattern.Kind.WILDCARD || dev.kind() != OriginPattern.Kind.WILDCARD
				|| !dev.scheme().equals(allowed.scheme())) {
			return false;
		}
		boolean portCovered = dev.anyPort() || (!allowed.anyPort() && Objects.equals(dev.port(), allowed.port()));
		if (!portCovered) {
			return false;
		}
		if (allowed.anySubdomain()) {
			return dev.anySubdomain()
					&& (allowed.host().equals(dev.host()) || allowed.host().endsWith("." + dev.host()));
		}
		return dev.anySubdomain() ? allowed.host().endsWith("." + dev.host()) : allowed.host().equals(dev.host());
	}

}
