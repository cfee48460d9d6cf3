package dev.corsstarter.autoconfigure;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.Profiles;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.StringUtils;

import dev.corsstarter.autoconfigure.properties.CorsPolicyLoader;
import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.export.NginxExport;
import dev.corsstarter.core.export.NginxExportException;

/**
 * Exports the CORS policies of an application's configuration files as nginx
 * configuration, without running the application: for CI and GitOps. Reads
 * {@code application.properties}, {@code application.yml} and {@code application.yaml}
 * (from the classpath, or from the directories and files given with {@code --config}) and
 * the {@code application-<profile>.*} files of the active profiles, honouring
 * {@code spring.config.activate.on-profile} in multi-document files, binds {@code cors.*}
 * exactly as the starter does and compiles it with the same validation: a configuration
 * the application would refuse to start with is refused with the same report. Environment
 * variables and system properties are not read.
 *
 * <pre>
 * java -cp &lt;application classpath&gt; dev.corsstarter.autoconfigure.NginxExportCommand [options]
 *   --profile=&lt;name&gt;        an active profile (repeatable, or a comma list); default: spring.profiles.active of the files
 *   --config=&lt;dir or file&gt;  read the configuration from here instead of the classpath (repeatable)
 *   --part=http|server      print one part: http (for http {}) or server (for the application's server {})
 *   --output-dir=&lt;dir&gt;      write both parts as cors-http.conf and cors-server.conf instead
 *   --upstream=&lt;url&gt;        what each location proxies to, default http://app
 *   --context-path=&lt;path&gt;   prefix of every location, default server.servlet.context-path (or spring.webflux.base-path
 *                           with spring.main.web-application-type=reactive)
 *   --generation=&lt;n&gt;        the policy generation named in the header, default 1
 * </pre> Exit status: 0 exported, 1 invalid configuration, 2 policies nginx cannot
 * express, 64 usage.
 */
public final class NginxExportCommand {

	static final int EXPORTED = 0;

	static final int INVALID_CONFIGURATION = 1;

	static final int NOT_EXPORTABLE = 2;

	static final int USAGE = 64;

	private static final String[] NAMES = { "application" };

	private static final String[] EXTENSIONS = { "yaml", "yml", "properties" };

	private NginxExportCommand() {
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

	/**
	 * Run with arguments, printing to {@code out} and reporting to {@code err}; returns
	 * the exit status.
	 */
	static int run(String[] args, PrintStream out, PrintStream err) {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			err.println(usage());
			return USAGE;
		}
		StandardEnvironment environment;
		try {
			environment = load(options);
		}
		catch (IOException | IllegalStateException ex) {
			err.println("Could not read the configuration: " + ex.getMessage());
			return INVALID_CONFIGURATION;
		}
		CorsEngine engine;
		try {
			engine = compile(environment);
		}
		catch (RuntimeException ex) {
			err.println(report(ex));
			return INVALID_CONFIGURATION;
		}
		if (engine == null) {
			err.println("No CORS policy is configured under cors.policies.<name> in "
					+ String.join(", ", options.locations()) + ": nothing to export.");
			return INVALID_CONFIGURATION;
		}
		boolean reactive = "reactive".equalsIgnoreCase(environment.getProperty("spring.main.web-application-type"));
		String contextPath = (options.contextPath != null) ? options.contextPath
				: EdgeExportSettings.contextPath(environment, reactive);
		List<String> reasons = new ArrayList<>(EdgeExportSettings.notExportable(environment, reactive, false));
		NginxExport export = null;
		try {
			export = NginxExport.of(engine, options.generation, contextPath, options.upstream);
		}
		catch (NginxExportException ex) {
			reasons.addAll(ex.getReasons());
		}
		if (!reasons.isEmpty()) {
			err.println(new NginxExportException(reasons).getMessage());
			return NOT_EXPORTABLE;
		}
		if (options.outputDir != null) {
			try {
				Files.createDirectories(options.outputDir);
				Files.writeString(options.outputDir.resolve(NginxExport.HTTP_FILE), export.httpFragment(),
						StandardCharsets.US_ASCII);
				Files.writeString(options.outputDir.resolve(NginxExport.SERVER_FILE), export.serverFragment(),
						StandardCharsets.US_ASCII);
			}
			catch (IOException ex) {
				err.println("Could not write to " + options.outputDir + ": " + ex.getMessage());
				return INVALID_CONFIGURATION;
			}
			err.println("Wrote " + options.outputDir.resolve(NginxExport.HTTP_FILE) + " and "
					+ options.outputDir.resolve(NginxExport.SERVER_FILE) + " (generation " + export.generation()
					+ ", fingerprint " + export.fingerprint() + ")");
		}
		else {
			out.print(options.part.equals("http") ? export.httpFragment() : export.serverFragment());
			out.flush();
		}
		return EXPORTED;
	}

	/**
	 * Load as the application does, through the same loader and checks.
	 * @return the engine, or {@code null} when no policy is configured
	 */
	static CorsEngine compile(StandardEnvironment environment) {
		return CorsPolicyLoader.load(environment);
	}

	/**
	 * The report Spring Boot prints when the application fails to start for the same
	 * reason.
	 */
	static String report(Throwable failure) {
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader
			.forDefaultResourceLocation(NginxExportCommand.class.getClassLoader())
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
		return "The configuration cannot be bound: " + cause.getMessage();
	}

	/** An environment holding only the configuration files, with the active profiles. */
	static StandardEnvironment load(Options options) throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		MutablePropertySources sources = environment.getPropertySources();
		sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		List<String> files = new ArrayList<>();
		for (String location : options.locations()) {
			files.addAll(candidates(location, null));
		}
		// the profiles: given, else spring.profiles.active of the documents that apply
		// without one
		List<PropertySource<?>> base = documents(files, Set.of());
		Set<String> profiles = new LinkedHashSet<>(options.profiles);
		if (profiles.isEmpty()) {
			for (PropertySource<?> document : base) {
				Object active = document.getProperty("spring.profiles.active");
				if (active != null) {
					profiles.clear();
					profiles.addAll(StringUtils.commaDelimitedListToSet(active.toString().replace(" ", "")));
				}
			}
		}
		environment.setActiveProfiles(profiles.toArray(String[]::new));
		for (PropertySource<?> document : documents(files, profiles)) {
			sources.addFirst(document);
		}
		for (String profile : profiles) {
			List<String> profileFiles = new ArrayList<>();
			for (String location : options.locations()) {
				profileFiles.addAll(candidates(location, profile));
			}
			for (PropertySource<?> document : documents(profileFiles, profiles)) {
				sources.addFirst(document);
			}
		}
		ConfigurationPropertySources.attach(environment);
		return environment;
	}

	/**
	 * The files a location holds, lowest precedence first ({@code .properties} wins over
	 * YAML, as in Boot).
	 */
	private static List<String> candidates(String location, String profile) {
		List<String> files = new ArrayList<>();
		boolean classpath = location.startsWith("classpath:");
		boolean file = !classpath && !location.endsWith("/") && Files.isRegularFile(Path.of(location));
		if (file) {
			if (profile == null) {
				files.add(location);
			}
			return files;
		}
		String directory = location.endsWith("/") ? location : location + "/";
		for (String name : NAMES) {
			for (String extension : EXTENSIONS) {
				files.add(directory + name + ((profile != null) ? "-" + profile : "") + "." + extension);
			}
		}
		return files;
	}

	/**
	 * The documents of the files that exist, in order, without those another profile
	 * activates.
	 */
	private static List<PropertySource<?>> documents(List<String> files, Set<String> profiles) throws IOException {
		List<PropertySource<?>> documents = new ArrayList<>();
		for (String file : files) {
			Resource resource = file.startsWith("classpath:") ? new ClassPathResource(file.substring(10))
					: new FileSystemResource(file);
			if (!resource.exists()) {
				continue;
			}
			PropertySourceLoader loader = file.endsWith(".properties") ? new PropertiesPropertySourceLoader()
					: new YamlPropertySourceLoader();
			List<PropertySource<?>> loaded = loader.load(file, resource);
			for (int i = 0; i < loaded.size(); i++) {
				PropertySource<?> document = loaded.get(i);
				if (appliesTo(document, profiles)) {
					documents.add(document);
				}
			}
		}
		return documents;
	}

	private static boolean appliesTo(PropertySource<?> document, Set<String> profiles) {
		if (document.getProperty("spring.config.activate.on-cloud-platform") != null) {
			return false;
		}
		Object onProfile = document.getProperty("spring.config.activate.on-profile");
		if (onProfile == null) {
			return true;
		}
		String[] expressions = StringUtils.commaDelimitedListToStringArray(onProfile.toString());
		return Profiles.of(Arrays.stream(expressions).map(String::strip).toArray(String[]::new))
			.matches(profiles::contains);
	}

	static String usage() {
		return """
				Usage: java -cp <application classpath> dev.corsstarter.autoconfigure.NginxExportCommand \\
				         (--part=http | --part=server | --output-dir=<dir>) [--profile=<name>] [--config=<dir or file>] \\
				         [--upstream=http://app] [--context-path=/ctx] [--generation=1]""";
	}

	/** The command line. */
	static final class Options {

		final List<String> profiles = new ArrayList<>();

		final List<String> configs = new ArrayList<>();

		String part;

		Path outputDir;

		String upstream = NginxExport.DEFAULT_UPSTREAM;

		String contextPath;

		long generation = 1;

		static Options parse(String[] args) {
			Options options = new Options();
			for (String arg : args) {
				int equals = arg.indexOf('=');
				if (!arg.startsWith("--") || equals < 0) {
					throw new IllegalArgumentException("Not an option: " + arg);
				}
				String name = arg.substring(2, equals);
				String value = arg.substring(equals + 1);
				switch (name) {
					case "profile" ->
						options.profiles.addAll(StringUtils.commaDelimitedListToSet(value.replace(" ", "")));
					case "config" -> options.configs.add(value);
					case "part" -> {
						if (!value.equals("http") && !value.equals("server")) {
							throw new IllegalArgumentException("--part is http or server, not " + value);
						}
						options.part = value;
					}
					case "output-dir" -> options.outputDir = Path.of(value);
					case "upstream" -> options.upstream = value;
					case "context-path" -> options.contextPath = value;
					case "generation" -> {
						try {
							options.generation = Long.parseLong(value);
						}
						catch (NumberFormatException ex) {
							throw new IllegalArgumentException("--generation is a number, not " + value);
						}
					}
					default -> throw new IllegalArgumentException("Unknown option --" + name);
				}
			}
			if ((options.part == null) == (options.outputDir == null)) {
				throw new IllegalArgumentException("Give exactly one of --part and --output-dir");
			}
			return options;
		}

		List<String> locations() {
			return this.configs.isEmpty() ? List.of("classpath:") : this.configs;
		}

	}

}
