package dev.corsstarter.autoconfigure.it;

import static dev.corsstarter.autoconfigure.it.CorsScenario.APP;
import static dev.corsstarter.autoconfigure.it.CorsScenario.EVIL;

import java.util.List;

/** The behaviour table both stacks must pass, row by row. */
final class CorsScenarios {

	static final String[] PREFLIGHT_VARY = { "Origin", "Access-Control-Request-Method",
			"Access-Control-Request-Headers" };

	private CorsScenarios() {
	}

	static List<CorsScenario> all() {
		return List.of(
				// preflights: answered by the filter, never by Security (no credentials
				// sent)
				CorsScenario.of("preflight allowed")
					.preflight(APP, "PUT", "content-type, x-trace")
					.expectStatus(204)
					.expect("Access-Control-Allow-Origin", APP)
					.expect("Access-Control-Allow-Credentials", "true")
					.expect("Access-Control-Allow-Methods", "GET, POST, PUT")
					.expect("Access-Control-Allow-Headers", "Content-Type, Authorization, X-Trace")
					.expect("Access-Control-Max-Age", "600")
					.absent("WWW-Authenticate", "Access-Control-Expose-Headers", "Set-Cookie")
					.vary(PREFLIGHT_VARY)
					.reachesController(false),
				CorsScenario.of("preflight allowed from a wildcard subdomain")
					.preflight("https://pr-7.preview.example.com", "GET", null)
					.expectStatus(204)
					.expect("Access-Control-Allow-Origin", "https://pr-7.preview.example.com")
					.absent("Access-Control-Allow-Headers", "WWW-Authenticate"),
				CorsScenario.of("preflight rejected: origin")
					.preflight(EVIL, "GET", null)
					.expectStatus(403)
					.noAccessControl()
					.vary(PREFLIGHT_VARY)
					.reachesController(false),
				CorsScenario.of("preflight rejected: suffix trick")
					.preflight("https://app.example.com.evil.org", "GET", null)
					.expectStatus(403)
					.noAccessControl(),
				CorsScenario.of("preflight rejected: method")
					.preflight(APP, "DELETE", null)
					.expectStatus(403)
					.noAccessControl(),
				CorsScenario.of("preflight rejected: method case")
					.preflight(APP, "put", null)
					.expectStatus(403)
					.noAccessControl(),
				CorsScenario.of("preflight rejected: header")
					.preflight(APP, "POST", "content-type,x-evil")
					.expectStatus(403)
					.noAccessControl(),
				CorsScenario.of("preflight private network allowed")
					.request("OPTIONS", "/device/hello")
					.preflight(APP, "GET", null)
					.header("Access-Control-Request-Private-Network", "true")
					.expectStatus(204)
					.expect("Access-Control-Allow-Private-Network", "true")
					.expect("Access-Control-Allow-Origin", APP),
				CorsScenario.of("preflight private network refused")
					.preflight(APP, "GET", null)
					.header("Access-Control-Request-Private-Network", "true")
					.expectStatus(403)
					.noAccessControl(),
				// actual requests: headers survive whatever the status
				CorsScenario.of("actual 200")
					.origin(APP)
					.authenticated()
					.expectStatus(200)
					.expect("Access-Control-Allow-Origin", APP)
					.expect("Access-Control-Allow-Credentials", "true")
					.expect("Access-Control-Expose-Headers", "X-Request-Id")
					.vary("Origin")
					.reachesController(true),
				CorsScenario.of("actual 401 from Security")
					.origin(APP)
					.expectStatus(401)
					.expect("Access-Control-Allow-Origin", APP)
					.expect("Access-Control-Allow-Credentials", "true")
					.vary("Origin")
					.reachesController(false),
				CorsScenario.of("actual 404")
					.request("GET", "/api/missing")
					.origin(APP)
					.authenticated()
					.expectStatus(404)
					.expect("Access-Control-Allow-Origin", APP)
					.vary("Origin"),
				CorsScenario.of("actual 500 from an exception")
					.request("GET", "/api/boom")
					.origin(APP)
					.authenticated()
					.expectStatus(500)
					.expect("Access-Control-Allow-Origin", APP)
					.expect("Access-Control-Allow-Credentials", "true")
					.vary("Origin"),
				CorsScenario.of("actual async")
					.request("GET", "/api/async")
					.origin(APP)
					.authenticated()
					.expectStatus(200)
					.expect("Access-Control-Allow-Origin", APP)
					.vary("Origin"),
				CorsScenario.of("headers restored after the response is reset")
					.request("GET", "/api/reset")
					.origin(APP)
					.authenticated()
					.expectStatus(200)
					.expect("Access-Control-Allow-Origin", APP)
					.expect("Access-Control-Allow-Credentials", "true")
					.vary("Origin")
					.reachesController(true),
				CorsScenario.of("actual 403 from CSRF keeps CORS headers")
					.request("POST", "/api/hello")
					.origin(APP)
					.authenticated()
					.expectStatus(403)
					.expect("Access-Control-Allow-Origin", APP)
					.reachesController(false),
				CorsScenario.of("cross-site form POST rejected")
					.request("POST", "/api/hello")
					.origin(EVIL)
					.authenticated()
					.header("Content-Type", "application/x-www-form-urlencoded")
					.expectStatus(403)
					.noAccessControl()
					.reachesController(false),
				CorsScenario.of("actual rejected: method")
					.request("DELETE", "/api/hello")
					.origin(APP)
					.authenticated()
					.expectStatus(403)
					.noAccessControl()
					.reachesController(false),
				CorsScenario.of("OPTIONS without request method is an actual request")
					.request("OPTIONS", "/api/hello")
					.origin(APP)
					.expectStatus(403)
					.noAccessControl()
					.reachesController(false),
				// not CORS
				CorsScenario.of("no Origin")
					.authenticated()
					.expectStatus(200)
					.noAccessControl()
					.vary("Origin")
					.reachesController(true),
				CorsScenario.of("same origin")
					.origin("http://localhost:{port}")
					.authenticated()
					.expectStatus(200)
					.noAccessControl()
					.vary("Origin")
					.reachesController(true),
				CorsScenario.of("same origin behind a proxy (forwarded headers)")
					.origin("https://public.example.net")
					.header("X-Forwarded-Proto", "https")
					.header("X-Forwarded-Host", "public.example.net")
					.authenticated()
					.expectStatus(200)
					.noAccessControl()
					.vary("Origin")
					.reachesController(true),
				CorsScenario.of("forwarded host differs: still cross-origin")
					.origin("https://public.example.net")
					.header("X-Forwarded-Proto", "https")
					.header("X-Forwarded-Host", "other.example.net")
					.authenticated()
					.expectStatus(403)
					.noAccessControl()
					.reachesController(false),
				CorsScenario.of("Sec-Fetch-Site same-origin")
					.origin("http://127.0.0.1:{port}")
					.header("Sec-Fetch-Site", "same-origin")
					.authenticated()
					.expectStatus(200)
					.noAccessControl()
					.reachesController(true),
				// policy selection and untouched paths
				CorsScenario.of("most specific policy wins")
					.request("GET", "/api/public/hello")
					.origin("https://anyone.example.net")
					.expectStatus(200)
					.expect("Access-Control-Allow-Origin", "*")
					.absent("Access-Control-Allow-Credentials", "Access-Control-Expose-Headers")
					.vary("Origin"),
				CorsScenario.of("unmatched path untouched")
					.request("GET", "/other/hello")
					.origin(EVIL)
					.authenticated()
					.expectStatus(200)
					.noAccessControl()
					.reachesController(true),
				// WebSockets
				CorsScenario.of("WebSocket upgrade from a foreign origin")
					.request("GET", "/api/hello")
					.origin(EVIL)
					.header("Upgrade", "websocket")
					.header("Sec-WebSocket-Version", "13")
					.header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
					.expectStatus(403)
					.noAccessControl()
					.reachesController(false),
				// never duplicated with @CrossOrigin, addCorsMappings and Security's
				// cors()
				CorsScenario.of("no duplicates with @CrossOrigin, addCorsMappings and http.cors()")
					.request("GET", "/api/annotated")
					.origin(APP)
					.authenticated()
					.expectStatus(200)
					.expect("Access-Control-Allow-Origin", APP)
					.expect("Access-Control-Allow-Credentials", "true")
					.expect("Access-Control-Expose-Headers", "X-Request-Id")
					.onlyExpectedAccessControl()
					.vary("Origin"),
				// interop: on a policy path the starter decides, whatever Spring's own
				// configuration says
				CorsScenario
					.of("@CrossOrigin, addCorsMappings and http.cors() on a policy path: "
							+ "the starter answers the preflight")
					.request("OPTIONS", "/api/annotated")
					.preflight(APP, "PUT", "content-type")
					.expectStatus(204)
					.expect("Access-Control-Allow-Origin", APP)
					.expect("Access-Control-Allow-Credentials", "true")
					.expect("Access-Control-Allow-Methods", "GET, POST, PUT")
					.expect("Access-Control-Allow-Headers", "Content-Type, Authorization, X-Trace")
					.expect("Access-Control-Max-Age", "600")
					.onlyExpectedAccessControl()
					.vary(PREFLIGHT_VARY)
					.reachesController(false),
				CorsScenario.of("@CrossOrigin(\"*\") on a policy path: the starter still refuses a foreign origin")
					.request("GET", "/api/annotated")
					.origin(EVIL)
					.authenticated()
					.expectStatus(403)
					.noAccessControl()
					.reachesController(false),
				CorsScenario
					.of("stricter @CrossOrigin on a policy path: the policy's origin gets the starter's headers")
					.request("GET", "/device/restricted")
					.origin(APP)
					.authenticated()
					.expectStatus(200)
					.expect("Access-Control-Allow-Origin", APP)
					.onlyExpectedAccessControl()
					.vary("Origin")
					.reachesController(true),
				CorsScenario.of("stricter @CrossOrigin on a policy path: an origin only Spring allows is refused")
					.request("GET", "/device/restricted")
					.origin(CorsTestApplication.SPRING_ONLY_ORIGIN)
					.authenticated()
					.expectStatus(403)
					.noAccessControl()
					.reachesController(false),
				CorsScenario
					.of("stricter @CrossOrigin on a policy path: "
							+ "Spring still refuses what the starter takes for same-origin")
					.request("GET", "/device/restricted")
					.origin("http://127.0.0.1:{port}")
					.header("Sec-Fetch-Site", "same-origin")
					.authenticated()
					.expectStatus(403)
					.noAccessControl()
					.reachesController(false),
				// paths no policy covers: Spring's own CORS support works untouched
				CorsScenario.of("no policy: @CrossOrigin answers")
					.request("GET", "/spring/annotated")
					.origin(CorsTestApplication.SPRING_ORIGIN)
					.authenticated()
					.expectStatus(200)
					.expect("Access-Control-Allow-Origin", CorsTestApplication.SPRING_ORIGIN)
					.expect("Access-Control-Expose-Headers", "X-Spring")
					.onlyExpectedAccessControl()
					.reachesController(true),
				CorsScenario.of("no policy: @CrossOrigin refuses")
					.request("GET", "/spring/annotated")
					.origin(EVIL)
					.authenticated()
					.expectStatus(403)
					.noAccessControl()
					.reachesController(false),
				CorsScenario.of("no policy: addCorsMappings / CorsRegistry answers")
					.request("GET", "/spring/mapped/hello")
					.origin(CorsTestApplication.SPRING_ORIGIN)
					.authenticated()
					.expectStatus(200)
					.expect("Access-Control-Allow-Origin", CorsTestApplication.SPRING_ORIGIN)
					.expect("Access-Control-Expose-Headers", "X-Spring-Mapped")
					.onlyExpectedAccessControl()
					.reachesController(true),
				CorsScenario.of("no policy: http.cors() answers the preflight")
					.request("OPTIONS", "/spring/secured/hello")
					.preflight(CorsTestApplication.SPRING_ORIGIN, "GET", null)
					.expectStatus(200)
					.expect("Access-Control-Allow-Origin", CorsTestApplication.SPRING_ORIGIN)
					.expect("Access-Control-Allow-Methods", "GET")
					.expect("Access-Control-Expose-Headers", "X-Spring-Secured")
					.onlyExpectedAccessControl()
					.reachesController(false),
				CorsScenario.of("no policy: http.cors() refuses")
					.request("GET", "/spring/secured/hello")
					.origin(EVIL)
					.authenticated()
					.expectStatus(403)
					.noAccessControl()
					.reachesController(false),
				// hostile input: 403, never 5xx, never reflected
				CorsScenario.of("two Origin headers")
					.origin(APP)
					.origin(EVIL)
					.authenticated()
					.expectStatus(403)
					.noAccessControl()
					.reachesController(false),
				CorsScenario.of("empty Origin").origin("").authenticated().expectStatus(403).noAccessControl(),
				CorsScenario.of("non-ASCII Origin")
					.origin("https://\u00e4pp.example.com")
					.authenticated()
					.expectStatus(403)
					.noAccessControl(),
				CorsScenario.of("over-long Origin")
					.origin("https://" + "a".repeat(1000) + ".example.com")
					.authenticated()
					.expectStatus(403)
					.noAccessControl(),
				CorsScenario.of("junk request headers")
					.preflight(APP, "POST", "content-type, <script>")
					.expectStatus(403)
					.noAccessControl(),
				// found by the hostile-input test: Spring's ForwardedHeaderFilter turns
				// this prefix into a
				// context path Spring's path parser refuses, and the servlet filter
				// failed with a 500;
				// WebFlux refuses the prefix itself with 400 before any filter runs
				CorsScenario.of("forwarded prefix without a leading slash")
					.preflight(EVIL, "GET", null)
					.header("X-Forwarded-Prefix", "pfx")
					.expectStatus(403)
					.expectStatusOnReactive(400)
					.noAccessControl()
					.reachesController(false));
	}

}
