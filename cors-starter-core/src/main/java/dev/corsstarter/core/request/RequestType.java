package dev.corsstarter.core.request;

import java.util.Locale;

/** What kind of cross-origin request a CORS decision is about. */
public enum RequestType {

	/** {@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}. */
	PREFLIGHT,

	/** A cross-origin request the browser sends for real. */
	ACTUAL,

	/** A cross-origin WebSocket handshake, which browsers do not protect with CORS. */
	WEBSOCKET;

	private final String tag = name().toLowerCase(Locale.ROOT);

	/** The lower-case name used in logs, metrics and the actuator endpoint. */
	public String tag() {
		return this.tag;
	}

}
