package dev.corsstarter.autoconfigure.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * Debian's nginx, started by a test on a loopback port in a prefix of its own
 * (configuration, logs, temporary files, pid) in front of an upstream, and stopped again.
 * Without {@code /usr/sbin/nginx} a test is skipped, unless {@code CI=true}: then it
 * fails.
 */
final class NginxServer implements AutoCloseable {

	static final Path NGINX = Path.of("/usr/sbin/nginx");

	private final Path prefix;

	private final Process process;

	private final int port;

	private NginxServer(Path prefix, Process process, int port) {
		this.prefix = prefix;
		this.process = process;
		this.port = port;
	}

	/**
	 * Skip the calling test when nginx is absent, or fail it in CI, where it must run.
	 */
	static void assumeInstalled() {
		if (Files.isExecutable(NGINX)) {
			return;
		}
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			fail(NGINX + " is missing, and CI=true: the nginx export must be proven against a real nginx in CI "
					+ "(.ci/run installs the Debian package 'nginx')");
		}
		Assumptions.abort(NGINX + " is not installed (Debian package 'nginx'); set CI=true to fail instead");
	}

	/**
	 * Check the configuration with {@code nginx -t} and start nginx with it.
	 * @param http what to include in {@code http {}}
	 * @param server what to include in the {@code server {}} before its
	 * {@code location /}
	 * @param upstreamPort the application's port on 127.0.0.1
	 */
	static NginxServer start(String http, String server, int upstreamPort) throws IOException, InterruptedException {
		Path prefix = Files.createTempDirectory("cors-nginx");
		Files.createDirectories(prefix.resolve("tmp"));
		Files.writeString(prefix.resolve("cors-http.conf"), http);
		Files.writeString(prefix.resolve("cors-server.conf"), server);
		IOException lastFailure = null;
		for (int attempt = 0; attempt < 3; attempt++) {
			int port = freePort();
			Path conf = prefix.resolve("nginx.conf");
			Files.writeString(conf, configuration(prefix, port, upstreamPort));
			String test = run(List.of(NGINX.toString(), "-t", "-p", prefix.toString(), "-c", conf.toString(), "-e",
					prefix.resolve("error.log").toString()));
			if (!test.contains("test is successful")) {
				delete(prefix);
				throw new IllegalStateException("nginx -t refused the configuration:\n" + test);
			}
			Process process = new ProcessBuilder(NGINX.toString(), "-p", prefix.toString(), "-c", conf.toString(), "-e",
					prefix.resolve("error.log").toString())
				.redirectErrorStream(true)
				.redirectOutput(prefix.resolve("stdout.log").toFile())
				.start();
			if (awaitListening(process, port)) {
				return new NginxServer(prefix, process, port);
			}
			process.destroy();
			process.waitFor(10, TimeUnit.SECONDS);
			lastFailure = new IOException("nginx did not listen on 127.0.0.1:" + port + ":\n"
					+ Files.readString(prefix.resolve("error.log")));
		}
		delete(prefix);
		throw lastFailure;
	}

	private static String configuration(Path prefix, int port, int upstreamPort) {
		String tmp = prefix.resolve("tmp").toString();
		// run as root (a CI container), workers would otherwise switch to nobody, who
		// cannot enter the prefix
		String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
		return user + """
				daemon off;
				master_process on;
				worker_processes 1;
				pid %1$s/nginx.pid;
				error_log %1$s/error.log info;
				events {
				    worker_connections 256;
				}
				http {
				    access_log %1$s/access.log;
				    client_body_temp_path %2$s/body;
				    proxy_temp_path %2$s/proxy;
				    fastcgi_temp_path %2$s/fastcgi;
				    uwsgi_temp_path %2$s/uwsgi;
				    scgi_temp_path %2$s/scgi;
				    variables_hash_max_size 2048;
				    include %1$s/cors-http.conf;
				    upstream app {
				        server 127.0.0.1:%4$d;
				    }
				    server {
				        listen 127.0.0.1:%3$d;
				        proxy_http_version 1.1;
				        proxy_set_header Host $http_host;
				        proxy_set_header Connection "";
				        include %1$s/cors-server.conf;
				        location / {
				            proxy_pass http://app;
				        }
				    }
				}
				""".formatted(prefix, tmp, port, upstreamPort);
	}

	/** The output of a short nginx run such as {@code nginx -t}. */
	static String run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IOException("timed out: " + command);
		}
		return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static boolean awaitListening(Process process, int port) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				return false;
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
				return true;
			}
			catch (IOException ex) {
				Thread.sleep(50);
			}
		}
		return false;
	}

	int port() {
		return this.port;
	}

	Path prefix() {
		return this.prefix;
	}

	/** What nginx logged, for a failure message. */
	String errorLog() {
		try {
			return Files.readString(this.prefix.resolve("error.log"));
		}
		catch (IOException ex) {
			return "(no error log: " + ex.getMessage() + ")";
		}
	}

	/** Stop nginx (fast shutdown), wait for it, and remove its prefix. */
	@Override
	public void close() throws IOException, InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(15, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			this.process.waitFor(5, TimeUnit.SECONDS);
		}
		delete(this.prefix);
	}

	private static void delete(Path directory) throws IOException {
		try (var files = Files.walk(directory)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
	}

}
