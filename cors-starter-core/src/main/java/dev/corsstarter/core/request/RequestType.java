package dev.corsstarter.core.request;

import java.util.Locale;

/** What kind of request a CORS decision is about. */
public enum RequestType {

	/** No {@code Origin} header: not a CORS request. */
	NO_ORIGIN("no-origin"),

	/** The origin is the request's own: not a CORS request. */
	SAME_ORIGIN("same-origin"),

	/** {@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}. */
	PREFLIGHT("preflight"),

	/** A cross-origin request the browser sends for real. */
	ACTUAL("actual"),

	/** A cross-origin WebSocket handshake, which browsers do not protect with CORS. */
	WEBSOCKET("websocket");

	private final String tag;

	RequestType(String tag) {
		this.tag = tag;
	}

	/** The lower-case name used in logs, metrics and the actuator endpoint. */
	public String tag() {
		return this.tag;
	}

	/** Whether this is a cross-origin request that a policy decides on. */
	public boolean isCrossOrigin() {
		return this == PREFLIGHT || this == ACTUAL || this == WEBSOCKET;
	}

	@Override
	public String toString() {
		return this.tag.toUpperCase(Locale.ROOT);
	}

}
