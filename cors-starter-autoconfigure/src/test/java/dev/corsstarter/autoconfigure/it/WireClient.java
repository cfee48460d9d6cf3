package dev.corsstarter.autoconfigure.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends one request exactly as written (any request target, an optional body) and reads
 * the status line and headers only, so an answer that keeps the connection open, such as
 * a WebSocket {@code 101}, is read as promptly as any other.
 */
final class WireClient {

	/** Status and headers of a response, header names in lower case. */
	record Head(int status, List<Map.Entry<String, String>> headers) {

		List<String> values(String name) {
			String lower = name.toLowerCase(Locale.ROOT);
			return this.headers.stream().filter(h -> h.getKey().equals(lower)).map(Map.Entry::getValue).toList();
		}

		List<String> accessControlHeaderNames() {
			return this.headers.stream().map(Map.Entry::getKey).filter(n -> n.startsWith("access-control-")).toList();
		}

	}

	private WireClient() {
	}

	/** The headers of a cross-origin form POST a browser sends without a preflight. */
	static List<Map.Entry<String, String>> form(String origin) {
		return List.of(Map.entry("Origin", origin), Map.entry("Content-Type", "application/x-www-form-urlencoded"),
				Map.entry("Connection", "close"));
	}

	static Head send(int port, String method, String target, List<Map.Entry<String, String>> headers, String body)
			throws IOException {
		return sendWithHost(port, "localhost:" + port, method, target, headers, body);
	}

	static Head sendWithHost(int port, String host, String method, String target,
			List<Map.Entry<String, String>> headers, String body) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			StringBuilder request = new StringBuilder();
			request.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
			request.append("Host: ").append(host).append("\r\n");
			for (Map.Entry<String, String> header : headers) {
				request.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
			}
			byte[] content = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
			if (body != null) {
				request.append("Content-Length: ").append(content.length).append("\r\n");
			}
			request.append("\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(content);
			out.flush();
			return readHead(socket.getInputStream());
		}
	}

	private static Head readHead(InputStream in) throws IOException {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		for (int b = in.read(); b != -1; b = in.read()) {
			buffer.write(b);
			matched = (b == end[matched]) ? matched + 1 : (b == '\r') ? 1 : 0;
			if (matched == 4) {
				break;
			}
		}
		String[] lines = buffer.toString(StandardCharsets.ISO_8859_1).split("\r\n");
		if (lines.length == 0 || !lines[0].startsWith("HTTP/")) {
			throw new IOException("no status line: " + buffer);
		}
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		List<Map.Entry<String, String>> headers = new ArrayList<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.add(Map.entry(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim()));
			}
		}
		return new Head(status, headers);
	}

}
