package dev.corsstarter.autoconfigure.reactive;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.observation.CorsDecisionObserver;
import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.internal.CorsHeaderNames;
import dev.corsstarter.core.decision.CorsDecision.HeaderWriter;
import dev.corsstarter.core.internal.MethodOverride;
import dev.corsstarter.core.request.PathMatching;

/**
 * The reactive CORS filter. Answers preflights and rejections itself without invoking the
 * chain; for allowed requests sets the CORS headers before the chain runs and, just
 * before the response commits, makes them the only CORS headers again, so they survive
 * error handlers and are never duplicated by {@code @CrossOrigin} or Spring Security's
 * {@code cors()}. Decisions of a report-only policy are observed and nothing else: the
 * request continues untouched.
 */
public class CorsPolicyWebFilter implements WebFilter {

	/**
	 * Exchange attribute holding the {@link CorsDecision} of every request a policy
	 * covers, enforced or report-only, answered here or passed on; read by the server
	 * request observation and Spring's CORS configuration view.
	 */
	public static final String DECISION_ATTRIBUTE = CorsPolicyWebFilter.class.getName() + ".decision";

	private final CorsPolicyRegistry policies;

	private final CorsDecisionObserver observer;

	private final String methodOverrideParameter;

	private final Supplier<PathMatching> pathMatching;

	public CorsPolicyWebFilter(CorsEngine engine, CorsDecisionObserver observer) {
		this(engine, observer, null);
	}

	/**
	 * @param methodOverrideParameter the form parameter a {@code HiddenHttpMethodFilter}
	 * in the application reads ({@code _method}), so the method it switches to is decided
	 * too; or {@code null} when no such filter runs
	 */
	public CorsPolicyWebFilter(CorsEngine engine, CorsDecisionObserver observer, String methodOverrideParameter) {
		this(new CorsPolicyRegistry(engine), observer, methodOverrideParameter);
	}

	/**
	 * @param policies the policies in force, read once per request, so a change applies
	 * to the requests that start after it
	 * @param observer told of every decision on a policy path
	 * @param methodOverrideParameter the form parameter a {@code HiddenHttpMethodFilter}
	 * in the application reads ({@code _method}), or {@code null} when no such filter
	 * runs
	 */
	public CorsPolicyWebFilter(CorsPolicyRegistry policies, CorsDecisionObserver observer,
			String methodOverrideParameter) {
		this(policies, observer, methodOverrideParameter, () -> PathMatching.DEFAULT);
	}

	/**
	 * @param policies the policies in force, read once per request, so a change applies
	 * to the requests that start after it
	 * @param observer told of every decision on a policy path
	 * @param methodOverrideParameter the form parameter a {@code HiddenHttpMethodFilter}
	 * in the application reads ({@code _method}), or {@code null} when no such filter
	 * runs
	 * @param pathMatching how the application's handler mappings match paths, asked per
	 * request
	 */
	public CorsPolicyWebFilter(CorsPolicyRegistry policies, CorsDecisionObserver observer,
			String methodOverrideParameter, Supplier<PathMatching> pathMatching) {
		this.policies = policies;
		this.observer = observer;
		this.methodOverrideParameter = methodOverrideParameter;
		this.pathMatching = pathMatching;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ReactiveCorsRequest request = new ReactiveCorsRequest(exchange.getRequest(), this.pathMatching.get());
		CorsEngine engine = this.policies.current(); // one engine decides the whole
														// request
		CorsDecision decision = engine.evaluate(request);
		if (this.methodOverrideParameter != null && decision.isAllowed() && isFormPost(exchange)) {
			// the override is in the body: read it (the exchange caches the form for the
			// filter
			// that applies it) and decide again with it
			return exchange.getFormData().flatMap(form -> {
				String override = MethodOverride.of(form.getFirst(this.methodOverrideParameter));
				if (override == null) {
					return apply(exchange, chain, request, decision);
				}
				request.methodOverride(override);
				return apply(exchange, chain, request, engine.evaluate(request));
			});
		}
		return apply(exchange, chain, request, decision);
	}

	private static boolean isFormPost(ServerWebExchange exchange) {
		if (exchange.getRequest().getMethod() != HttpMethod.POST) {
			return false;
		}
		try {
			MediaType type = exchange.getRequest().getHeaders().getContentType();
			return MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type);
		}
		catch (InvalidMediaTypeException ex) {
			return false; // not a form Spring would read
		}
	}

	private Mono<Void> apply(ServerWebExchange exchange, WebFilterChain chain, ReactiveCorsRequest request,
			CorsDecision decision) {
		if (!decision.hasPolicy()) {
			return chain.filter(exchange);
		}
		this.observer.observe(request, decision);
		exchange.getAttributes().put(DECISION_ATTRIBUTE, decision);
		if (!decision.isEnforced()) {
			// report-only: logged and counted, and the request goes on as if no policy
			// covered it
			return chain.filter(exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		HttpHeaders headers = response.getHeaders();
		HttpStatus status = decision.action().status();
		decision.writeHeaders(new Writer(headers));
		if (status != null) {
			response.setStatusCode(status);
			if (decision.isRejected()) {
				byte[] body = CorsDecision.refusalBody();
				headers.set(HttpHeaders.CONTENT_TYPE, CorsDecision.REFUSAL_CONTENT_TYPE);
				headers.setContentLength(body.length);
				return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
			}
			return response.setComplete();
		}
		response.beforeCommit(() -> {
			restore(response.getHeaders(), decision);
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

	/**
	 * Drop foreign CORS headers and the {@code Vary} header, then write the decision's
	 * headers again, keeping the application's own {@code Vary} tokens.
	 */
	private static void restore(HttpHeaders headers, CorsDecision decision) {
		List<String> foreign = null;
		for (String name : HeaderAccess.names(headers)) {
			if (CorsHeaderNames.isAccessControl(name)) {
				foreign = (foreign != null) ? foreign : new ArrayList<>();
				foreign.add(name);
			}
		}
		if (foreign != null) {
			foreign.forEach(name -> HeaderAccess.remove(headers, name));
		}
		List<String> vary = HeaderAccess.get(headers, HttpHeaders.VARY);
		if (vary != null) {
			vary = List.copyOf(vary);
			HeaderAccess.remove(headers, HttpHeaders.VARY);
		}
		decision.writeHeaders(new Writer(headers), vary);
	}

	/** {@link HttpHeaders} as the decision writes them. */
	private record Writer(HttpHeaders headers) implements HeaderWriter {

		@Override
		public boolean contains(String name) {
			return HeaderAccess.contains(this.headers, name);
		}

		@Override
		public List<String> values(String name) {
			return HeaderAccess.get(this.headers, name);
		}

		@Override
		public void set(String name, String value) {
			this.headers.set(name, value);
		}

		@Override
		public void add(String name, String value) {
			this.headers.add(name, value);
		}

	}

}
