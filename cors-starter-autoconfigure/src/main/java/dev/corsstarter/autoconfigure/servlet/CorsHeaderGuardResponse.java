package dev.corsstarter.autoconfigure.servlet;

import java.util.Collections;
import java.util.List;


import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import dev.corsstarter.core.decision.CorsDecision;
import dev.corsstarter.core.decision.CorsHeaders;
import dev.corsstarter.core.decision.HeaderWriter;
import dev.corsstarter.core.decision.VaryHeader;

/**
 * Writes a decision's headers on a policy path and keeps them the only CORS headers of the
 * response: later {@code Access-Control-*} writes (from {@code @CrossOrigin}, a
 * {@code CorsConfigurationSource} or Spring Security's {@code http.cors()}) are ignored,
 * {@code Vary} never lists a token twice nor a CORS request header the decision did not list,
 * and a {@link #reset()} keeps them.
 */
final class CorsHeaderGuardResponse extends HttpServletResponseWrapper implements HeaderWriter {

	private final CorsDecision decision;

	CorsHeaderGuardResponse(HttpServletResponse response, CorsDecision decision) {
		super(response);
		this.decision = decision;
		decision.writeHeaders(this);
	}

	/** Apply a decision's headers to a response without guarding it. */
	static void apply(HttpServletResponse response, CorsDecision decision) {
		decision.writeHeaders(new HeaderWriter() {
			@Override
			public void set(String name, String value) {
				response.setHeader(name, value);
			}

			@Override
			public void vary(String token) {
				addVaryToken(response, token);
			}

			@Override
			public void vary(String[] tokens, String joined) {
				addVaryTokens(response, tokens, joined);
			}
		});
	}

	// HeaderWriter, used for our own headers

	@Override
	public void set(String name, String value) {
		super.setHeader(name, value);
	}

	@Override
	public void vary(String token) {
		addVaryToken((HttpServletResponse) getResponse(), token);
	}

	@Override
	public void vary(String[] tokens, String joined) {
		addVaryTokens((HttpServletResponse) getResponse(), tokens, joined);
	}

	// guarded writes from the rest of the chain

	@Override
	public void setHeader(String name, String value) {
		if (CorsHeaders.isAccessControl(name)) {
			return;
		}
		if (isVary(name)) {
			List<String> kept = VaryHeader.foreignTokens(Collections.singletonList(value));
			if (!kept.isEmpty()) {
				super.setHeader(name, String.join(", ", kept));
			}
			this.decision.writeHeaders(varyOnly());
			return;
		}
		super.setHeader(name, value);
	}

	@Override
	public void addHeader(String name, String value) {
		if (CorsHeaders.isAccessControl(name)) {
			return;
		}
		if (isVary(name) && value != null) {
			VaryHeader.foreignTokens(List.of(value)).forEach(this::vary);
			return;
		}
		super.addHeader(name, value);
	}

	@Override
	public void setIntHeader(String name, int value) {
		if (!CorsHeaders.isAccessControl(name)) {
			super.setIntHeader(name, value);
		}
	}

	@Override
	public void addIntHeader(String name, int value) {
		if (!CorsHeaders.isAccessControl(name)) {
			super.addIntHeader(name, value);
		}
	}

	@Override
	public void setDateHeader(String name, long date) {
		if (!CorsHeaders.isAccessControl(name)) {
			super.setDateHeader(name, date);
		}
	}

	@Override
	public void addDateHeader(String name, long date) {
		if (!CorsHeaders.isAccessControl(name)) {
			super.addDateHeader(name, date);
		}
	}

	@Override
	public void reset() {
		super.reset();
		this.decision.writeHeaders(this);
	}

	private HeaderWriter varyOnly() {
		return new HeaderWriter() {
			@Override
			public void set(String name, String value) {
			}

			@Override
			public void vary(String token) {
				CorsHeaderGuardResponse.this.vary(token);
			}
		};
	}

	private static boolean isVary(String name) {
		return CorsHeaders.VARY.equalsIgnoreCase(name);
	}

	private static void addVaryTokens(HttpServletResponse response, String[] tokens, String joined) {
		if (!response.containsHeader(CorsHeaders.VARY)) {
			response.setHeader(CorsHeaders.VARY, joined);
			return;
		}
		for (String token : tokens) {
			addVaryToken(response, token);
		}
	}

	static void addVaryToken(HttpServletResponse response, String token) {
		if (!VaryHeader.covers(response.getHeaders(CorsHeaders.VARY), token)) {
			response.addHeader(CorsHeaders.VARY, token);
		}
	}

}
