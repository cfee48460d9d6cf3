package dev.corsstarter.core.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The compiled {@code allowed-origins} of one policy: exact origins by hash lookup,
 * wildcard patterns by label-boundary comparison in place. Immutable and thread-safe.
 */
public final class OriginMatcher {

	private final boolean any;

	private final Set<String> exact;

	private final OriginPattern[] wildcards;

	private final List<OriginPattern> patterns;

	private OriginMatcher(List<OriginPattern> patterns) {
		this.patterns = List.copyOf(patterns);
		boolean any = false;
		Set<String> exact = new HashSet<>();
		List<OriginPattern> wildcards = new ArrayList<>();
		for (OriginPattern pattern : patterns) {
			switch (pattern.kind()) {
				case ANY -> any = true;
				case NULL, EXACT -> {
					// only as a browser can send it: a hit implies a well-formed origin
					if (OriginHeaderChecks.isWellFormed(pattern.value())) {
						exact.add(pattern.value());
					}
				}
				case WILDCARD -> wildcards.add(pattern);
			}
		}
		this.any = any;
		this.exact = Set.copyOf(exact);
		this.wildcards = wildcards.toArray(new OriginPattern[0]);
	}

	/** Compile already-parsed patterns. */
	public static OriginMatcher of(List<OriginPattern> patterns) {
		return new OriginMatcher(patterns);
	}

	/**
	 * Parse and compile; throws {@link OriginSyntaxException} on the first invalid entry.
	 */
	public static OriginMatcher parse(String... origins) {
		List<OriginPattern> patterns = new ArrayList<>();
		for (String origin : origins) {
			patterns.add(OriginPatternParser.parse(origin));
		}
		return new OriginMatcher(patterns);
	}

	/** Whether {@code *} is listed, so any origin matches. */
	public boolean allowsAny() {
		return this.any;
	}

	public List<OriginPattern> patterns() {
		return this.patterns;
	}

	/** Whether the request origin is allowed; a malformed one never is. */
	public boolean matches(@Nullable String origin) {
		if (origin == null || !OriginHeaderChecks.isWellFormed(origin)) {
			return false;
		}
		return matchesWellFormed(origin);
	}

	/** Whether the origin is listed exactly, which implies it is well-formed. */
	public boolean isListed(String origin) {
		return this.exact.contains(origin);
	}

	/** As {@link #matches(String)}, for an origin already checked as well-formed. */
	public boolean matchesWellFormed(String origin) {
		if (this.any || this.exact.contains(origin)) {
			return true;
		}
		if (this.wildcards.length == 0 || origin.equals("null")) {
			return false;
		}
		int schemeEnd = OriginHeaderChecks.schemeEnd(origin);
		int hostEnd = OriginHeaderChecks.hostEnd(origin, schemeEnd + 3);
		for (OriginPattern wildcard : this.wildcards) {
			if (wildcard.matches(origin, schemeEnd, hostEnd)) {
				return true;
			}
		}
		return false;
	}

}
