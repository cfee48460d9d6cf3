package dev.corsstarter.autoconfigure.servlet;


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

	// guarded writes from the rest of the chain

	@Override
	public void setHeader(String name, String value) {
		if (isAccessControl(name)) {
			return;
		}
		if (isVary(name)) {
			String kept = withoutAccessControlTokens(value);
			if (kept != null) {
				super.setHeader(name, kept);
			}
			this.decision.writeHeaders(varyOnly());
			return;
		}
		super.setHeader(name, value);
	}

	@Override
	public void addHeader(String name, String value) {
		if (isAccessControl(name)) {
			return;
		}
		if (isVary(name) && value != null) {
			for (String token : value.split(",")) {
				if (!token.isBlank() && !isAccessControl(token.strip())) {
					vary(token.strip());
				}
			}
			return;
		}
		super.addHeader(name, value);
	}

	@Override
	public void setIntHeader(String name, int value) {
		if (!isAccessControl(name)) {
			super.setIntHeader(name, value);
		}
	}

	@Override
	public void addIntHeader(String name, int value) {
		if (!isAccessControl(name)) {
			super.addIntHeader(name, value);
		}
	}

	@Override
	public void setDateHeader(String name, long date) {
		if (!isAccessControl(name)) {
			super.setDateHeader(name, date);
		}
	}

	@Override
	public void addDateHeader(String name, long date) {
		if (!isAccessControl(name)) {
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

	/** The CORS request headers are ours to list in Vary on a policy path; others are kept. */
	private static String withoutAccessControlTokens(String value) {
		if (value == null) {
			return null;
		}
		StringBuilder kept = new StringBuilder();
		for (String token : value.split(",")) {
			String name = token.strip();
			if (!name.isEmpty() && !isAccessControl(name)) {
				kept.append((kept.length() > 0) ? ", " : "").append(name);
			}
		}
		return (kept.length() > 0) ? kept.toString() : null;
	}

	private static boolean isAccessControl(String name) {
		return name != null && name.regionMatches(true, 0, CorsHeaders.ACCESS_CONTROL_PREFIX, 0,
				CorsHeaders.ACCESS_CONTROL_PREFIX.length());
	}

	private static boolean isVary(String name) {
		return CorsHeaders.VARY.equalsIgnoreCase(name);
	}

	static void addVaryToken(HttpServletResponse response, String token) {
		if (!VaryHeader.covers(response.getHeaders(CorsHeaders.VARY), token)) {
			response.addHeader(CorsHeaders.VARY, token);
		}
	}

}
