package dev.corsstarter.autoconfigure.servlet;

import java.io.IOException;

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
import dev.corsstarter.autoconfigure.web.CorsPolicyFilterSupport;
import dev.corsstarter.autoconfigure.web.CorsRouting;
import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.decision.CorsEngine;

/**
 * The servlet CORS filter. Decides each request once, on its REQUEST dispatch: answers
 * preflights and rejections itself without invoking the chain, and for allowed requests
 * sets the CORS headers before the chain runs. The decision is kept on the request so
 * ERROR and ASYNC dispatches put the same headers back on the final response. Decisions
 * of a report-only policy are observed and nothing else: the request continues untouched.
 */
public class CorsPolicyFilter extends CorsPolicyFilterSupport<HttpServletRequest> implements Filter {

	/** Request attribute holding the {@link CorsDecision} of the current request. */
	public static final String DECISION_ATTRIBUTE = CorsPolicyFilter.class.getName() + ".decision";

	/**
	 * Request attribute holding the {@link CorsDecision} of every request a policy
	 * covers, enforced or report-only, answered here or passed on; read by the server
	 * request observation and Spring's CORS configuration view. Unlike
	 * {@link #DECISION_ATTRIBUTE} it never makes a later dispatch restore headers.
	 */
	public static final String POLICY_DECISION_ATTRIBUTE = CorsPolicyFilter.class.getName() + ".policyDecision";

	public CorsPolicyFilter(CorsEngine engine, CorsDecisionObserver observer) {
		this(new CorsPolicyRegistry(engine), observer, CorsRouting.of(CorsRouting.Stack.SERVLET));
	}

	public CorsPolicyFilter(CorsPolicyRegistry policies, CorsDecisionObserver observer, CorsRouting routing) {
		super(policies, observer, routing);
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
			// a later dispatch of a decided or unseen request: restore, never re-decide
			chain.doFilter(request, (decision != null && decision.hasPolicy()) ? CorsHeaderGuardResponse.guard(response,
					decision, request.getDispatcherType() == DispatcherType.ERROR) : response);
			return;
		}
		ServletCorsRequest corsRequest = new ServletCorsRequest(request, this.routing);
		decision = this.policies.current().evaluate(corsRequest);
		if (!enforces(corsRequest, decision, request)) {
			chain.doFilter(request, response);
			return;
		}
		HttpStatus status = decision.action().status();
		if (status != null) {
			CorsHeaderGuardResponse.guard(response, decision, false);
			response.setStatus(status.value());
			if (decision.isRejected()) {
				byte[] body = CorsDecision.refusalBody();
				response.setContentType(CorsDecision.REFUSAL_CONTENT_TYPE);
				response.setContentLength(body.length);
				response.getOutputStream().write(body);
			}
			// no flush: the container completes the response in one write on return
			return;
		}
		// only a request that continues the chain can see ERROR or ASYNC dispatches
		request.setAttribute(DECISION_ATTRIBUTE, decision);
		chain.doFilter(request, CorsHeaderGuardResponse.guard(response, decision, false));
	}

	@Override
	protected void keep(HttpServletRequest request, CorsDecision decision) {
		request.setAttribute(POLICY_DECISION_ATTRIBUTE, decision);
	}

}
