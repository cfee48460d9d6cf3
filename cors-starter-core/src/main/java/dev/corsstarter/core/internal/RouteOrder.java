package dev.corsstarter.core.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import org.springframework.web.util.pattern.PathPattern;

/**
 * The one order the engine tries routes in, for the engine and the warnings that predict
 * it: the most specific path pattern first, ties broken by pattern text and then policy
 * name, so the result never depends on declaration or property-source order. Lives below
 * both the engine and validation, which runs before the engine exists.
 */
public final class RouteOrder {

	private RouteOrder() {
	}

	/** The routes in the engine's order, as a new list, by pattern and policy name. */
	public static <R> List<R> sorted(Collection<R> routes, Function<R, PathPattern> pattern,
			Function<R, String> policyName) {
		List<R> sorted = new ArrayList<>(routes);
		sorted.sort(Comparator.comparing(pattern, PathPattern.SPECIFICITY_COMPARATOR)
			.thenComparing((route) -> pattern.apply(route).getPatternString())
			.thenComparing(policyName));
		return sorted;
	}

}
