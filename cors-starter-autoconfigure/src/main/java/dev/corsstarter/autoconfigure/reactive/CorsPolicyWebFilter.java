package dev.corsstarter.autoconfigure.reactive;

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
import dev.corsstarter.autoconfigure.web.CorsPolicyFilterSupport;
import dev.corsstarter.autoconfigure.web.CorsRouting;
import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.internal.MethodOverride;

/**
 * The reactive CORS filter. Answers preflights and rejections itself without invoking the
 * chain; for allowed requests sets the CORS headers before the chain runs and, just
 * before the response commits, makes them the only CORS headers again, so they survive
 * error handlers and are never duplicated by {@code @CrossOrigin} or Spring Security's
 * {@code cors()}. Decisions of a report-only policy are observed and nothing else: the
 * request continues untouched.
 */
public class CorsPolicyWebFilter extends CorsPolicyFilterSupport<ServerWebExchange> implements WebFilter {

	/**
	 * Exchange attribute holding the {@link CorsDecision} of every request a policy
	 * covers, enforced or report-only, answered here or passed on; read by the server
	 * request observation and Spring's CORS configuration view.
	 */
	public static final String DECISION_ATTRIBUTE = CorsPolicyWebFilter.class.getName() + ".decision";

	public CorsPolicyWebFilter(CorsEngine engine, CorsDecisionObserver observer) {
		this(new CorsPolicyRegistry(engine), observer, CorsRouting.of(CorsRouting.Stack.REACTIVE));
	}

	public CorsPolicyWebFilter(CorsPolicyRegistry policies, CorsDecisionObserver observer, CorsRouting routing) {
		super(policies, observer, routing);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ReactiveCorsRequest request = new ReactiveCorsRequest(exchange.getRequest(), this.routing);
		CorsEngine engine = this.policies.current(); // one engine decides the request
		CorsDecision decision = engine.evaluate(request);
		String parameter = this.routing.methodOverrideParameter();
		if (parameter != null && decision.isAllowed() && isFormPost(exchange)) {
			// the override is in the body: read it (the exchange caches the form for the
			// filter that applies it) and decide again with it
			return exchange.getFormData().flatMap(form -> {
				String override = MethodOverride.of(form.getFirst(parameter));
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
		try {
			return exchange.getRequest().getMethod() == HttpMethod.POST && MediaType.APPLICATION_FORM_URLENCODED
				.isCompatibleWith(exchange.getRequest().getHeaders().getContentType());
		}
		catch (InvalidMediaTypeException ex) {
			return false; // not a form Spring would read
		}
	}

	private Mono<Void> apply(ServerWebExchange exchange, WebFilterChain chain, ReactiveCorsRequest request,
			CorsDecision decision) {
		if (!enforces(request, decision, exchange)) {
			return chain.filter(exchange);
		}
		ServerHttpResponse response = exchange.getResponse();
		HttpHeaders headers = response.getHeaders();
		HttpStatus status = decision.action().status();
		decision.writeHeaders(new HeaderAccess(HeaderAccess.map(headers)));
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
			new HeaderAccess(HeaderAccess.map(response.getHeaders())).restore(decision);
			return Mono.empty();
		});
		return chain.filter(exchange);
	}

	@Override
	protected void keep(ServerWebExchange exchange, CorsDecision decision) {
		exchange.getAttributes().put(DECISION_ATTRIBUTE, decision);
	}

}
