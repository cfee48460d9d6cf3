package dev.corsstarter.autoconfigure.servlet;

import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.internal.CorsHeaderNames;
import org.springframework.http.HttpHeaders;
import dev.corsstarter.core.decision.CorsDecision.HeaderWriter;
import dev.corsstarter.core.internal.VaryHeader;

/**
 * Writes a decision's headers and keeps them the only CORS headers of the response: later
 * {@code Access-Control-*} writes are ignored, {@code Vary} never lists a token twice nor
 * a CORS request header the decision did not list, and a {@link #reset()} keeps them.
 */
final class CorsHeaderGuardResponse extends HttpServletResponseWrapper implements HeaderWriter {

	private final CorsDecision decision;

	private final boolean errorDispatch;

	private CorsHeaderGuardResponse(HttpServletResponse response, CorsDecision decision, boolean errorDispatch) {
		super(response);
		this.decision = decision;
		this.errorDispatch = errorDispatch;
	}

	/**
	 * Write a decision's headers to a response and return the response guarding them.
	 * @param errorDispatch whether an ERROR dispatch renders the response (see
	 * {@link #sendError(int, String)})
	 */
	static CorsHeaderGuardResponse guard(HttpServletResponse response, CorsDecision decision, boolean errorDispatch) {
		CorsHeaderGuardResponse guarded = new CorsHeaderGuardResponse(response, decision, errorDispatch);
		decision.writeHeaders(guarded);
		return guarded;
	}

	// HeaderWriter: the decision's own writes, straight to the response

	@Override
	public boolean contains(String name) {
		return super.containsHeader(name);
	}

	@Override
	public Collection<String> values(String name) {
		return super.getHeaders(name);
	}

	@Override
	public void set(String name, String value) {
		super.setHeader(name, value);
	}

	@Override
	public void add(String name, String value) {
		super.addHeader(name, value);
	}

	// guarded writes from the rest of the chain

	@Override
	public void setHeader(String name, String value) {
		if (CorsHeaderNames.isAccessControl(name)) {
			return;
		}
		if (HttpHeaders.VARY.equalsIgnoreCase(name)) {
			// a servlet response cannot remove a header: set the application's tokens
			List<String> kept = VaryHeader.foreignTokens(Collections.singletonList(value));
			if (!kept.isEmpty()) {
				super.setHeader(name, String.join(", ", kept));
			}
			this.decision.writeHeaders(this);
			return;
		}
		super.setHeader(name, value);
	}

	@Override
	public void addHeader(String name, String value) {
		if (CorsHeaderNames.isAccessControl(name)) {
			return;
		}
		if (HttpHeaders.VARY.equalsIgnoreCase(name) && value != null) {
			this.decision.writeHeaders(this, List.of(value));
			return;
		}
		super.addHeader(name, value);
	}

	@Override
	public void setIntHeader(String name, int value) {
		if (!CorsHeaderNames.isAccessControl(name)) {
			super.setIntHeader(name, value);
		}
	}

	@Override
	public void addIntHeader(String name, int value) {
		if (!CorsHeaderNames.isAccessControl(name)) {
			super.addIntHeader(name, value);
		}
	}

	@Override
	public void setDateHeader(String name, long date) {
		if (!CorsHeaderNames.isAccessControl(name)) {
			super.setDateHeader(name, date);
		}
	}

	@Override
	public void addDateHeader(String name, long date) {
		if (!CorsHeaderNames.isAccessControl(name)) {
			super.addDateHeader(name, date);
		}
	}

	/**
	 * An error while the error page renders (Spring Security refusing {@code /error})
	 * answers with its status and an empty body, the decision's headers kept, where Jetty
	 * would write a bare error response without {@code Vary}.
	 */
	@Override
	public void sendError(int sc, String msg) throws IOException {
		if (!this.errorDispatch || isCommitted()) {
			super.sendError(sc, msg);
			return;
		}
		resetBuffer();
		setStatus(sc);
	}

	@Override
	public void sendError(int sc) throws IOException {
		sendError(sc, null);
	}

	@Override
	public void reset() {
		super.reset();
		this.decision.writeHeaders(this);
	}

}
