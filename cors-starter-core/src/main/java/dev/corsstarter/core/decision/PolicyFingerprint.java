package dev.corsstarter.core.decision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.policy.PolicyMode;

/** SHA-256 of the policies in a canonical form, whatever the order of their lists. */
final class PolicyFingerprint {

	private PolicyFingerprint() {
	}

	static String of(List<CorsPolicy> policies) {
		StringBuilder canonical = new StringBuilder().append(policies.size()).append('\n');
		for (CorsPolicy policy : policies.stream().sorted(Comparator.comparing(CorsPolicy::name)).toList()) {
			append(canonical, policy.name());
			for (List<String> values : List.of(policy.pathPatterns(), policy.allowedOrigins(), policy.allowedMethods(),
					policy.allowedHeaders(), policy.exposedHeaders())) {
				canonical.append(values.size()).append(':');
				values.stream().sorted().forEach((value) -> append(canonical, value));
				canonical.append('\n');
			}
			canonical.append(
					policy.allowCredentials() + "," + policy.allowPrivateNetwork() + "," + policy.maxAge().toSeconds());
			if (policy.mode() != PolicyMode.ENFORCE) {
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

	private static void append(StringBuilder canonical, String value) {
		canonical.append(value.length()).append(':').append(value);
	}

}
