package dev.corsstarter.core.decision;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import dev.corsstarter.core.internal.MapCorsRequest;

/**
 * Seeded generator of CORS requests for the engine fuzz tests, biased towards the values
 * where a CORS check goes wrong: allowed origins with one character changed, another
 * case, a trailing dot or slash, an extra port or label, embedded CR/LF/NUL, Unicode
 * look-alikes; method names in another case; huge lists of request headers with empty
 * elements and doubled commas; repeated headers; unnormalised paths. Everything comes
 * from the {@link SplittableRandom} passed in, so a failure replays from its seed.
 */
final class HostileRequests {

	/**
	 * Origins the policies of {@link CorsEngineFuzzTest} list, and a few they cover by
	 * pattern.
	 */
	static final List<String> ALLOWED = List.of("https://app.example.com", "https://admin.example.com:8443",
			"https://pr-7.preview.example.com", "https://a.b.preview.example.com", "http://localhost:3000",
			"http://localhost", "http://localhost:8080", "https://x.example.org:9443", "https://deep.x.example.org",
			"https://k.preview.example.com", "null", "capacitor://localhost", "http://192.168.1.20:8080",
			"http://[::1]:8080");

	/**
	 * Origins each path's policy lists, to send allowed requests often enough (a bias,
	 * not an oracle).
	 */
	static final Map<String, List<String>> ALLOWED_BY_BASE = Map.of("/exact",
			List.of("https://app.example.com", "https://admin.example.com:8443"), "/sub",
			List.of("https://pr-7.preview.example.com", "https://a.b.preview.example.com"), "/creds",
			List.of("https://app.example.com", "http://localhost:3000"), "/pna",
			List.of("https://app.example.com", "http://192.168.1.20:8080", "http://[::1]:8080"), "/opaque",
			List.of("null", "capacitor://localhost"), "/port", List.of("http://localhost", "http://localhost:8080",
					"https://x.example.org:9443", "https://deep.x.example.org"));

	/** Near misses of the allowed origins that are still well-formed. */
	static final List<String> NEAR_MISSES = List.of("https://app.example.com.evil.net", "https://evilapp.example.com",
			"https://app.example.co", "http://app.example.com", "https://app.example.com:443",
			"https://app.example.com:8443", "https://admin.example.com", "https://admin.example.com:8444",
			"https://preview.example.com", "https://evilpreview.example.com",
			"https://pr-7.preview.example.com.evil.net", "http://pr-7.preview.example.com",
			"https://x.preview.example.co", "http://localhost:3001", "https://localhost:3000",
			"http://localhost.evil.net", "https://example.org", "https://x.example.org.evil.net",
			"http://x.example.org:9443", "capacitor://localhost:1", "capacitor://localhost.evil", "http://192.168.1.20",
			"http://192.168.1.2:8080", "http://[::1]", "http://[::2]:8080", "https://evil.example.net",
			"https://api.example.com:8443", "http://api.example.com", "wss://app.example.com",
			"https://app-example.com", "https://app_example.com", "https://ap.pexample.com",
			"https://xn--pp-gia.example.com");

	/** Unicode that looks like, folds to or normalises to ASCII. */
	static final String LOOK_ALIKES = "\u0430\u0435\u043e\u0440\u0441\u0455\u0131\u0130\u212a\u017f\uff0e\u3002\uff1a"
			+ "\uff0f\u2024\u200b\ufeff\u00a0\u00e4\u00c4\u0101\u1e9e";

	/** Control characters and separators that must never reach a response header. */
	static final String CONTROLS = "\r\n\u0000\t\u000b\u000c\u001f\u007f\u0085\u2028\u2029 ,;:/@#?%\"'<>\\";

	static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

	static final List<String> ODD_METHODS = List.of("get", "Get", "put", "options", "Options", "CONNECT", "TRACE",
			"TRACK", "M-SEARCH", "PROPFIND", "", " GET", "GET ", "GET\r\n", "G\u0000ET", "GET\u00e4", "GET,PUT", "*",
			"\u0440UT", "PUT\u017f", "X".repeat(300));

	static final List<String> HEADER_NAMES = List.of("Content-Type", "content-type", "CONTENT-TYPE", "X-Trace",
			"x-trace", "Authorization", "authorization", "X-Device-Key", "x-other", "X-Requested-With", "accept",
			"If-Match", "cookie", "x-trace2", "x-trac", "content-typ", "content-type-x");

	static final List<String> ODD_HEADER_NAMES = List.of("", " ", "x y", "x\ty", "<script>", "x;y", "x:y", "x/y", "x@y",
			"\"x\"", "x\r\ny", "x\u0000", "x\u00e4", "\u212aey", "content\u2010type", "x\u00a0y", "(x)", "x{y}",
			"\u0130d", "x\u017f");

	static final List<String> PATH_BASES = List.of("/exact", "/sub", "/any", "/creds", "/pna", "/opaque", "/port",
			"/any/secure", "/other", "");

	static final List<String> PATH_TAILS = List.of("/x", "/x/y", "", "/", "/x/", "//x", "/./x", "/../x", "/x/..",
			"/%2e%2e/x", "/x%2Fy", "/..%2F..%2Fcreds/x", "/..;/creds/x", "/;a=b/x", "/x;jsessionid=1", "/%78",
			"/\u00e4", "/%C3%A4", "/../any/x", "/../../exact/x", "/%2e/x", "/..%2Fany%2Fsecure/x", "/secure/x",
			"/secure/../x");

	/** The servers the request may be addressed to, as the application sees them. */
	static final String[][] SERVERS = { { "https", "api.example.com", "-1" }, { "https", "api.example.com", "443" },
			{ "http", "localhost", "8080" }, { "https", "APP.EXAMPLE.COM", "-1" }, { "http", "[::1]", "8080" },
			{ "http", "localho\u017ft", "3000" }, { "https", "\u212a.preview.example.com", "-1" } };

	private HostileRequests() {
	}

	/** One generated request. */
	static MapCorsRequest generate(SplittableRandom random) {
		while (true) {
			String path = path(random);
			MapCorsRequest.Builder request = MapCorsRequest.request(method(random), path);
			String[] server = SERVERS[random.nextInt(SERVERS.length)];
			request.server(server[0], server[1], Integer.parseInt(server[2]));
			int origins = switch (random.nextInt(20)) {
				case 0, 1, 2 -> 0;
				case 3 -> 2;
				case 4 -> 3;
				default -> 1;
			};
			List<String> likely = ALLOWED_BY_BASE.entrySet()
				.stream()
				.filter(base -> path.startsWith(base.getKey() + "/"))
				.map(Map.Entry::getValue)
				.findFirst()
				.orElse(ALLOWED);
			for (int i = 0; i < origins; i++) {
				request.origin(random.nextInt(3) == 0 ? likely.get(random.nextInt(likely.size())) : origin(random));
			}
			boolean preflight = random.nextInt(3) != 0;
			if (preflight) {
				int count = (random.nextInt(15) == 0) ? 2 : 1;
				for (int i = 0; i < count; i++) {
					request.header(pick(random, "Access-Control-Request-Method", "access-control-request-method"),
							requestMethod(random));
				}
			}
			if (preflight ? random.nextInt(3) != 0 : random.nextInt(10) == 0) {
				int lines = (random.nextInt(8) == 0) ? 2 + random.nextInt(2) : 1;
				for (int i = 0; i < lines; i++) {
					request.requestHeaders(requestHeaders(random));
				}
			}
			if (random.nextInt(4) == 0) {
				request.header("Access-Control-Request-Private-Network", privateNetwork(random));
				if (random.nextInt(10) == 0) {
					request.header("Access-Control-Request-Private-Network", privateNetwork(random));
				}
			}
			if (random.nextInt(8) == 0) {
				request.secFetchSite(pick(random, "same-origin", "cross-site", "same-site", "none", "Same-Origin",
						"same-origin ", "same\u2010origin", ""));
			}
			if (random.nextInt(8) == 0) {
				request.header("Upgrade", pick(random, "websocket", "WebSocket", "WEBSOCKET", "websocket, h2c", "h2c",
						"web\u017focket", "websoc\u212aet", " websocket", ""));
			}
			MapCorsRequest built;
			try {
				built = request.build();
			}
			catch (IllegalArgumentException ex) {
				continue; // a path Spring cannot parse never reaches the engine: the
							// adapters parse first
			}
			return built;
		}
	}

	static String method(SplittableRandom random) {
		int pick = random.nextInt(10);
		if (pick < 4) {
			return "OPTIONS";
		}
		return (pick < 9) ? METHODS.get(random.nextInt(METHODS.size()))
				: ODD_METHODS.get(random.nextInt(ODD_METHODS.size()));
	}

	static String requestMethod(SplittableRandom random) {
		int pick = random.nextInt(10);
		if (pick < 3) {
			return pick(random, "GET", "POST");
		}
		if (pick < 7) {
			return METHODS.get(random.nextInt(METHODS.size()));
		}
		return (pick < 9) ? ODD_METHODS.get(random.nextInt(ODD_METHODS.size())) : arbitrary(random);
	}

	static String path(SplittableRandom random) {
		String base = PATH_BASES.get(random.nextInt(PATH_BASES.size()));
		String tail = (random.nextInt(3) == 0) ? PATH_TAILS.get(random.nextInt(PATH_TAILS.size())) : "/x";
		String path = base + tail;
		if (random.nextInt(20) == 0) {
			path = path.toUpperCase(Locale.ROOT);
		}
		return path.startsWith("/") ? path : "/" + path;
	}

	/** An Origin value: allowed, a near miss, a mutation of an allowed one, or junk. */
	static String origin(SplittableRandom random) {
		return switch (random.nextInt(12)) {
			case 0, 1, 2, 3 -> ALLOWED.get(random.nextInt(ALLOWED.size()));
			case 4, 5 -> NEAR_MISSES.get(random.nextInt(NEAR_MISSES.size()));
			case 6, 7, 8 -> mutate(random, ALLOWED.get(random.nextInt(ALLOWED.size())));
			case 9 -> generated(random);
			case 10 -> pick(random, "https://api.example.com", "https://api.example.com:443", "http://localhost:8080",
					"https://app.example.com", "http://[::1]:8080", "https://api.example.com.",
					"HTTPS://api.example.com");
			default -> arbitrary(random);
		};
	}

	/**
	 * A well-formed-looking origin built from random parts, often under an allowed
	 * domain.
	 */
	static String generated(SplittableRandom random) {
		String scheme = pick(random, "https", "http", "capacitor", "wss", "chrome-extension", "a+b.c-d");
		StringBuilder host = new StringBuilder();
		int labels = 1 + random.nextInt(3);
		for (int i = 0; i < labels; i++) {
			if (i > 0) {
				host.append('.');
			}
			int length = (random.nextInt(10) == 0) ? 60 + random.nextInt(6) : 1 + random.nextInt(8);
			for (int j = 0; j < length; j++) {
				host.append("abcdefghijklmnopqrstuvwxyz0123456789-_".charAt(random.nextInt(38)));
			}
		}
		String suffix = pick(random, ".preview.example.com", ".example.org", ".example.com", "", ".evil.net",
				".preview.example.com.evil.net");
		String port = switch (random.nextInt(6)) {
			case 0 -> ":" + (1 + random.nextInt(65535));
			case 1 -> ":" + pick(random, "0", "65536", "99999", "080", "443", "80", "9443", "");
			default -> "";
		};
		return scheme + "://" + host + suffix + port;
	}

	/**
	 * One to three edits: change, insert or delete a character, change case, add dots,
	 * slashes or controls.
	 */
	static String mutate(SplittableRandom random, String value) {
		StringBuilder text = new StringBuilder(value);
		int edits = 1 + ((random.nextInt(3) == 0) ? random.nextInt(3) : 0);
		for (int e = 0; e < edits; e++) {
			int at = (text.length() == 0) ? 0 : random.nextInt(text.length());
			switch (random.nextInt(12)) {
				case 0 -> text.setCharAt(at, (char) ('a' + random.nextInt(26)));
				case 1 -> text.insert(at, (char) ('a' + random.nextInt(26)));
				case 2 -> text.deleteCharAt(at);
				case 3 -> text.setCharAt(at, Character.toUpperCase(text.charAt(at)));
				case 4 -> text
					.append(pick(random, ".", "/", ":", "#", "?", "@x", "..", ":443", ":80", ":0", ":*", "%00", " "));
				case 5 -> text.insert(at, CONTROLS.charAt(random.nextInt(CONTROLS.length())));
				case 6 -> text.setCharAt(at, LOOK_ALIKES.charAt(random.nextInt(LOOK_ALIKES.length())));
				case 7 -> text.insert(at, LOOK_ALIKES.charAt(random.nextInt(LOOK_ALIKES.length())));
				case 8 -> text.append(pick(random, "\r\nSet-Cookie: a=b", "\nX: y", "\r", "\u0000",
						", https://evil.example.net", " https://evil.example.net", "\t"));
				case 9 ->
					text.insert(0, pick(random, " ", "\t", "x", "https://evil.example.net, ", "\u0000", "\ufeff"));
				case 10 -> {
					int dot = text.indexOf(".");
					text.insert((dot < 0) ? at : dot, pick(random, ".", "x.", ".x", "-"));
				}
				default -> {
					int end = Math.min(text.length(), at + 1 + random.nextInt(6));
					text.insert(at, text.substring(at, end));
				}
			}
			if (text.length() == 0) {
				break;
			}
		}
		return text.toString();
	}

	static String requestHeaders(SplittableRandom random) {
		return switch (random.nextInt(10)) {
			case 0 -> "";
			case 1 ->
				pick(random, ",", ",,", " , ", "\t", ",content-type", "content-type,", ",,content-type,,x-trace,,");
			case 2 -> hugeList(random);
			case 3 -> arbitrary(random);
			default -> list(random, 1 + random.nextInt(4));
		};
	}

	/**
	 * A comma list of names, now and then with odd names, odd separators and odd
	 * whitespace.
	 */
	static String list(SplittableRandom random, int names) {
		StringBuilder value = new StringBuilder();
		for (int i = 0; i < names; i++) {
			if (i > 0) {
				value.append(pick(random, ",", ", ", " ,", ",\t", " , ", ",,", ", ,"));
			}
			if (random.nextInt(8) == 0) {
				value.append(ODD_HEADER_NAMES.get(random.nextInt(ODD_HEADER_NAMES.size())));
			}
			else {
				String name = HEADER_NAMES.get(random.nextInt(HEADER_NAMES.size()));
				value.append((random.nextInt(6) == 0) ? randomCase(random, name) : name);
			}
		}
		return value.toString();
	}

	/**
	 * Hundreds of names: allowed ones repeated, around and beyond the 4096-character
	 * limit.
	 */
	static String hugeList(SplittableRandom random) {
		int names = 100 + random.nextInt(500);
		StringBuilder value = new StringBuilder();
		boolean onlyAllowed = random.nextBoolean();
		for (int i = 0; i < names; i++) {
			if (i > 0) {
				value.append(random.nextInt(20) == 0 ? ",," : ",");
			}
			value.append(onlyAllowed ? pick(random, "content-type", "X-Trace", "authorization")
					: HEADER_NAMES.get(random.nextInt(HEADER_NAMES.size())));
		}
		return value.toString();
	}

	static String privateNetwork(SplittableRandom random) {
		return pick(random, "true", "true", "true", "TRUE", "True", "false", "", "true ", "1", "true\r\n");
	}

	/**
	 * Any characters: ASCII, controls, look-alikes and code points from the whole range.
	 */
	static String arbitrary(SplittableRandom random) {
		int length = (random.nextInt(10) == 0) ? 200 + random.nextInt(5000) : random.nextInt(40);
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			switch (random.nextInt(6)) {
				case 0 -> text.append(CONTROLS.charAt(random.nextInt(CONTROLS.length())));
				case 1 -> text.append(LOOK_ALIKES.charAt(random.nextInt(LOOK_ALIKES.length())));
				case 2 -> text.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
				default -> text.append((char) (0x20 + random.nextInt(0x5f)));
			}
		}
		return text.toString();
	}

	static String randomCase(SplittableRandom random, String value) {
		StringBuilder text = new StringBuilder(value.length());
		for (char c : value.toCharArray()) {
			text.append(random.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
		}
		return text.toString();
	}

	@SafeVarargs
	static <T> T pick(SplittableRandom random, T... values) {
		return values[random.nextInt(values.length)];
	}

	/**
	 * The request as a readable line: control and non-ASCII characters escaped, long
	 * values cut.
	 */
	static String describe(MapCorsRequest request) {
		StringBuilder text = new StringBuilder();
		text.append(escape(request.method()))
			.append(' ')
			.append(request.scheme())
			.append("://")
			.append(escape(request.host()));
		if (request.port() > 0) {
			text.append(':').append(request.port());
		}
		text.append(escape(request.path().value()));
		request.headers().forEach((name, values) -> {
			for (String value : values) {
				text.append("\n      ").append(name).append(": ").append(escape(value));
			}
		});
		return text.toString();
	}

	static String escape(String value) {
		StringBuilder escaped = new StringBuilder();
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (escaped.length() > 600) {
				return escaped + "... (" + value.length() + " characters)";
			}
			escaped.append((c < 0x20 || c >= 0x7f) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
		}
		return escaped.toString();
	}

}
