package dev.corsstarter.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.corsstarter.core.internal.OriginHeaderChecks;

/**
 * Seeded generators of origin-shaped input for the property tests: valid origins built
 * from (scheme, host labels, port), and arbitrary strings biased towards the places where
 * origin parsing goes wrong. Every method takes the {@link Random} so a failure replays
 * from its seed.
 */
public final class OriginGenerators {

	static final String HOST_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-_";

	static final String SCHEME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789+-.";

	/**
	 * Characters that matter to origin parsing, plus some that must never get through.
	 */
	static final String TRICKY_CHARS = "abcxyzAZ019-_.:/[]*@?#%+ \t\r\n\u0000\u007f"
			+ "\u00e4\u00df\u0130\u212a\uff0e\u3002\ufeff,;\"'<>\\|";

	/**
	 * Schemes of origins a browser sends; never ws or wss, which a handshake does not
	 * carry.
	 */
	static final List<String> KNOWN_SCHEMES = List.of("http", "https", "ftp", "capacitor", "chrome-extension",
			"moz-extension", "app", "web+x", "a.b-c1");

	private OriginGenerators() {
	}

	/**
	 * A valid origin: lower-case scheme, host labels or an IPv6 literal, no default port,
	 * within the limits.
	 */
	public record GeneratedOrigin(String scheme, String host, int port) {

		/** The origin as a browser serialises it. */
		public String serialized() {
			return this.scheme + "://" + this.host + ((this.port > 0) ? ":" + this.port : "");
		}

		@Override
		public String toString() {
			return serialized();
		}

	}

	public static GeneratedOrigin validOrigin(Random random) {
		while (true) {
			GeneratedOrigin origin = originShaped(random);
			if (origin.scheme().length() <= OriginHeaderChecks.MAX_SCHEME_LENGTH && origin.host().length() <= 253
					&& origin.serialized().length() <= OriginHeaderChecks.MAX_LENGTH) {
				return origin;
			}
		}
	}

	/**
	 * Built like a valid origin from valid parts, but without the length limits: the
	 * scheme may be over 39 characters, the host over 253, the whole over 300.
	 */
	public static GeneratedOrigin originShaped(Random random) {
		String scheme = scheme(random);
		String host = (random.nextInt(10) == 0) ? ipv6(random) : hostName(random, 1 + random.nextInt(5));
		return new GeneratedOrigin(scheme, host, port(random, scheme));
	}

	/**
	 * A scheme: mostly a known one, sometimes a random valid one, now and then one around
	 * the 39-character limit.
	 */
	public static String scheme(Random random) {
		int pick = random.nextInt(20);
		if (pick < 12) {
			return KNOWN_SCHEMES.get(random.nextInt(KNOWN_SCHEMES.size()));
		}
		int length = (pick == 19) ? 35 + random.nextInt(8) : 1 + random.nextInt(12);
		StringBuilder scheme = new StringBuilder(length);
		scheme.append((char) ('a' + random.nextInt(26)));
		for (int i = 1; i < length; i++) {
			scheme.append(SCHEME_CHARS.charAt(random.nextInt(SCHEME_CHARS.length())));
		}
		String result = scheme.toString();
		return (result.equals("ws") || result.equals("wss")) ? "x" + result : result;
	}

	/**
	 * A host of {@code labels} labels, each 1-63 host characters; may exceed 253 in
	 * total. The last label starts with a letter, as top-level domains do: for special
	 * schemes a numeric last label would make the host an IPv4 address.
	 */
	public static String hostName(Random random, int labels) {
		StringBuilder host = new StringBuilder();
		for (int i = 0; i < labels; i++) {
			if (i > 0) {
				host.append('.');
			}
			String label = label(random);
			if (i == labels - 1) {
				label = (char) ('a' + random.nextInt(26)) + label.substring(1);
			}
			host.append(label);
		}
		return host.toString();
	}

	public static String label(Random random) {
		int length = switch (random.nextInt(10)) {
			case 0 -> 63;
			case 1 -> 40 + random.nextInt(24);
			default -> 1 + random.nextInt(12);
		};
		StringBuilder label = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			label.append(HOST_CHARS.charAt(random.nextInt(HOST_CHARS.length())));
		}
		return label.toString();
	}

	/**
	 * A bracketed IPv6 literal as browsers serialise it: lower-case hex, the longest zero
	 * run compressed.
	 */
	public static String ipv6(Random random) {
		int groups = 1 + random.nextInt(8);
		StringBuilder address = new StringBuilder("[");
		if (groups < 8) {
			address.append("::");
		}
		for (int i = 0; i < groups; i++) {
			if (i > 0) {
				address.append(':');
			}
			address.append(Integer.toHexString(random.nextInt(0x10000)));
		}
		address.append(']');
		String inner = address.substring(1, address.length() - 1);
		return "[" + dev.corsstarter.core.internal.Ipv6Address
			.serialize(dev.corsstarter.core.internal.Ipv6Address.parse(inner)) + "]";
	}

	/** No port (0), or 1-65535 but never the scheme's default. */
	public static int port(Random random, String scheme) {
		if (random.nextBoolean()) {
			return 0;
		}
		while (true) {
			int port = switch (random.nextInt(4)) {
				case 0 -> 1 + random.nextInt(1024);
				case 1 -> 10000 + random.nextInt(55536);
				default -> 1 + random.nextInt(65535);
			};
			if (port != OriginHeaderChecks.defaultPort(scheme)) {
				return port;
			}
		}
	}

	/** Any string, biased towards near-origins, long values and hostile characters. */
	public static String arbitrary(Random random) {
		return switch (random.nextInt(7)) {
			case 0 -> randomChars(random, TRICKY_CHARS, random.nextInt(40));
			case 1 -> randomCodePoints(random, random.nextInt(30));
			case 2, 3 -> mutate(random, validOrigin(random).serialized());
			case 4 -> randomChars(random, TRICKY_CHARS, random.nextInt(4)) + validOrigin(random).serialized()
					+ randomChars(random, TRICKY_CHARS, random.nextInt(4));
			case 5 -> "https://" + randomChars(random, HOST_CHARS + ".", 240 + random.nextInt(120));
			default -> validOrigin(random).serialized();
		};
	}

	/**
	 * One to three edits of a valid origin: insert, delete, replace, upper-case or repeat
	 * a part.
	 */
	public static String mutate(Random random, String value) {
		StringBuilder text = new StringBuilder(value);
		int edits = 1 + random.nextInt(3);
		for (int e = 0; e < edits; e++) {
			int at = (text.length() == 0) ? 0 : random.nextInt(text.length());
			switch (random.nextInt(5)) {
				case 0 -> text.insert(at, TRICKY_CHARS.charAt(random.nextInt(TRICKY_CHARS.length())));
				case 1 -> {
					if (text.length() > 0) {
						text.deleteCharAt(at);
					}
				}
				case 2 -> {
					if (text.length() > 0) {
						text.setCharAt(at, TRICKY_CHARS.charAt(random.nextInt(TRICKY_CHARS.length())));
					}
				}
				case 3 -> {
					if (text.length() > 0) {
						text.setCharAt(at, Character.toUpperCase(text.charAt(at)));
					}
				}
				default -> {
					int end = Math.min(text.length(), at + 1 + random.nextInt(8));
					text.insert(at, text.substring(at, end));
				}
			}
		}
		return text.toString();
	}

	public static String randomChars(Random random, String alphabet, int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

	/** Code points from the whole range, unpaired surrogates included. */
	public static String randomCodePoints(Random random, int length) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			int pick = random.nextInt(4);
			if (pick == 0) {
				text.append((char) random.nextInt(0x80));
			}
			else if (pick == 1) {
				text.append((char) (0xd800 + random.nextInt(0x800)));
			}
			else {
				text.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
			}
		}
		return text.toString();
	}

	/** Well-formed origins that differ from {@code origin} by one changed component. */
	public static List<String> neighbours(Random random, GeneratedOrigin origin) {
		List<String> result = new ArrayList<>();
		String other = scheme(random);
		result.add(new GeneratedOrigin(other, origin.host(), origin.port()).serialized());
		result.add(new GeneratedOrigin(origin.scheme(), origin.host(), (origin.port() == 0) ? 8080 : 0).serialized());
		result.add(new GeneratedOrigin(origin.scheme(), origin.host(), (origin.port() % 65535) + 1).serialized());
		if (!origin.host().startsWith("[")) {
			result.add(new GeneratedOrigin(origin.scheme(), "x." + origin.host(), origin.port()).serialized());
			result.add(new GeneratedOrigin(origin.scheme(), origin.host() + ".x", origin.port()).serialized());
			result.add(new GeneratedOrigin(origin.scheme(), "x" + origin.host(), origin.port()).serialized());
			result.add(
					new GeneratedOrigin(origin.scheme(), origin.host().substring(1) + "q", origin.port()).serialized());
		}
		return result;
	}

}
