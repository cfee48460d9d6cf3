package dev.corsstarter.autoconfigure.reactive;

import org.springframework.http.server.reactive.ServerHttpRequest;

import dev.corsstarter.core.request.CorsRequest;
import dev.corsstarter.core.request.PathMatching;

/**
 * The reactive request as the engine reads it, for code that decides outside the web
 * filter.
 */
public final class ReactiveCorsRequests {

	private ReactiveCorsRequests() {
	}

	/**
	 * The request as {@link CorsPolicyWebFilter} presents it to the engine, for an
	 * application whose handler mappings match paths as Spring does by default.
	 */
	public static CorsRequest of(ServerHttpRequest request) {
		return of(request, PathMatching.DEFAULT);
	}

	/** The request as {@link CorsPolicyWebFilter} presents it to the engine. */
	public static CorsRequest of(ServerHttpRequest request, PathMatching pathMatching) {
		return new ReactiveCorsRequest(request, pathMatching);
	}

}
