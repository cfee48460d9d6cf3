package dev.corsstarter.autoconfigure.servlet;

import java.io.IOException;
import java.util.function.Supplier;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;

import dev.corsstarter.autoconfigure.lifecycle.CorsPolicyRegistry;
import dev.corsstarter.autoconfigure.observation.CorsDecisionObserver;
import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.request.PathMatching;

/**
 * The servlet CORS filter. Decides each request once, on its REQUEST dispatch: answers
 * preflights and rejections itself without invoking the chain, and for allowed requests
 * sets the CORS headers before the chain runs. The decision is kept on the request so
 * ERROR and ASYNC dispatches put the same headers back on the final response. Decisions
 * of a report-only policy are observed and nothing else: the request continues untouched.
 */
public class CorsPolicyFilter implements Filter {

	/** Request attribute holding the {@link CorsDecision} of the current request. */
	public static final String DECISION_ATTRIBUTE = CorsPolicyFilter.class.getName() + ".decision";

	/**
	 * Request attribute holding the {@link CorsDecision} of every request a policy
	 * covers, enforced or report-only, answered here or passed on; read by the server
	 * request observation and Spring's CORS configuration view. Unlike
	 * {@link #DECISION_ATTRIBUTE} it never makes a later dispatch restore headers.
	 */
	public static final String POLICY_DECISION_ATTRIBUTE = CorsPolicyFilter.class.getName() + ".policyDecision";

	private final CorsPolicyRegistry policies;

	private final CorsDecisionObserver observer;

	private final ServletRouting routing;

	private final Supplier<PathMatching> pathMatching;

	public CorsPolicyFilter(CorsEngine engine, CorsDecisionObserver observer) {
		this(new CorsPolicyRegistry(engine), observer, ServletRouting.DEFAULT);
	}

	public CorsPolicyFilter(CorsEngine engine, CorsDecisionObserver observer, ServletRouting routing) {
		this(new CorsPolicyRegistry(engine), observer, routing);
	}

	/**
	 * @param policies the policies in force, read once per request, so a change applies
	 * to the requests that start after it
	 * @param observer told of every decision on a policy path
	 * @param routing how the application routes requests
	 */
	public CorsPolicyFilter(CorsPolicyRegistry policies, CorsDecisionObserver observer, ServletRouting routing) {
		this(policies, observer, routing, () -> PathMatching.DEFAULT);
	}

	/**
	 * @param policies the policies in force, read once per request, so a change applies
	 * to the requests that start after it
	 * @param observer told of every decision on a policy path
	 * @param routing how the application routes requests
	 * @param pathMatching how the application's handler mappings match paths, asked per
	 * request
	 */
	public CorsPolicyFilter(CorsPolicyRegistry policies, CorsDecisionObserver observer, ServletRouting routing,
			Supplier<PathMatching> pathMatching) {
		this.policies = policies;
		this.observer = observer;
		this.routing = routing;
		this.pathMatching = pathMatching;
	}

	@Override
	public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
			throws IOException, ServletException {
		if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
			chain.doFilter(req, res);
			return;
		}
		CorsDecision decision = (CorsDecision) request.getAttribute(DECISION_ATTRIBUTE);
		if (decision != null || request.getDispatcherType() != DispatcherType.REQUEST) {
			// a later dispatch of a request already decided (or never seen): restore,
			// never re-decide
			if (decision != null && decision.hasPolicy()) {
				chain.doFilter(request, CorsHeaderGuardResponse.guard(response, decision,
						request.getDispatcherType() == DispatcherType.ERROR));
			}
			else {
				chain.doFilter(request, response);
			}
			return;
		}
		ServletCorsRequest corsRequest = new ServletCorsRequest(request, this.routing, this.pathMatching.get());
		decision = this.policies.current().evaluate(corsRequest);
		if (!decision.hasPolicy()) {
			chain.doFilter(request, response);
			return;
		}
		this.observer.observe(corsRequest, decision);
		request.setAttribute(POLICY_DECISION_ATTRIBUTE, decision);
		if (!decision.isEnforced()) {
			// report-only: logged and counted, and the request goes on as if no policy
			// covered it
			chain.doFilter(request, response);
			return;
		}
		HttpStatus status = decision.action().status();
		if (status != null) {
			CorsHeaderGuardResponse.guard(response, decision);
			response.setStatus(status.value());
			if (decision.isRejected()) {
				byte[] body = CorsDecision.refusalBody();
				response.setContentType(CorsDecision.REFUSAL_CONTENT_TYPE);
				response.setContentLength(body.length);
				response.getOutputStream().write(body);
			}
			// no flush: the container completes the response in one write when the filter
			// returns
			return;
		}
		// only a request that continues the chain can see ERROR or ASYNC dispatches
		request.setAttribute(DECISION_ATTRIBUTE, decision);
		chain.doFilter(request, CorsHeaderGuardResponse.guard(response, decision));
	}

}
