package dev.corsstarter.core.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/** IPv6 addresses as the URL standard parses and serialises them: eight 16-bit pieces. */
public final class Ipv6Address {

	private Ipv6Address() {
	}

	/** The eight pieces of an address (without brackets), or {@code null}. */
	public static int @Nullable [] parse(String address) {
		// the JDK also takes 5-digit pieces and leading zeros in an embedded IPv4 address
		String[] parts = address.split(":", -1);
		String last = parts[parts.length - 1];
		if (Stream.of(parts).limit(parts.length - 1).anyMatch((part) -> part.length() > 4)
				|| ((last.indexOf('.') >= 0) ? parseIpv4(last) == null : last.length() > 4)) {
			return null;
		}
		byte[] bytes;
		try {
			// a bracketed literal is parsed as such, never looked up
			bytes = InetAddress.getByName("[" + address + "]").getAddress();
		}
		catch (UnknownHostException | RuntimeException ex) {
			return null;
		}
		int[] pieces = new int[8];
		int at = 16 - bytes.length;
		if (bytes.length == 4) { // the JDK returns an IPv4-mapped address as IPv4
			pieces[5] = 0xffff;
		}
		for (int i = 0; i < bytes.length; i += 2) {
			pieces[(at + i) / 2] = ((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff);
		}
		return pieces;
	}

	/** Octets of a dotted-decimal IPv4 address without leading zeros, or null. */
	public static int @Nullable [] parseIpv4(String text) {
		if (!text.matches("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}")) {
			return null;
		}
		int[] octets = Stream.of(text.split("\\.")).mapToInt(Integer::parseInt).toArray();
		return IntStream.of(octets).allMatch((octet) -> octet <= 255) ? octets : null;
	}

	/** Lower-case hex, no leading zeros, the first longest zero run as {@code ::}. */
	public static String serialize(int[] pieces) {
		int compressStart = -1;
		int compressLength = 1;
		for (int i = 0, run = 0; i < 8; i++) {
			run = (pieces[i] == 0) ? run + 1 : 0;
			if (run > compressLength) {
				compressStart = i - run + 1;
				compressLength = run;
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

}
