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
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;

import dev.corsstarter.autoconfigure.properties.CorsPolicyLoader;
import dev.corsstarter.autoconfigure.web.CorsRouting;
import dev.corsstarter.autoconfigure.web.CorsRouting.Stack;
import dev.corsstarter.core.request.PathMatching;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.export.EdgeExportException;
import dev.corsstarter.export.EdgePlan;
import dev.corsstarter.export.EdgeRenderer;

/**
 * Exports an application's CORS policies as edge configuration without running it (CI,
 * GitOps): configuration loaded by Boot's config data and bound as at startup, refused
 * with startup's report. Exit status: 0 exported, 1 invalid, 2 not exportable, 64 usage.
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

	/** Runs the export and exits with its status; options: {@link #usage()}. */
	public static void main(String[] args) {
		int status = run(args, System.out, System.err);
		if (status != EXPORTED) {
			System.exit(status);
		}
	}

	static int run(String[] args, PrintStream out, PrintStream err) {
		SimpleCommandLinePropertySource options = new SimpleCommandLinePropertySource(args);
		EdgeRenderer renderer;
		try {
			renderer = checkOptions(options);
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage() + "\n" + usage());
			return USAGE;
		}
		StandardEnvironment environment = new StandardEnvironment();
		CorsEngine engine;
		try {
			environment.getPropertySources().addFirst(new MapPropertySource("exportOptions", configOptions(options)));
			ConfigurationPropertySources.attach(environment);
			ConfigDataEnvironmentPostProcessor.applyTo(environment);
			engine = CorsPolicyLoader.load(environment);
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
		CorsRouting routing = CorsRouting.detect(reactive ? Stack.REACTIVE : Stack.SERVLET, environment, null, null,
				() -> PathMatching.DEFAULT);
		long generation = Long.parseLong(option(options, "generation", "1"));
		Map<String, String> parts;
		try {
			parts = renderer.render(EdgePlan.of(engine, generation,
					option(options, "context-path", routing.contextPath()),
					option(options, "upstream", EdgePlan.DEFAULT_UPSTREAM), EdgeExportSettings.notExportable(routing)));
		}
		catch (EdgeExportException ex) {
			err.println(ex.getMessage());
			return NOT_EXPORTABLE;
		}
		if (options.getProperty("output-dir") == null) {
			out.print(parts.get(options.getProperty("part")));
			out.flush();
			return EXPORTED;
		}
		List<String> written = new ArrayList<>();
		Path directory = Path.of(options.getProperty("output-dir"));
		try {
			Files.createDirectories(directory);
			for (EdgeRenderer.Part part : renderer.parts()) {
				Path file = Files.writeString(directory.resolve(part.fileName()), parts.get(part.name()),
						StandardCharsets.US_ASCII);
				written.add(file.toString());
			}
		}
		catch (IOException ex) {
			err.println("Could not write to " + directory + ": " + ex.getMessage());
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
		if (options.getProperty("nonOptionArgs") != null) {
			throw new IllegalArgumentException("Not an option: " + options.getProperty("nonOptionArgs"));
		}
		if (!option(options, "generation", "1").matches("[0-9]{1,18}")) {
			throw new IllegalArgumentException("--generation is a number, not " + options.getProperty("generation"));
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
		if (options.getProperty("profile") != null) {
			properties.put("spring.profiles.active", options.getProperty("profile"));
		}
		if (options.getProperty("config") != null) {
			properties.put("spring.config.location",
					String.join(",", Arrays.stream(options.getProperty("config").split(","))
						.map((location) -> (location.startsWith("classpath:") ? location : "file:" + location)
								+ ((Files.isDirectory(Path.of(location)) && !location.endsWith("/")) ? "/" : ""))
						.toList()));
		}
		return properties;
	}

	private static String option(SimpleCommandLinePropertySource options, String name, String fallback) {
		String value = options.getProperty(name);
		return (value != null) ? value : fallback;
	}

	/** The report Spring Boot prints when the application fails for the same reason. */
	static String report(Throwable failure) {
		for (FailureAnalyzer analyzer : SpringFactoriesLoader
			.forDefaultResourceLocation(EdgeExportCommand.class.getClassLoader())
			.load(FailureAnalyzer.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> {
				// analyzers that need an application context are of no use here
			}))) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return "Description:\n\n" + analysis.getDescription() + "\n\nAction:\n\n" + analysis.getAction();
			}
		}
		return "The configuration cannot be read: " + NestedExceptionUtils.getMostSpecificCause(failure).getMessage();
	}

	static String usage() {
		return """
				Usage: java -cp <application classpath> dev.corsstarter.autoconfigure.export.EdgeExportCommand \\
				         (--part=<name> | --output-dir=<dir>) [--format=nginx] [--profile=<name>] \\
				         [--config=<dir or file>] [--upstream=http://app] [--context-path=/ctx] [--generation=1]
				  --part=http|server      print one part: http (for http {}) or server (for the server {})
				  --output-dir=<dir>      write every part to its file (cors-http.conf, cors-server.conf)
				  --format=nginx          the edge's format, default nginx
				  --profile=<name>        the active profiles (repeatable, or a comma list): spring.profiles.active
				  --config=<dir or file>  where the configuration is instead (repeatable): spring.config.location
				  --upstream=<url>        what each route proxies to, default http://app
				  --context-path=<path>   prefix of every route, default the application's context path
				  --generation=<n>        the policy generation named in the header, default 1""";
	}

}
