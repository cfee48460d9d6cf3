package dev.corsstarter.core.internal;

import org.jspecify.annotations.Nullable;

/** IPv6 addresses as the URL standard parses and serialises them: eight 16-bit pieces. */
public final class Ipv6Address {

	private Ipv6Address() {
	}

	/** The eight pieces of an address (without brackets), or {@code null}. */
	public static int @Nullable [] parse(String address) {
		int[] pieces = new int[8];
		int pieceIndex = 0;
		int compress = -1;
		int length = address.length();
		int i = 0;
		if (length > 0 && address.charAt(0) == ':') {
			if (length < 2 || address.charAt(1) != ':') {
				return null;
			}
			i = 2;
			pieceIndex = 1;
			compress = 1;
		}
		while (i < length) {
			if (pieceIndex == 8) {
				return null;
			}
			if (address.charAt(i) == ':') {
				if (compress >= 0) {
					return null;
				}
				i++;
				pieceIndex++;
				compress = pieceIndex;
				continue;
			}
			int start = i;
			int value = 0;
			while (i < length && i - start < 4 && Character.digit(address.charAt(i), 16) >= 0) {
				value = value * 16 + Character.digit(address.charAt(i), 16);
				i++;
			}
			if (i < length && address.charAt(i) == '.') {
				// an IPv4 address fills the last two pieces
				int @Nullable [] ipv4 = (i == start || pieceIndex > 6) ? null : parseIpv4(address.substring(start));
				if (ipv4 == null) {
					return null;
				}
				pieces[pieceIndex++] = (ipv4[0] << 8) | ipv4[1];
				pieces[pieceIndex++] = (ipv4[2] << 8) | ipv4[3];
				break;
			}
			if (i == start) {
				return null;
			}
			if (i < length) {
				if (address.charAt(i) != ':' || i + 1 == length) {
					return null;
				}
				i++;
			}
			pieces[pieceIndex++] = value;
		}
		if (compress >= 0) {
			int swaps = pieceIndex - compress;
			for (int target = 7; target != 0 && swaps > 0; target--, swaps--) {
				int source = compress + swaps - 1;
				int value = pieces[target];
				pieces[target] = pieces[source];
				pieces[source] = value;
			}
		}
		else if (pieceIndex != 8) {
			return null;
		}
		return pieces;
	}

	/**
	 * Four octets of a dotted-decimal IPv4 address without leading zeros, or
	 * {@code null}.
	 */
	public static int @Nullable [] parseIpv4(String text) {
		String[] parts = text.split("\\.", -1);
		if (parts.length != 4) {
			return null;
		}
		int[] octets = new int[4];
		for (int p = 0; p < 4; p++) {
			String part = parts[p];
			if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
				return null;
			}
			for (int c = 0; c < part.length(); c++) {
				if (part.charAt(c) < '0' || part.charAt(c) > '9') {
					return null;
				}
			}
			octets[p] = Integer.parseInt(part);
			if (octets[p] > 255) {
				return null;
			}
		}
		return octets;
	}

	/** Lower-case hex, no leading zeros, the first longest zero run as {@code ::}. */
	public static String serialize(int[] pieces) {
		int compressStart = -1;
		int compressLength = 1;
		for (int i = 0; i < 8;) {
			if (pieces[i] != 0) {
				i++;
				continue;
			}
			int start = i;
			while (i < 8 && pieces[i] == 0) {
				i++;
			}
			if (i - start > compressLength) {
				compressStart = start;
				compressLength = i - start;
			}
		}
		StringBuilder result = new StringBuilder(39);
		for (int i = 0; i < 8; i++) {
			if (i == compressStart) {
				result.append((i == 0) ? "::" : ":");
				i += compressLength - 1;
				continue;
			}
			result.append(Integer.toHexString(pieces[i]));
			if (i < 7) {
				result.append(':');
			}
		}
		return result.toString();
	}

	/**
	 * The four octets of an IPv4-mapped address ({@code ::ffff:a.b.c.d}), or
	 * {@code null}.
	 */
	public static int @Nullable [] mappedIpv4(int[] pieces) {
		for (int i = 0; i < 5; i++) {
			if (pieces[i] != 0) {
				return null;
			}
		}
		if (pieces[5] != 0xffff) {
			return null;
		}
		return new int[] { pieces[6] >> 8, pieces[6] & 0xff, pieces[7] >> 8, pieces[7] & 0xff };
	}

}
