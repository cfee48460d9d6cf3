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
 * A minimal HTTP/1.1 client over a socket, so tests can send exactly the bytes a hostile
 * or unusual client would (repeated headers, non-ASCII, Upgrade) that regular clients
 * refuse.
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
				request.writeBytes(
						(header.getKey() + ": " + header.getValue() + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
			}
			request.writeBytes("Connection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			OutputStream out = socket.getOutputStream();
			out.write(request.toByteArray());
			out.flush();
			return Response.parse(readAll(socket.getInputStream()));
		}
	}

	/**
	 * Send exactly these bytes (request line, headers and the blank line) and read until
	 * the server closes the connection.
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
				// reset after answering a request it did not read to the end: what
				// arrived is the answer
			}
			if (buffer.size() == 0) {
				return null;
			}
			String text = buffer.toString(StandardCharsets.ISO_8859_1);
			// an HTTP/0.9-style answer (some servers give one to a request line without a
			// target)
			return text.startsWith("HTTP/") ? Response.parse(buffer.toByteArray()) : new Response(0, List.of(), text);
		}
	}

	/**
	 * One kept-alive connection: sends a request, reads exactly its response (framed by
	 * {@code Content-Length}, chunked encoding or the end of the connection), and opens a
	 * new connection when the server closed the old one. Not thread-safe: one per client
	 * thread.
	 */
	static final class Connection implements java.io.Closeable {

		private final int port;

		private Socket socket;

		private InputStream in;

		private OutputStream out;

		private int opened;

		Connection(int port) {
			this.port = port;
		}

		/** How many sockets this connection has opened so far. */
		int opened() {
			return this.opened;
		}

		/**
		 * Send one request and read its response. A request on a reused socket the server
		 * has meanwhile closed is sent again once on a new one.
		 * @return the response, or {@code null} when the server closed the connection
		 * without answering
		 */
		Response exchange(byte[] request, boolean head) throws IOException {
			for (int attempt = 0;; attempt++) {
				boolean reused = this.socket != null;
				if (!reused) {
					open();
				}
				Response response;
				try {
					this.out.write(request);
					this.out.flush();
					response = readResponse(this.in, head);
				}
				catch (IOException ex) {
					// never reuse a connection in an unknown state
					close();
					if (reused && attempt == 0 && ex instanceof java.net.SocketException) {
						continue;
					}
					throw ex;
				}
				if (response == null) {
					close();
					if (reused && attempt == 0) {
						continue;
					}
					return null;
				}
				if (response.closesConnection()) {
					close();
				}
				return response;
			}
		}

		private void open() throws IOException {
			this.socket = new Socket("127.0.0.1", this.port);
			this.socket.setSoTimeout(10_000);
			this.socket.setTcpNoDelay(true);
			this.in = new java.io.BufferedInputStream(this.socket.getInputStream(), 16384);
			this.out = new java.io.BufferedOutputStream(this.socket.getOutputStream(), 16384);
			this.opened++;
		}

		@Override
		public void close() {
			if (this.socket != null) {
				try {
					this.socket.close();
				}
				catch (IOException ex) {
					// closing anyway
				}
				this.socket = null;
			}
		}

	}

	/**
	 * Read one response: status line, headers, and a body as its framing says. A response
	 * that is not HTTP/1.x, or has no length, is read until the server closes the
	 * connection.
	 * @return the response, or {@code null} when the connection ended before its first
	 * byte
	 */
	static Response readResponse(InputStream in, boolean head) throws IOException {
		ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
		int state = 0;
		while (state < 4) {
			int b = in.read();
			if (b == -1) {
				if (headBytes.size() == 0) {
					return null;
				}
				String text = headBytes.toString(StandardCharsets.ISO_8859_1);
				return text.startsWith("HTTP/") ? Response.parse(headBytes.toByteArray()).closing()
						: new Response(0, List.of(), text, true);
			}
			headBytes.write(b);
			state = ((b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))) ? state + 1
					: (b == '\r') ? 1 : 0;
			if (headBytes.size() == 5 && !headBytes.toString(StandardCharsets.ISO_8859_1).equals("HTTP/")) {
				// an HTTP/0.9-style answer: the rest of the connection is the answer
				headBytes.writeBytes(readAll(in));
				return new Response(0, List.of(), headBytes.toString(StandardCharsets.ISO_8859_1), true);
			}
		}
		Response response = Response.parse(headBytes.toByteArray());
		int status = response.status();
		String transferEncoding = response.value("Transfer-Encoding");
		String contentLength = response.value("Content-Length");
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		boolean closing = response.closesConnection();
		if (head || status == 204 || status == 304 || (status >= 100 && status < 200)) {
			closing |= status == 101;
		}
		else if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
			readChunked(in, body);
		}
		else if (contentLength != null) {
			long length = Long.parseLong(contentLength.split(",")[0].strip());
			for (long i = 0; i < length; i++) {
				int b = in.read();
				if (b == -1) {
					throw new java.io.EOFException("response body ended after " + i + " of " + length + " bytes");
				}
				body.write(b);
			}
		}
		else {
			body.writeBytes(readAll(in));
			closing = true;
		}
		return new Response(status, response.headers(), body.toString(StandardCharsets.ISO_8859_1), closing);
	}

	private static void readChunked(InputStream in, ByteArrayOutputStream body) throws IOException {
		while (true) {
			String sizeLine = readLine(in);
			int semicolon = sizeLine.indexOf(';');
			int size = Integer.parseInt(((semicolon >= 0) ? sizeLine.substring(0, semicolon) : sizeLine).strip(), 16);
			if (size == 0) {
				while (!readLine(in).isEmpty()) {
					// trailers
				}
				return;
			}
			for (int i = 0; i < size; i++) {
				int b = in.read();
				if (b == -1) {
					throw new java.io.EOFException("chunk ended early");
				}
				body.write(b);
			}
			readLine(in);
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b == -1) {
				throw new java.io.EOFException("connection ended inside a chunked body");
			}
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
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

	record Response(int status, List<Map.Entry<String, String>> headers, String body, boolean closesConnection) {

		Response(int status, List<Map.Entry<String, String>> headers, String body) {
			this(status, headers, body, headers.stream()
				.anyMatch(h -> h.getKey().equalsIgnoreCase("Connection") && h.getValue().equalsIgnoreCase("close")));
		}

		Response closing() {
			return new Response(this.status, this.headers, this.body, true);
		}

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
			return this.headers.stream()
				.filter(h -> h.getKey().equalsIgnoreCase(name))
				.map(Map.Entry::getValue)
				.toList();
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
