package dev.corsstarter.core.internal;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import dev.corsstarter.core.internal.OriginPattern.Kind;

/** The compiled {@code allowed-origins} of one policy. Immutable and thread-safe. */
public final class OriginMatcher {

	private final boolean any;

	private final Set<String> exact;

	private final OriginPattern[] wildcards;

	private final List<OriginPattern> patterns;

	private OriginMatcher(List<OriginPattern> patterns) {
		this.patterns = List.copyOf(patterns);
		this.any = patterns.stream().anyMatch((pattern) -> pattern.kind() == Kind.ANY);
		// only as a browser can send it: a hit implies a well-formed origin
		this.exact = patterns.stream()
			.filter((pattern) -> pattern.kind() == Kind.NULL || pattern.kind() == Kind.EXACT)
			.map(OriginPattern::value)
			.filter(OriginHeaderChecks::isWellFormed)
			.collect(Collectors.toUnmodifiableSet());
		this.wildcards = patterns.stream()
			.filter((pattern) -> pattern.kind() == Kind.WILDCARD)
			.toArray(OriginPattern[]::new);
	}

	/** Compile already-parsed patterns. */
	public static OriginMatcher of(List<OriginPattern> patterns) {
		return new OriginMatcher(patterns);
	}

	/** Parse and compile, or throw {@link OriginSyntaxException}. */
	public static OriginMatcher parse(String... origins) {
		return new OriginMatcher(Stream.of(origins).map(OriginPatternParser::parse).toList());
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
		return origin != null && OriginHeaderChecks.isWellFormed(origin) && matchesWellFormed(origin);
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
