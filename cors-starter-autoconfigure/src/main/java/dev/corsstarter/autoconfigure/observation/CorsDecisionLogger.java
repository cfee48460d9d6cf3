package dev.corsstarter.autoconfigure.observation;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.corsstarter.core.decision.CorsDecision;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import dev.corsstarter.core.request.CorsRequest;

/**
 * Logs one DEBUG line per decision: the CORS conversation, request and answer, and, when
 * a report-only policy more specific than the deciding one was observed, what it would
 * have answered ({@code observed: policy=... mode=report-only enforced-status=...}).
 * Every value from the request is quoted and escaped, so none can imitate a field; the
 * fields the starter writes itself (policy, type, decision, reason, status) are bare.
 * Nothing is built unless DEBUG is enabled for {@code dev.corsstarter}.
 */
public class CorsDecisionLogger implements CorsDecisionObserver {

	private static final Log logger = LogFactory.getLog(CorsDecisionLogger.class);

	@Override
	public void observe(CorsRequest request, CorsDecision decision) {
		if (!logger.isDebugEnabled()) {
			return;
		}
		logger.debug(format(request, decision));
	}

	static String format(CorsRequest request, CorsDecision decision) {
		StringBuilder line = new StringBuilder(256);
		line.append("CORS ")
			.append(LogSanitizer.quote(request.method()))
			.append(' ')
			.append(LogSanitizer.quote(request.rawPath()))
			.append(" origin=")
			.append(LogSanitizer.quote(request.header(HttpHeaders.ORIGIN)))
			.append(" request-method=")
			.append(LogSanitizer.quote(request.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD)))
			.append(" request-headers=")
			.append(LogSanitizer.quote(request.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS)))
			.append(' ');
		appendDecision(line, decision, false);
		CorsDecision observed = decision.observed();
		if (observed != null) {
			// a report-only policy more specific than the deciding one: what it would
			// have done
			line.append(" observed: ");
			appendDecision(line, observed, true);
		}
		return line.toString();
	}

	private static void appendDecision(StringBuilder line, CorsDecision decision, boolean observed) {
		line.append("policy=")
			.append(decision.policyName())
			.append(" type=")
			.append((decision.typeTag() != null) ? decision.typeTag() : "-")
			.append(" decision=")
			.append(decision.outcome().tag())
			.append(" reason=")
			.append(decision.reason().tag());
		HttpStatus action = decision.action().status();
		String status = (action != null) ? Integer.toString(action.value()) : "chain";
		if (decision.isEnforced()) {
			line.append(" status=").append(status).append(" headers={");
		}
		else {
			// what enforcing would do, while the request goes on untouched (or as the
			// enforced decision says)
			line.append(observed ? "" : " status=chain")
				.append(" mode=")
				.append(decision.mode().tag())
				.append(" enforced-status=")
				.append(status)
				.append(" enforced-headers={");
		}
		boolean first = true;
		for (Map.Entry<String, String> header : decision.responseHeaders().entrySet()) {
			if (!first) {
				line.append("; ");
			}
			first = false;
			line.append(header.getKey()).append(": ").append(LogSanitizer.quote(header.getValue()));
		}
		line.append('}');
	}

}
