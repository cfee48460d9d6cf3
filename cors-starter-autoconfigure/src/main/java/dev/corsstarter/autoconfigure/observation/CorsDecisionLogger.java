package dev.corsstarter.autoconfigure.observation;

import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.request.CorsRequest;

import static dev.corsstarter.autoconfigure.diagnostics.LogSanitizer.quote;

/**
 * Logs one DEBUG line per decision, request and answer, then what an observed report-only
 * decision would have answered ({@code observed: policy=... mode=report-only ...}).
 * Request values are quoted and escaped, so none can imitate a field; the starter's own
 * fields are bare. Nothing is built unless DEBUG is enabled.
 */
public class CorsDecisionLogger implements CorsDecisionObserver {

	private static final Log logger = LogFactory.getLog(CorsDecisionLogger.class);

	@Override
	public void observe(CorsRequest request, CorsDecision decision) {
		if (logger.isDebugEnabled()) {
			CorsDecision observed = decision.observed();
			logger.debug("CORS " + quote(request.method()) + " " + quote(request.rawPath()) + " origin="
					+ quote(request.header(HttpHeaders.ORIGIN)) + " request-method="
					+ quote(request.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD)) + " request-headers="
					+ quote(request.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS)) + " " + answer(decision, false)
					+ ((observed != null) ? " observed: " + answer(observed, true) : ""));
		}
	}

	/** A report-only decision says what enforcing would do; the request goes on. */
	private static String answer(CorsDecision decision, boolean observed) {
		HttpStatus code = decision.action().status();
		String status = (code != null) ? Integer.toString(code.value()) : "chain";
		String headers = decision.responseHeaders()
			.entrySet()
			.stream()
			.map((header) -> header.getKey() + ": " + quote(header.getValue()))
			.collect(Collectors.joining("; ", "{", "}"));
		String answer = "policy=" + decision.policyName() + " type="
				+ ((decision.typeTag() != null) ? decision.typeTag() : "-") + " decision=" + decision.outcome().tag()
				+ " reason=" + decision.reason().tag();
		if (decision.isEnforced()) {
			return answer + " status=" + status + " headers=" + headers;
		}
		return answer + (observed ? "" : " status=chain") + " mode=" + decision.mode().tag() + " enforced-status="
				+ status + " enforced-headers=" + headers;
	}

}
