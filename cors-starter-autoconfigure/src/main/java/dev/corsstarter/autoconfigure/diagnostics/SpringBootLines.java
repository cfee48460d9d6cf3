package dev.corsstarter.autoconfigure.diagnostics;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The Spring Boot lines cors-starter supports. Older ones lack what it relies on (e.g.
 * {@code @ConditionalOnBooleanProperty}) and stop startup; later ones are not refused.
 */
public final class SpringBootLines {

	/** The supported lines, as the failure analysis names them. */
	public static final String SUPPORTED = "3.5.x, 4.0.x and 4.1.x";

	private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)");

	private SpringBootLines() {
	}

	/** Throws {@link UnsupportedSpringBootVersionException} for a version before 3.5. */
	public static void check(@Nullable String version) {
		Matcher matcher = MAJOR_MINOR.matcher((version != null) ? version : "");
		if (matcher.find()) {
			int major = Integer.parseInt(matcher.group(1));
			if (major < 3 || (major == 3 && Integer.parseInt(matcher.group(2)) < 5)) {
				throw new UnsupportedSpringBootVersionException(version);
			}
		}
	}

}
