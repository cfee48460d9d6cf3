package dev.corsstarter.core.decision;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.HttpStatus;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.core.request.RequestType;
import dev.corsstarter.core.internal.MapCorsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * One row per cell of the behaviour table, plus malformed input: outcome, reason, request
 * type, deciding policy, short-circuit status and the complete set of response headers.
 */
class CorsDecisionTableTest {

	static final String APP = "https://app.example.com";

	static final String EVIL = "https://evil.example.net";

	static final String VARY_ORIGIN = "Origin";

	static final String VARY_PREFLIGHT = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

	static final String VARY_PREFLIGHT_PRIVATE_NETWORK = VARY_PREFLIGHT + ", Access-Control-Request-Private-Network";

	/** Credentialed API for the app and its preview deployments. */
	static final CorsPolicy API = CorsPolicy.builder("api")
		.pathPatterns("/api/**")
		.allowedOrigins(APP, "https://*.preview.example.com", "http://localhost:3000")
		.allowedMethods("GET", "HEAD", "POST", "PUT", "DELETE")
		.allowedHeaders("Content-Type", "Authorization", "X-Trace")
		.exposedHeaders("X-Request-Id", "X-Total-Count")
		.allowCredentials(true)
		.maxAge(Duration.ofMinutes(10))
		.build();

	/** Public read-only data for any site, without credentials. */
	static final CorsPolicy PUBLIC = CorsPolicy.builder("public")
		.pathPatterns("/public/**")
		.allowedOrigins("*")
		.allowedMethods("GET", "HEAD")
		.allowedHeaders("Content-Type")
		.build();

	/**
	 * A device on the private network, reachable from the app, a native shell and
	 * sandboxed frames.
	 */
	static final CorsPolicy DEVICE = CorsPolicy.builder("device")
		.pathPatterns("/device/**")
		.allowedOrigins(APP, "capacitor://localhost", "null", "http://[::1]:8080")
		.allowedMethods("GET", "POST")
		.allowedHeaders("*")
		.allowPrivateNetwork(true)
		.maxAge(Duration.ofHours(1))
		.build();

	/** Any method and header for one trusted origin, with credentials. */
	static final CorsPolicy OPEN = CorsPolicy.builder("open")
		.pathPatterns("/open/**")
		.allowedOrigins(APP)
		.allowedMethods("*")
		.allowedHeaders("*")
		.exposedHeaders("X-Request-Id")
		.allowCredentials(true)
		.build();

	/** WebSocket endpoint, default methods. */
	static final CorsPolicy WS = CorsPolicy.builder("ws").pathPatterns("/ws/**").allowedOrigins(APP).build();

	static final CorsEngine ENGINE = CorsEngine.create(List.of(API, PUBLIC, DEVICE, OPEN, WS));

	static Stream<Arguments> rows() {
		String overLong = "https://" + ("a".repeat(60) + ".").repeat(5) + "example.com";
		String longLabel = "https://" + "a".repeat(64) + ".example.com";
		String longHost = "https://" + String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(63));
		String overLongRequestHeaders = "content-type, ".repeat(300) + "x-trace";
		return Stream.of(
				// ---- no Origin: not CORS, but responses vary by Origin
				row("no Origin", get("/api/orders")).notCors(Reason.NO_ORIGIN, "api").headers("Vary", VARY_ORIGIN),
				row("OPTIONS with Access-Control-Request-Method but no Origin",
						request("OPTIONS", "/api/orders").header("Access-Control-Request-Method", "PUT"))
					.notCors(Reason.NO_ORIGIN, "api")
					.headers("Vary", VARY_ORIGIN),
				row("WebSocket upgrade without Origin", get("/ws/chat").websocket()).notCors(Reason.NO_ORIGIN, "ws")
					.headers("Vary", VARY_ORIGIN),

				// ---- same origin: not CORS
				row("Origin equals the request's own origin", get("/api/orders").origin("https://api.example.com"))
					.notCors(Reason.SAME_ORIGIN, "api")
					.headers("Vary", VARY_ORIGIN),
				row("same origin, request port is the explicit default",
						get("/api/orders").origin("https://api.example.com").server("https", "api.example.com", 443))
					.notCors(Reason.SAME_ORIGIN, "api")
					.headers("Vary", VARY_ORIGIN),
				row("same origin on a non-default port, not in the policy",
						request("POST", "/api/orders").origin("http://localhost:8080")
							.server("http", "localhost", 8080))
					.notCors(Reason.SAME_ORIGIN, "api")
					.headers("Vary", VARY_ORIGIN),
				row("same origin through forwarded scheme, host and port",
						request("DELETE", "/api/orders/1").origin("https://shop.example.org")
							.server("https", "shop.example.org", -1))
					.notCors(Reason.SAME_ORIGIN, "api")
					.headers("Vary", VARY_ORIGIN),
				row("same origin, request host in another case",
						get("/api/orders").origin("https://api.example.com").server("https", "API.Example.com", -1))
					.notCors(Reason.SAME_ORIGIN, "api")
					.headers("Vary", VARY_ORIGIN),
				row("request host that only Unicode case folding makes the origin's is cross-origin",
						request("POST", "/api/orders").origin("http://localhost:3000")
							.server("http", "localho\u017ft", 3000))
					.allowed(RequestType.ACTUAL, "api", 0)
					.headers("Vary", VARY_ORIGIN, "Access-Control-Allow-Origin", "http://localhost:3000",
							"Access-Control-Allow-Credentials", "true", "Access-Control-Expose-Headers",
							"X-Request-Id, X-Total-Count"),
				row("same origin, IPv6 literal",
						get("/api/orders").origin("http://[::1]:8080").server("http", "[::1]", 8080))
					.notCors(Reason.SAME_ORIGIN, "api")
					.headers("Vary", VARY_ORIGIN),
				row("Sec-Fetch-Site: same-origin",
						request("PATCH", "/api/orders").origin(EVIL).secFetchSite("same-origin"))
					.notCors(Reason.SAME_ORIGIN, "api")
					.headers("Vary", VARY_ORIGIN),
				row("same host, other scheme is cross-origin", get("/api/orders").origin("http://api.example.com"))
					.rejected(Reason.ORIGIN_NOT_ALLOWED, RequestType.ACTUAL, "api")
					.headers("Vary", VARY_ORIGIN),
				row("same host, other port is cross-origin", get("/api/orders").origin("https://api.example.com:8443"))
					.rejected(Reason.ORIGIN_NOT_ALLOWED, RequestType.ACTUAL, "api")
					.headers("Vary", VARY_ORIGIN),

				// ---- preflight allowed
				row("preflight with requested headers",
						preflight("/api/orders", APP, "PUT").requestHeaders("content-type, x-trace"))
					.allowed(RequestType.PREFLIGHT, "api", 204)
					.headers("Vary", VARY_PREFLIGHT, "Access-Control-Allow-Origin", APP,
							"Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Methods",
							"GET, HEAD, POST, PUT, DELETE", "Access-Control-Allow-Headers",
							"Content-Type, Authorization, X-Trace", "Access-Control-Max-Age", "600"),
				row("preflight without requested headers", preflight("/api/orders", APP, "DELETE"))
					.allowed(RequestType.PREFLIGHT, "api", 204)
					.headers("Vary", VARY_PREFLIGHT, "Access-Control-Allow-Origin", APP,
							"Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Methods",
							"GET, HEAD, POST, PUT, DELETE", "Access-Control-Max-Age", "600"),
				row("preflight header names compare case-insensitively",
						preflight("/api/orders", APP, "POST").requestHeaders("CONTENT-TYPE,X-TRACE,authorization"))
					.allowed(RequestType.PREFLIGHT, "api", 204)
					.headers("Vary", VARY_PREFLIGHT, "Access-Control-Allow-Origin", APP,
							"Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Methods",
							"GET, HEAD, POST, PUT, DELETE", "Access-Control-Allow-Headers",
							"Content-Type, Authorization, X-Trace", "Access-Control-Max-Age", "600"),
				row("preflight requested headers with optional whitespace",
						preflight("/api/orders", APP, "POST").requestHeaders("content-type ,  x-trace"))
					.allowed(RequestType.PREFLIGHT, "api", 204)
					.headers("Vary", VARY_PREFLIGHT, "Access-Control-Allow-Origin", APP,
							"Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Methods",
							"GET, HEAD, POST, PUT, DELETE", "Access-Control-Allow-Headers",
							"Content-Type, Authorization, X-Trace", "Access-Control-Max-Age", "600"),
				row("preflight requested headers split over two header lines",
						preflight("/api/orders", APP, "POST").requestHeaders("content-type").requestHeaders("x-trace"))
					.allowed(RequestType.PREFLIGHT, "api", 204)
					.headers("Vary", VARY_PREFLIGHT, "Access-Control-Allow-Origin", APP,
							"Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Methods",
							"GET, HEAD, POST, PUT, DELETE", "Access-Control-Allow-Headers",
							"Content-Type, Authorization, X-Trace", "Access-Control-Max-Age", "600"),
				row("preflight from a subdomain wildcard origin",
						preflight("/api/orders", "https://pr-12.preview.example.com", "GET"))
					.allowed(RequestType.PREFLIGHT, "api", 204)
					.headers("Vary", VARY_PREFLIGHT, "Access-Control-Allow-Origin", "https://pr-12.preview.example.com",
							"Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Methods",
							"GET, HEAD, POST, PUT, DELETE", "Access-Control-Max-Age", "600"),
				row("preflight to a wildcard policy without credentials answers '*'",
						preflight("/public/data", "https://any.site.example", "GET").requestHeaders("Content-Type"))
					.allowed(RequestType.PREFLIGHT, "public", 204)
					.headers("Vary", VARY_PREFLIGHT, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods",
							"GET, HEAD", "Access-Control-Allow-Headers", "Content-Type", "Access-Control-Max-Age",
							"300"),
				row("preflight asking for private network access, allowed",
						preflight("/device/status", APP, "POST").requestHeaders("X-Device-Key, content-type")
							.privateNetwork())
					.allowed(RequestType.PREFLIGHT, "device", 204)
					.headers("Vary", VARY_PREFLIGHT_PRIVATE_NETWORK, "Access-Control-Allow-Origin", APP,
							"Access-Control-Allow-Methods", "GET, POST", "Access-Control-Allow-Headers",
							"x-device-key, content-type", "Access-Control-Max-Age", "3600",
							"Access-Control-Allow-Private-Network", "true"),
				row("preflight not asking for private network access on a policy that allows it",
						preflight("/device/status", "capacitor://localhost", "GET"))
					.allowed(RequestType.PREFLIGHT, "device", 204)
					.headers("Vary", VARY_PREFLIGHT_PRIVATE_NETWORK, "Access-Control-Allow-Origin",
							"capacitor://localhost", "Access-Control-Allow-Methods", "GET, POST",
							"Access-Control-Max-Age", "3600"),
				row("preflight from the opaque origin when 'null' is listed",
						preflight("/device/status", "null", "GET"))
					.allowed(RequestType.PREFLIGHT, "device", 204)
					.headers("Vary", VARY_PREFLIGHT_PRIVATE_NETWORK, "Access-Control-Allow-Origin", "null",
							"Access-Control-Allow-Methods", "GET, POST", "Access-Control-Max-Age", "3600"),
				row("preflight with '*' methods and headers and credentials lists the requested ones",
						preflight("/open/things", APP, "PATCH").requestHeaders("X-Custom-One, x-custom-two"))
					.allowed(RequestType.PREFLIGHT, "open", 204)
					.headers("Vary", VARY_PREFLIGHT, "Access-Control-Allow-Origin", APP,
							"Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Methods", "PATCH",
							"Access-Control-Allow-Headers", "x-custom-one, x-custom-two", "Access-Control-Max-Age",
							"300"),

				// ---- preflight rejected: 403, no Access-Control-Allow-*
				row("preflight from an origin not allowed", preflight("/api/orders", EVIL, "GET"))
					.rejected(Reason.ORIGIN_NOT_ALLOWED, RequestType.PREFLIGHT, "api")
					.headers("Vary", VARY_PREFLIGHT),
				row("preflight from an allowed origin with a suffix appended",
						preflight("/api/orders", "https://app.example.com.evil.com", "GET"))
					.rejected(Reason.ORIGIN_NOT_ALLOWED, RequestType.PREFLIGHT, "api")
					.headers("Vary", VARY_PREFLIGHT),
				row("preflight from the bare host of a subdomain wildcard",
						preflight("/api/orders", "https://preview.example.com", "GET"))
					.rejected(Reason.ORIGIN_NOT_ALLOWED, RequestType.PREFLIGHT, "api")
					.headers("Vary", VARY_PREFLIGHT),
				row("preflight from the opaque origin when 'null' is not listed",
						preflight("/api/orders", "null", "GET"))
					.rejected(Reason.ORIGIN_NOT_ALLOWED, RequestType.PREFLIGHT, "api")
					.headers("Vary", VARY_PREFLIGHT),
				row("preflight for a method not allowed", preflight("/api/orders", APP, "PATCH"))
					.rejected(Reason.METHOD_NOT_ALLOWED, RequestType.PREFLIGHT, "api")
					.headers("Vary", VARY_PREFLIGHT),
				row("preflight methods compare case-sensitively: put is not PUT", preflight("/api/orders", APP, "put"))
					.rejected(Reason.METHOD_NOT_ALLOWED, RequestType.PREFLIGHT, "api")
					.headers("Vary", VARY_PREFLIGHT),
				row("preflight for a header not allowed",
						preflight("/api/orders", APP, "POST").requestHeaders("content-type, x-other"))
					.rejected(Reason.HEADER_NOT_ALLOWED, RequestType.PREFLIGHT, "api")
					.headers("Vary", VARY_PREFLIGHT),
				row("preflight asking for private network access, not allowed",
						preflight("/api/orders", APP, "GET").privateNetwork())
					.rejected(Reason.PRIVATE_NETWORK_NOT_ALLOWED, RequestType.PREFLIGHT, "api")
					.headers("Vary", VARY_PREFLIGHT),
				row("preflight rejected on a private-network policy still varies on the request header",
						preflight("/device/status", EVIL, "GET").privateNetwork())
					.rejected(Reason.ORIGIN_NOT_ALLOWED, RequestType.PREFLIGHT, "device")
					.headers("Vary", VARY_PREFLIGHT_PRIVATE_NETWORK),

				// ---- actual requests
				row("actual request allowed, with credentials and exposed headers", get("/api/orders").origin(APP))
					.allowed(RequestType.ACTUAL, "api", 0)
					.headers("Vary", VARY_ORIGIN, "Access-Control-Allow-Origin", APP,
							"Access-Control-Allow-Credentials", "true", "Access-Control-Expose-Headers",
							"X-Request-Id, X-Total-Count"),
				row("actual POST allowed from localhost dev origin",
						request("POST", "/api/orders").origin("http://localhost:3000"))
					.allowed(RequestType.ACTUAL, "api", 0)
					.headers("Vary", VARY_ORIGIN, "Access-Control-Allow-Origin", "http://localhost:3000",
							"Access-Control-Allow-Credentials", "true", "Access-Control-Expose-Headers",
							"X-Request-Id, X-Total-Count"),
				row("actual request to a wildcard policy answers '*'",
						get("/public/data").origin("https://any.site.example"))
					.allowed(RequestType.ACTUAL, "public", 0)
					.headers("Vary", VARY_ORIGIN, "Access-Control-Allow-Origin", "*"),
				row("actual request from the opaque origin to a wildcard policy", get("/public/data").origin("null"))
					.allowed(RequestType.ACTUAL, "public", 0)
					.headers("Vary", VARY_ORIGIN, "Access-Control-Allow-Origin", "*"),
				row("actual request from a non-http scheme", get("/device/status").origin("capacitor://localhost"))
					.allowed(RequestType.ACTUAL, "device", 0)
					.headers("Vary", VARY_ORIGIN, "Access-Control-Allow-Origin", "capacitor://localhost"),
				row("actual request from an IPv6 literal origin",
						request("POST", "/device/status").origin("http://[::1]:8080"))
					.allowed(RequestType.ACTUAL, "device", 0)
					.headers("Vary", VARY_ORIGIN, "Access-Control-Allow-Origin", "http://[::1]:8080"),
				row("OPTIONS with Origin but no Access-Control-Request-Method is an actual request",
						request("OPTIONS", "/open/things").origin(APP))
					.allowed(RequestType.ACTUAL, "open", 0)
					.headers("Vary", VARY_ORIGIN, "Access-Control-Allow-Origin", APP,
							"Access-Control-Allow-Credentials", "true", "Access-Control-Expose-Headers",
							"X-Request-Id"),
				row("OPTIONS with Origin but no Access-Control-Request-Method, OPTIONS not allowed",
						request("OPTIONS", "/api/orders").origin(APP))
					.rejected(Reason.METHOD_NOT_ALLOWED, RequestType.ACTUAL, "api")
					.headers("Vary", VARY_ORIGIN),
				row("actual cross-site form POST from an origin not allowed",
						request("POST", "/api/orders").origin(EVIL))
					.rejected(Reason.ORIGIN_NOT_ALLOWED, RequestType.ACTUAL, "api")
					.headers("Vary", VARY_ORIGIN),
				row("actual request from the allowed host over the other scheme",
						get("/api/orders").origin("http://app.example.com"))
					.rejected(Reason.ORIGIN_NOT_ALLOWED, RequestType.ACTUAL, "api")
					.headers("Vary", VARY_ORIGIN),
				row("actual request with a method not allowed", request("PATCH", "/api/orders").origin(APP))
					.rejected(Reason.METHOD_NOT_ALLOWED, RequestType.ACTUAL, "api")
					.headers("Vary", VARY_ORIGIN),
				row("actual request methods compare case-sensitively: get is not GET",
						request("get", "/api/orders").origin(APP))
					.rejected(Reason.METHOD_NOT_ALLOWED, RequestType.ACTUAL, "api")
					.headers("Vary", VARY_ORIGIN),
				row("actual request with a method not allowed on a wildcard policy",
						request("DELETE", "/public/data").origin("https://any.site.example"))
					.rejected(Reason.METHOD_NOT_ALLOWED, RequestType.ACTUAL, "public")
					.headers("Vary", VARY_ORIGIN),

				// ---- WebSocket handshakes
				row("WebSocket upgrade from an allowed origin", get("/ws/chat").origin(APP).websocket())
					.allowed(RequestType.WEBSOCKET, "ws", 0)
					.headers("Vary", VARY_ORIGIN),
				row("WebSocket upgrade from an origin not allowed",
						get("/ws/chat").origin(EVIL).header("Upgrade", "WebSocket"))
					.rejected(Reason.ORIGIN_NOT_ALLOWED, RequestType.WEBSOCKET, "ws")
					.headers("Vary", VARY_ORIGIN),
				row("WebSocket upgrade with a malformed origin",
						get("/ws/chat").origin("https://APP.example.com").websocket())
					.rejected(Reason.MALFORMED_ORIGIN, RequestType.WEBSOCKET, "ws")
					.headers("Vary", VARY_ORIGIN),
				// found by CorsEngineFuzzTest: Java's equalsIgnoreCase folds 'ſ' (U+017F)
				// to 's' and the
				// Kelvin sign (U+212A) to 'k'; HTTP compares in ASCII case only
				row("Upgrade with a long s is not a WebSocket handshake",
						get("/api/orders").origin(APP).header("Upgrade", "web\u017focket"))
					.allowed(RequestType.ACTUAL, "api", 0)
					.headers("Vary", VARY_ORIGIN, "Access-Control-Allow-Origin", APP,
							"Access-Control-Allow-Credentials", "true", "Access-Control-Expose-Headers",
							"X-Request-Id, X-Total-Count"),
				row("Upgrade with a Kelvin sign is not a WebSocket handshake",
						get("/ws/chat").origin(APP).header("Upgrade", "websoc\u212aet"))
					.allowed(RequestType.ACTUAL, "ws", 0)
					.headers("Vary", VARY_ORIGIN, "Access-Control-Allow-Origin", APP),

				// ---- malformed Origin: rejected, never reflected
				row("empty Origin", get("/api/orders").origin(""))
					.rejected(Reason.MALFORMED_ORIGIN, RequestType.ACTUAL, "api")
					.headers("Vary", VARY_ORIGIN),
				row("two Origin headers, both allowed", get("/api/orders").origin(APP).origin(APP))
					.rejected(Reason.MALFORMED_ORIGIN, RequestType.ACTUAL, "api")
					.headers("Vary", VARY_ORIGIN),
				row("two Origin headers on a preflight",
						preflight("/api/orders", APP, "GET").origin("http://localhost:3000"))
					.rejected(Reason.MALFORMED_ORIGIN, RequestType.PREFLIGHT, "api")
					.headers("Vary", VARY_PREFLIGHT),
				row("Origin over 300 characters", get("/api/orders").origin(overLong))
					.rejected(Reason.MALFORMED_ORIGIN, RequestType.ACTUAL, "api")
					.headers("Vary", VARY_ORIGIN),
				row("Origin with a label over 63 characters", get("/api/orders").origin(longLabel))
					.rejected(Reason.MALFORMED_ORIGIN, RequestType.ACTUAL, "api")
					.headers("Vary", VARY_ORIGIN),
				row("Origin with a host over 253 characters", preflight("/api/orders", longHost, "GET"))
					.rejected(Reason.MALFORMED_ORIGIN, RequestType.PREFLIGHT, "api")
					.headers("Vary", VARY_PREFLIGHT),
				row("non-ASCII Origin", get("/api/orders").origin("https://äpp.example.com"))
					.rejected(Reason.MALFORMED_ORIGIN, RequestType.ACTUAL, "api")
					.headers("Vary", VARY_ORIGIN),
				row("Origin with CRLF and an injected header",
						get("/api/orders").origin(APP + "\r\nSet-Cookie: session=stolen"))
					.rejected(Reason.MALFORMED_ORIGIN, RequestType.ACTUAL, "api")
					.headers("Vary", VARY_ORIGIN),
				row("Origin with a NUL character", preflight("/api/orders", APP + "\u0000", "GET"))
					.rejected(Reason.MALFORMED_ORIGIN, RequestType.PREFLIGHT, "api")
					.headers("Vary", VARY_PREFLIGHT),
				row("Origin with a path", get("/api/orders").origin(APP + "/"))
					.rejected(Reason.MALFORMED_ORIGIN, RequestType.ACTUAL, "api")
					.headers("Vary", VARY_ORIGIN),
				row("upper-case Origin", get("/api/orders").origin("https://APP.EXAMPLE.COM"))
					.rejected(Reason.MALFORMED_ORIGIN, RequestType.ACTUAL, "api")
					.headers("Vary", VARY_ORIGIN),
				row("malformed Origin is rejected even with Sec-Fetch-Site: same-origin",
						get("/api/orders").origin("https://api.example.com/").secFetchSite("same-origin"))
					.rejected(Reason.MALFORMED_ORIGIN, RequestType.ACTUAL, "api")
					.headers("Vary", VARY_ORIGIN),
				row("malformed Origin on a wildcard policy", get("/public/data").origin("https://a.example.com:0"))
					.rejected(Reason.MALFORMED_ORIGIN, RequestType.ACTUAL, "public")
					.headers("Vary", VARY_ORIGIN),
				row("Origin with the explicit default port is well-formed but not the listed origin",
						get("/api/orders").origin(APP + ":443"))
					.rejected(Reason.ORIGIN_NOT_ALLOWED, RequestType.ACTUAL, "api")
					.headers("Vary", VARY_ORIGIN),

				// ---- malformed preflight request headers
				row("junk in Access-Control-Request-Headers",
						preflight("/api/orders", APP, "POST").requestHeaders("content-type, <script>"))
					.rejected(Reason.MALFORMED_REQUEST, RequestType.PREFLIGHT, "api")
					.headers("Vary", VARY_PREFLIGHT),
				row("junk in Access-Control-Request-Headers on a '*' headers policy",
						preflight("/device/status", APP, "POST").requestHeaders("x-a\r\nx-b: y"))
					.rejected(Reason.MALFORMED_REQUEST, RequestType.PREFLIGHT, "device")
					.headers("Vary", VARY_PREFLIGHT_PRIVATE_NETWORK),
				row("non-ASCII in Access-Control-Request-Headers",
						preflight("/device/status", APP, "POST").requestHeaders("x-tråce"))
					.rejected(Reason.MALFORMED_REQUEST, RequestType.PREFLIGHT, "device")
					.headers("Vary", VARY_PREFLIGHT_PRIVATE_NETWORK),
				row("over-long Access-Control-Request-Headers",
						preflight("/api/orders", APP, "POST").requestHeaders(overLongRequestHeaders))
					.rejected(Reason.MALFORMED_REQUEST, RequestType.PREFLIGHT, "api")
					.headers("Vary", VARY_PREFLIGHT),
				row("repeated Access-Control-Request-Method",
						preflight("/api/orders", APP, "GET").header("Access-Control-Request-Method", "GET"))
					.rejected(Reason.MALFORMED_REQUEST, RequestType.PREFLIGHT, "api")
					.headers("Vary", VARY_PREFLIGHT),
				row("empty Access-Control-Request-Method", preflight("/api/orders", APP, ""))
					.rejected(Reason.MALFORMED_REQUEST, RequestType.PREFLIGHT, "api")
					.headers("Vary", VARY_PREFLIGHT),
				row("Access-Control-Request-Method that is not a token", preflight("/open/things", APP, "GET POST"))
					.rejected(Reason.MALFORMED_REQUEST, RequestType.PREFLIGHT, "open")
					.headers("Vary", VARY_PREFLIGHT),

				// ---- unnormalised paths: a lenient router (Spring MVC with
				// AntPathMatcher, a servlet
				// mapping) serves them as their normalised form, so that form's policy
				// decides too
				row("empty segment in front of a policy path", request("POST", "//api/orders").origin(EVIL))
					.rejected(Reason.ORIGIN_NOT_ALLOWED, RequestType.ACTUAL, "api")
					.headers("Vary", VARY_ORIGIN),
				row("segment of only a path parameter in front of a policy path",
						request("POST", "/;x=1/api/orders").origin(EVIL))
					.rejected(Reason.ORIGIN_NOT_ALLOWED, RequestType.ACTUAL, "api")
					.headers("Vary", VARY_ORIGIN),
				row("dot segments in front of a policy path", preflight("/./x/%2e%2e/api/orders", EVIL, "PUT"))
					.rejected(Reason.ORIGIN_NOT_ALLOWED, RequestType.PREFLIGHT, "api")
					.headers("Vary", VARY_PREFLIGHT),
				row("unnormalised path allowed by the policy of its normalised form", get("//api/orders").origin(APP))
					.allowed(RequestType.ACTUAL, "api", 0)
					.headers("Vary", VARY_ORIGIN, "Access-Control-Allow-Origin", APP,
							"Access-Control-Allow-Credentials", "true", "Access-Control-Expose-Headers",
							"X-Request-Id, X-Total-Count"),
				row("dot-dot out of a wildcard policy's path into a credentialed one: the stricter decision wins",
						get("/public/..;/api/orders").origin(EVIL))
					.rejected(Reason.ORIGIN_NOT_ALLOWED, RequestType.ACTUAL, "api")
					.headers("Vary", VARY_ORIGIN),
				row("dot-dot out of a credentialed policy's path: the stricter decision wins",
						get("/api/..;/public/data").origin("https://any.site.example"))
					.rejected(Reason.ORIGIN_NOT_ALLOWED, RequestType.ACTUAL, "api")
					.headers("Vary", VARY_ORIGIN),
				row("both forms allowed: the normalised form's policy answers",
						get("/public/../api/orders").origin(APP))
					.allowed(RequestType.ACTUAL, "api", 0)
					.headers("Vary", VARY_ORIGIN, "Access-Control-Allow-Origin", APP,
							"Access-Control-Allow-Credentials", "true", "Access-Control-Expose-Headers",
							"X-Request-Id, X-Total-Count"),
				row("unnormalised path whose normalised form no policy covers keeps its own policy",
						get("/api/../static/app.js").origin(APP))
					.allowed(RequestType.ACTUAL, "api", 0)
					.headers("Vary", VARY_ORIGIN, "Access-Control-Allow-Origin", APP,
							"Access-Control-Allow-Credentials", "true", "Access-Control-Expose-Headers",
							"X-Request-Id, X-Total-Count"),
				row("encoded slash, a separator to routers that decode first",
						request("POST", "/api%2Forders").origin(EVIL))
					.rejected(Reason.ORIGIN_NOT_ALLOWED, RequestType.ACTUAL, "api")
					.headers("Vary", VARY_ORIGIN),
				row("encoded dot-dot segments out of a wildcard policy's path",
						get("/public%2F..%2Fapi/orders").origin(EVIL))
					.rejected(Reason.ORIGIN_NOT_ALLOWED, RequestType.ACTUAL, "api")
					.headers("Vary", VARY_ORIGIN),
				row("upper case is another path", get("/API/orders").origin(EVIL)).noPolicy(),

				// ---- no policy: untouched
				row("no policy covers the path", get("/static/app.js").origin(EVIL)).noPolicy(),
				row("no policy covers the path, preflight",
						preflight("/static/app.js", APP, "PUT").requestHeaders("x-a"))
					.noPolicy(),
				row("no policy covers the path, malformed Origin", get("/health").origin("https://äpp\r\n.example"))
					.noPolicy(),
				row("no policy covers the path, no Origin", get("/")).noPolicy());
	}

	@ParameterizedTest
	@MethodSource("rows")
	void decides(Row row) {
		CorsDecision decision = ENGINE.evaluate(row.request());

		assertThat(decision.outcome()).as("outcome").isEqualTo(row.outcome());
		assertThat(decision.reason()).as("reason").isEqualTo(row.reason());
		assertThat(decision.type()).as("type").isEqualTo(row.type());
		assertThat(decision.policyName()).as("policy").isEqualTo(row.policy());
		assertThat(status(decision)).as("short-circuit status").isEqualTo(row.status());
		assertThat(decision.responseHeaders()).as("response headers").isEqualTo(row.headers());
	}

	@ParameterizedTest
	@MethodSource("rows")
	void neverReflectsARejectedOrigin(Row row) {
		CorsDecision decision = ENGINE.evaluate(row.request());
		Map<String, String> headers = decision.responseHeaders();

		if (!decision.isAllowed()) {
			assertThat(headers.keySet()).noneMatch(name -> name.startsWith("Access-Control-Allow-"))
				.noneMatch(name -> name.startsWith("Access-Control-Expose-"));
		}
		if (decision.isRejected()) {
			for (String origin : row.request().headerValues("Origin")) {
				if (!origin.isEmpty()) {
					assertThat(headers.values()).noneMatch(value -> value.contains(origin));
				}
			}
		}
		// header values are plain visible ASCII: nothing from the request can inject a
		// line
		assertThat(headers.values()).allMatch(value -> value.chars().allMatch(c -> c >= 0x20 && c < 0x7f));
	}

	@ParameterizedTest
	@MethodSource("rows")
	void writesEachHeaderOnceAndVaryTokensOnce(Row row) {
		CorsDecision decision = ENGINE.evaluate(row.request());
		List<String> set = new ArrayList<>();
		List<String> vary = new ArrayList<>();

		decision.writeHeaders(new CorsDecision.HeaderWriter() {
			@Override
			public boolean contains(String name) {
				return false; // as if the response had none yet: Vary comes in one write
			}

			@Override
			public Iterable<String> values(String name) {
				return null;
			}

			@Override
			public void set(String name, String value) {
				if (name.equals("Vary")) {
					vary.addAll(List.of(value.split(", ")));
				}
				else {
					set.add(name);
				}
			}

			@Override
			public void add(String name, String value) {
				vary.add(value);
			}
		});

		assertThat(set).doesNotHaveDuplicates();
		assertThat(vary).doesNotHaveDuplicates();
		assertThat(set.size() + (vary.isEmpty() ? 0 : 1)).isEqualTo(row.headers().size());
	}

	/** The server every row's request is addressed to unless it says otherwise. */
	static MapCorsRequest.Builder request(String method, String path) {
		return MapCorsRequest.request(method, path).server("https", "api.example.com", -1);
	}

	static MapCorsRequest.Builder get(String path) {
		return request("GET", path);
	}

	static MapCorsRequest.Builder preflight(String path, String origin, String requestMethod) {
		return request("OPTIONS", path).origin(origin).header("Access-Control-Request-Method", requestMethod);
	}

	static RowBuilder row(String name, MapCorsRequest.Builder request) {
		return new RowBuilder(name, request.build());
	}

	/** One expectation: the request and everything the decision must say about it. */
	record Row(String name, MapCorsRequest request, Outcome outcome, Reason reason, RequestType type, String policy,
			int status, Map<String, String> headers) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	static final class RowBuilder {

		private final String name;

		private final MapCorsRequest request;

		private Outcome outcome;

		private Reason reason;

		private RequestType type;

		private String policy;

		private int status;

		RowBuilder(String name, MapCorsRequest request) {
			this.name = name;
			this.request = request;
		}

		RowBuilder notCors(Reason reason, String policy) {
			return expect(Outcome.NOT_CORS, reason, null, policy, 0); // not cross-origin:
																		// no type
		}

		RowBuilder allowed(RequestType type, String policy, int status) {
			return expect(Outcome.ALLOWED, Reason.ALLOWED, type, policy, status);
		}

		RowBuilder rejected(Reason reason, RequestType type, String policy) {
			return expect(Outcome.REJECTED, reason, type, policy, 403);
		}

		Arguments noPolicy() {
			return expect(Outcome.NO_POLICY, Reason.NO_POLICY, null, null, 0).headers();
		}

		private RowBuilder expect(Outcome outcome, Reason reason, RequestType type, String policy, int status) {
			this.outcome = outcome;
			this.reason = reason;
			this.type = type;
			this.policy = policy;
			this.status = status;
			return this;
		}

		/** The complete response headers, as name/value pairs. */
		Arguments headers(String... nameValuePairs) {
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 0; i < nameValuePairs.length; i += 2) {
				headers.put(nameValuePairs[i], nameValuePairs[i + 1]);
			}
			return argumentSet(this.name, new Row(this.name, this.request, this.outcome, this.reason, this.type,
					this.policy, this.status, headers));
		}

	}

	/** The status the filter answers with itself, or 0 when it continues the chain. */
	private static int status(CorsDecision decision) {
		HttpStatus status = decision.action().status();
		return (status != null) ? status.value() : 0;
	}

}
