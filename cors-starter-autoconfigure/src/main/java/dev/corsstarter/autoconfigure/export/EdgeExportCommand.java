package dev.corsstarter.autoconfigure.export;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;

import dev.corsstarter.autoconfigure.CorsExportEndpointAutoConfiguration;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.export.EdgeExportException;
import dev.corsstarter.export.EdgePlan;
import dev.corsstarter.export.EdgeRenderer;

/**
 * Exports the CORS policies of an application's configuration as edge configuration,
 * without running the application: for CI and GitOps. The configuration is loaded as the
 * application loads it (Spring Boot's config data: {@code application.*} on the classpath
 * and in {@code config/} folders, {@code spring.config.import}, profile-specific files
 * and groups, environment variables and system properties), and {@code cors.*} is bound
 * and compiled as the starter does at startup: a configuration the application would
 * refuse to start with is refused with the same report.
 *
 * <pre>
 * java -cp &lt;application classpath&gt; dev.corsstarter.autoconfigure.export.EdgeExportCommand [options]
 *   --format=nginx          the edge's format, default nginx
 *   --part=&lt;name&gt;          print one part: http (for http {}) or server (for the application's server {})
 *   --output-dir=&lt;dir&gt;      write every part to its file (cors-http.conf, cors-server.conf) instead
 *   --profile=&lt;name&gt;        an active profile (repeatable, or a comma list), as spring.profiles.active
 *   --config=&lt;dir or file&gt;  read the configuration from here instead, as spring.config.location (repeatable)
 *   --upstream=&lt;url&gt;        what each route proxies to, default http://app
 *   --context-path=&lt;path&gt;   prefix of every route, default the application's context path
 *   --generation=&lt;n&gt;        the policy generation named in the header, default 1
 * </pre> Exit status: 0 exported, 1 invalid configuration, 2 policies the format cannot
 * express, 64 usage.
 */
public final class EdgeExportCommand {

	static final int EXPORTED = 0;

	static final int INVALID_CONFIGURATION = 1;

	static final int NOT_EXPORTABLE = 2;

	static final int USAGE = 64;

	private static final Set<String> OPTIONS = Set.of("format", "part", "output-dir", "profile", "config", "upstream",
			"context-path", "generation");

	private EdgeExportCommand() {
	}

	/**
	 * Export, printing the configuration to standard output (or writing it with
	 * {@code --output-dir}) and any problem to standard error; exits with the status
	 * above.
	 * @param args the options above
	 */
	public static void main(String[] args) {
		int status = run(args, System.out, System.err);
		if (status != EXPORTED) {
			System.exit(status);
		}
	}

	/** Run with arguments, printing to {@code out} and reporting to {@code err}. */
	static int run(String[] args, PrintStream out, PrintStream err) {
		SimpleCommandLinePropertySource options = new SimpleCommandLinePropertySource(args);
		EdgeRenderer renderer;
		long generation;
		try {
			renderer = checkOptions(options);
			generation = Long.parseLong(option(options, "generation", "1"));
		}
		catch (IllegalArgumentException ex) {
			err.println((ex instanceof NumberFormatException)
					? "--generation is a number, not " + options.getProperty("generation") : ex.getMessage());
			err.println(usage());
			return USAGE;
		}
		StandardEnvironment environment = new StandardEnvironment();
		CorsEngine engine;
		try {
			environment.getPropertySources().addFirst(new MapPropertySource("exportOptions", configOptions(options)));
			ConfigurationPropertySources.attach(environment);
			ConfigDataEnvironmentPostProcessor.applyTo(environment);
			engine = CorsExportEndpointAutoConfiguration.compile(environment);
		}
		catch (RuntimeException ex) {
			err.println(report(ex));
			return INVALID_CONFIGURATION;
		}
		if (engine == null) {
			err.println("No CORS policy is configured under cors.policies.<name> in "
					+ option(options, "config", "classpath:, file:./ and their config/ folders")
					+ ": nothing to export.");
			return INVALID_CONFIGURATION;
		}
		boolean reactive = "reactive".equalsIgnoreCase(environment.getProperty("spring.main.web-application-type"));
		String contextPath = option(options, "context-path", EdgeExportSettings.contextPath(environment, reactive));
		Map<String, String> parts;
		try {
			parts = renderer.render(
					EdgePlan.of(engine, generation, contextPath, option(options, "upstream", EdgePlan.DEFAULT_UPSTREAM),
							EdgeExportSettings.notExportable(environment, reactive, false)));
		}
		catch (EdgeExportException ex) {
			err.println(ex.getMessage());
			return NOT_EXPORTABLE;
		}
		String outputDir = options.getProperty("output-dir");
		if (outputDir == null) {
			out.print(parts.get(options.getProperty("part")));
			out.flush();
			return EXPORTED;
		}
		List<String> written = new ArrayList<>();
		try {
			Files.createDirectories(Path.of(outputDir));
			for (EdgeRenderer.Part part : renderer.parts()) {
				Path file = Path.of(outputDir).resolve(part.fileName());
				Files.writeString(file, parts.get(part.name()), StandardCharsets.US_ASCII);
				written.add(file.toString());
			}
		}
		catch (IOException ex) {
			err.println("Could not write to " + outputDir + ": " + ex.getMessage());
			return INVALID_CONFIGURATION;
		}
		err.println("Wrote " + String.join(" and ", written) + " (generation " + generation + ", fingerprint "
				+ engine.fingerprint() + ")");
		return EXPORTED;
	}

	/** The renderer the options select, once they are known to be complete. */
	private static EdgeRenderer checkOptions(SimpleCommandLinePropertySource options) {
		for (String name : options.getPropertyNames()) {
			if (!OPTIONS.contains(name) || option(options, name, "").isEmpty()) {
				throw new IllegalArgumentException(
						OPTIONS.contains(name) ? "--" + name + " needs a value" : "Unknown option --" + name);
			}
		}
		if (options.containsProperty("nonOptionArgs")) {
			throw new IllegalArgumentException("Not an option: " + options.getProperty("nonOptionArgs"));
		}
		String format = option(options, "format", "nginx");
		EdgeRenderer renderer = EdgeRenderer.of(format)
			.orElseThrow(() -> new IllegalArgumentException("Unknown format --format=" + format));
		String part = options.getProperty("part");
		if ((part == null) == (options.getProperty("output-dir") == null)) {
			throw new IllegalArgumentException("Give exactly one of --part and --output-dir");
		}
		List<String> names = renderer.parts().stream().map(EdgeRenderer.Part::name).toList();
		if (part != null && !names.contains(part)) {
			throw new IllegalArgumentException("--part is " + String.join(" or ", names) + ", not " + part);
		}
		return renderer;
	}

	/** The options that choose the configuration, as the application's properties. */
	private static Map<String, Object> configOptions(SimpleCommandLinePropertySource options) {
		Map<String, Object> properties = new HashMap<>();
		if (options.containsProperty("profile")) {
			properties.put("spring.profiles.active", options.getProperty("profile"));
		}
		if (options.containsProperty("config")) {
			List<String> locations = Arrays.stream(option(options, "config", "").split(","))
				.map((location) -> (location.startsWith("classpath:") ? location : "file:" + location)
						+ ((Files.isDirectory(Path.of(location)) && !location.endsWith("/")) ? "/" : ""))
				.toList();
			properties.put("spring.config.location", String.join(",", locations));
		}
		return properties;
	}

	private static String option(SimpleCommandLinePropertySource options, String name, String fallback) {
		String value = options.getProperty(name);
		return (value != null) ? value : fallback;
	}

	/**
	 * The report Spring Boot prints when the application fails to start for the same
	 * reason.
	 */
	static String report(Throwable failure) {
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader
			.forDefaultResourceLocation(EdgeExportCommand.class.getClassLoader())
			.load(FailureAnalyzer.class, SpringFactoriesLoader.ArgumentResolver.none(),
					SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> {
						// analyzers that need an application context are of no use here
					}));
		for (FailureAnalyzer analyzer : analyzers) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return "Description:\n\n" + analysis.getDescription() + "\n\nAction:\n\n" + analysis.getAction();
			}
		}
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return "The configuration cannot be read: " + cause.getMessage();
	}

	static String usage() {
		return """
				Usage: java -cp <application classpath> dev.corsstarter.autoconfigure.export.EdgeExportCommand \\
				         (--part=http | --part=server | --output-dir=<dir>) [--format=nginx] [--profile=<name>] \\
				         [--config=<dir or file>] [--upstream=http://app] [--context-path=/ctx] [--generation=1]""";
	}

}
