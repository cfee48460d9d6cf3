package dev.corsstarter.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;

import dev.corsstarter.core.internal.OriginHeaderChecks;
import dev.corsstarter.core.internal.OriginPattern;
import dev.corsstarter.core.policy.CorsPolicy;
import dev.corsstarter.export.Refusal.Code;

import static dev.corsstarter.export.NginxSyntax.printable;

/**
 * An {@link EdgePlan} as nginx configuration that answers preflights and refuses
 * disallowed requests at the edge, as the starter's filters do. Two parts:
 * <ul>
 * <li>{@code http} ({@value #HTTP_FILE}, in {@code http {}}): {@code map}s that classify
 * the request and, per policy, decide it and compute each response header;</li>
 * <li>{@code server} ({@value #SERVER_FILE}, in the application's {@code server {}}): one
 * {@code location} per path that answers preflights, refuses disallowed requests and
 * proxies the others, writing the CORS headers with {@code always}.</li>
 * </ul>
 * An exact location beats every prefix and the longest prefix beats shorter ones; each
 * overlap of two policies' patterns is refused where that picks another policy than the
 * engine's order. A cross-origin request whose raw path is not plain is refused on every
 * path, since nginx picks a location by the decoded, normalised path. The configuration
 * never writes a request value it has not matched against a well-formed allowed value.
 * The text is in the {@code nginx-*.conf} templates beside this class.
 */
final class NginxRenderer implements EdgeRenderer {

	static final String HTTP_FILE = "cors-http.conf";

	static final String SERVER_FILE = "cors-server.conf";

	/** Characters of an RFC 9110 token, as a regex character class body. */
	private static final String TCHAR = "!#$%&'*+.^_`|~0-9A-Za-z-";

	/** The {@code Origin} values {@link OriginHeaderChecks#isWellFormed} accepts. */
	static final String WELL_FORMED_ORIGIN = "^(?=.{1,300}$)(?:null|[a-z][a-z0-9+.-]{0,38}://(?:\\[[0-9a-f:.]+\\]"
			+ "|(?=[a-z0-9_.-]{1,254}(?::|$))[a-z0-9_-]{1,63}(?:\\.[a-z0-9_-]{1,63})*\\.?)"
			+ "(?::(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?)$";

	/** A raw request path nginx and the application may read as different paths. */
	static final String UNPLAIN_PATH = "^[^?]*(?:;|//|\\\\|%2[eEfF]|%5[cC]|%3[bB]|/\\.\\.?(?:[/?]|$))";

	private static final String PREFLIGHT_VARY = String.join(", ", HttpHeaders.ORIGIN,
			HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);

	private static final Pattern PLACEHOLDER = Pattern.compile("@([a-z_]+)@");

	private static final Pattern FLAG = Pattern.compile("\\?([a-z_]+) ");

	private static final String HTTP = template("nginx-http.conf");

	private static final String POLICY = template("nginx-policy.conf");

	private static final String SERVER = template("nginx-server.conf");

	private static final String LOCATION = template("nginx-location.conf");

	@Override
	public String format() {
		return "nginx";
	}

	@Override
	public List<Part> parts() {
		return List.of(new Part("http", HTTP_FILE, "for http {}"), new Part("server", SERVER_FILE, "for server {}"));
	}

	@Override
	public Map<String, String> render(EdgePlan plan) {
		Set<Refusal> refusals = new LinkedHashSet<>(plan.refusals());
		checkOverlaps(plan, refusals);
		String header = "# cors-starter policies exported for nginx\n# generation " + plan.generation()
				+ ", fingerprint " + plan.fingerprint() + "\n# Compare with \"fingerprint\" at /actuator/cors: equal "
				+ "means edge and application run the same policies.\n";
		Map<String, String> shared = Map.of("suffix", plan.fingerprint().substring(0, 12), "well_formed_origin",
				NginxSyntax.regex("~", WELL_FORMED_ORIGIN), "unplain_path", NginxSyntax.regex("~", UNPLAIN_PATH));
		StringBuilder http = new StringBuilder(header).append(fill(HTTP, shared));
		List<Map<String, String>> policies = new ArrayList<>();
		for (int i = 0; i < plan.policies().size(); i++) {
			policies.add(values(plan.policies().get(i), "$cors_p" + (i + 1), refusals));
			http.append(fill(POLICY, policies.get(i)));
		}
		if (!refusals.isEmpty()) {
			throw new EdgeExportException(format(), refusals);
		}
		StringBuilder server = new StringBuilder(header).append(fill(SERVER, shared));
		for (EdgePlan.Route route : locations(plan)) {
			Map<String, String> values = new HashMap<>(policies.get(route.policy()));
			values.putAll(Map.of("modifier", route.prefix() ? "^~" : "=", "path", route.path(), "pattern",
					printable(route.pattern()), "upstream", plan.upstream()));
			server.append(fill(LOCATION, values));
		}
		return Map.of("http", http.toString(), "server", server.toString());
	}

	/** Refuse overlaps where nginx's location match picks another policy. */
	private static void checkOverlaps(EdgePlan plan, Set<Refusal> refusals) {
		List<EdgePlan.Route> routes = plan.routes();
		for (int a = 0; a < routes.size(); a++) {
			for (int b = a + 1; b < routes.size(); b++) {
				EdgePlan.Route engine = routes.get(a);
				EdgePlan.Route other = routes.get(b);
				// the same prefix written twice is one location: the engine's pick
				if (engine.policy() == other.policy() || !overlap(engine, other)
						|| (engine.prefix() == other.prefix() && engine.path().equals(other.path()))) {
					continue;
				}
				boolean nginxPicksOther = other.prefix()
						? engine.prefix() && other.path().length() > engine.path().length() : engine.prefix();
				if (nginxPicksOther) {
					refusals.add(new Refusal(Code.OVERLAPPING_PATTERNS,
							"path patterns '" + printable(engine.pattern()) + "' (policy '" + name(plan, engine)
									+ "') and '" + printable(other.pattern()) + "' (policy '" + name(plan, other)
									+ "') overlap: the starter decides by the more specific '"
									+ printable(engine.pattern()) + "', nginx's location match would pick '"
									+ printable(other.pattern()) + "'"));
				}
			}
		}
	}

	private static boolean overlap(EdgePlan.Route one, EdgePlan.Route two) {
		return (one.prefix() && isUnder(two.path(), one.path())) || (two.prefix() && isUnder(one.path(), two.path()));
	}

	private static boolean isUnder(String path, String prefix) {
		return path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
	}

	private static String name(EdgePlan plan, EdgePlan.Route route) {
		return printable(plan.policies().get(route.policy()).policy().name());
	}

	/** Exact, then prefix locations by path, each once, as the engine picks it. */
	private static List<EdgePlan.Route> locations(EdgePlan plan) {
		Map<String, EdgePlan.Route> exact = new TreeMap<>();
		Map<String, EdgePlan.Route> prefixes = new TreeMap<>();
		List<EdgePlan.Route> routes = new ArrayList<>(plan.routes());
		routes.sort(Comparator.comparing(EdgePlan.Route::prefix));
		for (EdgePlan.Route route : routes) {
			exact.putIfAbsent(route.path(), new EdgePlan.Route(route.policy(), route.pattern(), route.path(), false));
			String prefix = route.path().endsWith("/") ? route.path() : route.path() + "/";
			if (route.prefix()) {
				prefixes.putIfAbsent(prefix, new EdgePlan.Route(route.policy(), route.pattern(), prefix, true));
			}
		}
		List<EdgePlan.Route> locations = new ArrayList<>(exact.values());
		locations.addAll(prefixes.values());
		return locations;
	}

	/** One policy's template values; a flag ({@code credentials}) only when set. */
	private static Map<String, String> values(EdgePlan.Policy planned, String id, Set<Refusal> refusals) {
		CorsPolicy policy = planned.policy();
		String what = "policy '" + printable(policy.name()) + "'";
		Map<String, String> values = new HashMap<>(Map.of("id", id, "name", printable(policy.name()), "patterns",
				printable(String.join(", ", policy.pathPatterns()))));
		// the value to answer with, set only by a listed origin or a pattern's capture
		boolean any = planned.origins().stream().anyMatch((origin) -> origin.kind() == OriginPattern.Kind.ANY);
		values.put("origin_default", any ? "\"*\"" : "\"\"");
		List<String> origins = new ArrayList<>();
		for (OriginPattern origin : any ? List.<OriginPattern>of() : planned.origins()) {
			if (origin.kind() == OriginPattern.Kind.WILDCARD) {
				origins.add(NginxSyntax.regex("~", wildcard(origin)) + " $1");
			}
			else if (OriginHeaderChecks.isWellFormed(origin.value())) {
				origins.add(NginxSyntax.regex("~", "^" + NginxSyntax.regexQuote(origin.value()) + "$") + " "
						+ NginxSyntax.literal(origin.value(), what + " origin", refusals));
			}
		}
		flag(values, "origins", !origins.isEmpty(), String.join(";\n    ", origins));
		// methods compare case-sensitively
		boolean anyMethod = policy.allowedMethods().contains("*");
		List<String> methods = policy.allowedMethods().stream().distinct().toList();
		values.put("method", NginxSyntax.regex("~", anyMethod ? "^[" + TCHAR + "]+$"
				: "^(?:" + String.join("|", methods.stream().map(NginxSyntax::regexQuote).toList()) + ")$"));
		flag(values, "any_method", anyMethod, "");
		values.put("allow_methods", anyMethod ? id + "_method_requested"
				: NginxSyntax.literal(String.join(", ", methods), what + " allowed-methods", refusals));
		// requested headers: a comma list with optional whitespace, names
		// case-insensitive
		boolean anyHeader = policy.allowedHeaders().contains("*");
		String name = anyHeader ? "[" + TCHAR + "]+" : policy.allowedHeaders().isEmpty() ? "(?!)" : "(?:"
				+ String.join("|", policy.allowedHeaders().stream().map(NginxSyntax::regexQuote).toList()) + ")";
		values.put("headers", NginxSyntax.regex("~*",
				"^(?=.{0,4096}$)[\\t ]*(?:" + name + "[\\t ]*)?(?:,[\\t ]*(?:" + name + "[\\t ]*)?)*$"));
		flag(values, "any_header", anyHeader, "");
		flag(values, "allow_headers", !policy.allowedHeaders().isEmpty(), anyHeader ? id + "_headers_requested"
				: NginxSyntax.literal(String.join(", ", policy.allowedHeaders()), what + " allowed-headers", refusals));
		flag(values, "credentials", policy.allowCredentials(), "");
		flag(values, "private_network", policy.allowPrivateNetwork(), "");
		values.put("private_network_preflight",
				policy.allowPrivateNetwork() ? "preflight-private-network" : "preflight-reject");
		values.put("vary", "\"" + PREFLIGHT_VARY
				+ (policy.allowPrivateNetwork() ? ", Access-Control-Request-Private-Network" : "") + "\"");
		values.put("max_age", "\"" + policy.maxAge().toSeconds() + "\"");
		flag(values, "expose", !policy.exposedHeaders().isEmpty(),
				NginxSyntax.literal(String.join(", ", policy.exposedHeaders()), what + " exposed-headers", refusals));
		return values;
	}

	private static void flag(Map<String, String> values, String name, boolean set, String value) {
		if (set) {
			values.put(name, value);
		}
	}

	/** A subdomain and/or port pattern, capturing the whole origin. */
	private static String wildcard(OriginPattern origin) {
		String port = origin.anyPort() ? "(?::[0-9]{1,5})?"
				: (origin.port() != null) ? ":" + NginxSyntax.regexQuote(origin.port()) : "";
		return "^(" + NginxSyntax.regexQuote(origin.scheme()) + "://"
				+ (origin.anySubdomain() ? "(?:[a-z0-9_-]+\\.)+" : "") + NginxSyntax.regexQuote(origin.host()) + port
				+ ")$";
	}

	/** The template with {@code @name@} filled, {@code ?flag } lines only when set. */
	private static String fill(String template, Map<String, String> values) {
		StringBuilder out = new StringBuilder(template.length() * 2);
		for (String line : template.split("(?<=\n)")) {
			Matcher flag = FLAG.matcher(line);
			if (!flag.lookingAt() || values.containsKey(flag.group(1))) {
				String text = flag.lookingAt() ? line.substring(flag.end()) : line;
				out.append(PLACEHOLDER.matcher(text)
					.replaceAll((placeholder) -> Matcher.quoteReplacement(values.get(placeholder.group(1)))));
			}
		}
		return out.toString();
	}

	private static String template(String name) {
		try (InputStream in = NginxRenderer.class.getResourceAsStream(name)) {
			return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
