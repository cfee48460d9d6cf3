package dev.corsstarter.core.decision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;

/**
 * The content fingerprint of a set of policies: hex SHA-256 over a canonical form, so two
 * instances running the same policies report the same value.
 * <p>
 * The canonical form holds, per policy, its name, path patterns, allowed origins,
 * methods, allowed and exposed headers (each list sorted, as written: their order never
 * changes which requests are allowed, only the order of names in a response header), the
 * two flags, {@code max-age} in seconds (what is sent) and the mode when it is not
 * {@code enforce}; policies are sorted by name, since the most specific pattern, not
 * declaration order, decides a request. Every string is length-prefixed, so no two
 * different policy sets share a canonical form.
 */
final class PolicyFingerprint {

	private PolicyFingerprint() {
	}

	static String of(List<CorsPolicy> policies) {
		List<CorsPolicy> byName = new ArrayList<>(policies);
		byName.sort(Comparator.comparing(CorsPolicy::name));
		StringBuilder canonical = new StringBuilder();
		canonical.append(byName.size()).append('\n');
		for (CorsPolicy policy : byName) {
			append(canonical, policy.name());
			appendSorted(canonical, policy.pathPatterns());
			appendSorted(canonical, policy.allowedOrigins());
			appendSorted(canonical, policy.allowedMethods());
			appendSorted(canonical, policy.allowedHeaders());
			appendSorted(canonical, policy.exposedHeaders());
			canonical.append(policy.allowCredentials())
				.append(',')
				.append(policy.allowPrivateNetwork())
				.append(',')
				.append(policy.maxAge().toSeconds());
			if (policy.mode() != PolicyMode.ENFORCE) {
				// only a non-default mode counts, so fingerprints of enforcing policies
				// stay as they were
				canonical.append(',').append(policy.mode().tag());
			}
			canonical.append('\n');
		}
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform provides SHA-256", ex);
		}
	}

	private static void appendSorted(StringBuilder canonical, List<String> values) {
		List<String> sorted = new ArrayList<>(values);
		sorted.sort(Comparator.naturalOrder());
		canonical.append(sorted.size()).append(':');
		for (String value : sorted) {
			append(canonical, value);
		}
		canonical.append('\n');
	}

	private static void append(StringBuilder canonical, String value) {
		canonical.append(value.length()).append(':').append(value);
	}

}
