package dev.corsstarter.autoconfigure.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the behaviour table: a request and what the response must show. Header
 * values may contain {@code {port}}, replaced by the server's port.
 */
final class CorsScenario {

	static final String APP = "https://app.example.com";

	static final String EVIL = "https://evil.example.org";

	static final String BASIC = "Basic dXNlcjpzZWNyZXQ="; // user:secret

	final String name;

	String method = "GET";

	String path = "/api/hello";

	final List<Map.Entry<String, String>> headers = new ArrayList<>();

	int status;

	/** The status on the reactive stack where it differs, or null. */
	Integer reactiveStatus;

	/** Exact values (all occurrences joined with ", ") the response must carry. */
	final Map<String, String> expectHeaders = new LinkedHashMap<>();

	/** Headers that must be absent. */
	final List<String> absentHeaders = new ArrayList<>();

	/** Exactly these Vary tokens must be present (null: no Vary at all). */
	List<String> vary;

	/** Whether any Access-Control-* header may appear. */
	boolean noAccessControl;

	/**
	 * Whether the Access-Control-* headers must be exactly the expected ones, none
	 * besides.
	 */
	boolean onlyExpectedAccessControl;

	/**
	 * Whether the controller must (true) or must not (false) be invoked; null: don't
	 * care.
	 */
	Boolean reachesController;

	private CorsScenario(String name) {
		this.name = name;
	}

	static CorsScenario of(String name) {
		return new CorsScenario(name);
	}

	CorsScenario request(String method, String path) {
		this.method = method;
		this.path = path;
		return this;
	}

	CorsScenario header(String name, String value) {
		this.headers.add(Map.entry(name, value));
		return this;
	}

	CorsScenario origin(String origin) {
		return header("Origin", origin);
	}

	CorsScenario authenticated() {
		return header("Authorization", BASIC);
	}

	CorsScenario preflight(String origin, String method, String requestHeaders) {
		request("OPTIONS", this.path).origin(origin).header("Access-Control-Request-Method", method);
		if (requestHeaders != null) {
			header("Access-Control-Request-Headers", requestHeaders);
		}
		return this;
	}

	CorsScenario expectStatus(int status) {
		this.status = status;
		return this;
	}

	/**
	 * Where WebFlux answers differently before any filter runs (its forwarded-header
	 * handling, say).
	 */
	CorsScenario expectStatusOnReactive(int status) {
		this.reactiveStatus = status;
		return this;
	}

	CorsScenario expect(String header, String value) {
		this.expectHeaders.put(header, value);
		return this;
	}

	CorsScenario absent(String... headers) {
		this.absentHeaders.addAll(List.of(headers));
		return this;
	}

	CorsScenario vary(String... tokens) {
		this.vary = List.of(tokens);
		return this;
	}

	CorsScenario noAccessControl() {
		this.noAccessControl = true;
		return this;
	}

	CorsScenario onlyExpectedAccessControl() {
		this.onlyExpectedAccessControl = true;
		return this;
	}

	CorsScenario reachesController(boolean reaches) {
		this.reachesController = reaches;
		return this;
	}

	@Override
	public String toString() {
		return this.name;
	}

}
