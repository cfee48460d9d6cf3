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
 * A minimal HTTP/1.1 client over a socket, so tests can send exactly the bytes a hostile or
 * unusual client would (repeated headers, non-ASCII, Upgrade) that regular clients refuse.
 */
final class RawHttpClient {

	private RawHttpClient() {
	}

	static Response send(int port, String method, String path, List<Map.Entry<String, String>> headers)
			throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			ByteArrayOutputStream request = new ByteArrayOutputStream();
			request.writeBytes((method + " " + path + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII));
			request.writeBytes(("Host: localhost:" + port + "\r\n").getBytes(StandardCharsets.US_ASCII));
			for (Map.Entry<String, String> header : headers) {
				// ISO-8859-1 keeps non-ASCII test values as raw single bytes on the wire
				request.writeBytes((header.getKey() + ": " + header.getValue() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			}
			request.writeBytes("Connection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			OutputStream out = socket.getOutputStream();
			out.write(request.toByteArray());
			out.flush();
			return Response.parse(readAll(socket.getInputStream()));
		}
	}

	/**
	 * Send exactly these bytes (request line, headers and the blank line) and read until the
	 * server closes the connection.
	 * @return the response (status 0 when the server answered without a status line), or
	 * {@code null} when the server closed the connection without answering
	 */
	static Response sendRaw(int port, byte[] request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(5_000);
			OutputStream out = socket.getOutputStream();
			out.write(request);
			out.flush();
			ByteArrayOutputStream buffer = new ByteArrayOutputStream();
			InputStream in = socket.getInputStream();
			byte[] chunk = new byte[8192];
			try {
				for (int n = in.read(chunk); n != -1; n = in.read(chunk)) {
					buffer.write(chunk, 0, n);
				}
			}
			catch (java.net.SocketException ex) {
				// reset after answering a request it did not read to the end: what arrived is the answer
			}
			if (buffer.size() == 0) {
				return null;
			}
			String text = buffer.toString(StandardCharsets.ISO_8859_1);
			// an HTTP/0.9-style answer (some servers give one to a request line without a target)
			return text.startsWith("HTTP/") ? Response.parse(buffer.toByteArray()) : new Response(0, List.of(), text);
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		byte[] chunk = new byte[8192];
		int n;
		try {
			while ((n = in.read(chunk)) != -1) {
				buffer.write(chunk, 0, n);
			}
		}
		catch (java.net.SocketTimeoutException ex) {
			// an upgraded or kept-open connection: what arrived is the response
		}
		return buffer.toByteArray();
	}

	record Response(int status, List<Map.Entry<String, String>> headers, String body) {

		static Response parse(byte[] bytes) {
			String text = new String(bytes, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			String head = (end >= 0) ? text.substring(0, end) : text;
			String body = (end >= 0) ? text.substring(end + 4) : "";
			String[] lines = head.split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			List<Map.Entry<String, String>> headers = new ArrayList<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.add(Map.entry(lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip()));
			}
			return new Response(status, List.copyOf(headers), body);
		}

		List<String> values(String name) {
			return this.headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
		}

		String value(String name) {
			List<String> values = values(name);
			return values.isEmpty() ? null : String.join(", ", values);
		}

		/** Vary tokens, split over every Vary header line. */
		List<String> varyTokens() {
			List<String> tokens = new ArrayList<>();
			for (String value : values("Vary")) {
				for (String token : value.split(",")) {
					if (!token.isBlank()) {
						tokens.add(token.strip());
					}
				}
			}
			return tokens;
		}

		List<String> accessControlHeaderNames() {
			return this.headers.stream()
				.map(Map.Entry::getKey)
				.filter(n -> n.toLowerCase(Locale.ROOT).startsWith("access-control-"))
				.toList();
		}

	}

}
