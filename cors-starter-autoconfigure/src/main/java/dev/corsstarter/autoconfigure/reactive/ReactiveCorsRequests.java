package dev.corsstarter.autoconfigure.reactive;

import org.springframework.http.server.reactive.ServerHttpRequest;

import dev.corsstarter.core.request.CorsRequest;

/** The reactive request as the engine reads it, for code that decides outside the web filter. */
public final class ReactiveCorsRequests {

	private ReactiveCorsRequests() {
	}

	/** The request as {@link CorsPolicyWebFilter} presents it to the engine. */
	public static CorsRequest of(ServerHttpRequest request) {
		return new ReactiveCorsRequest(request);
	}

}
