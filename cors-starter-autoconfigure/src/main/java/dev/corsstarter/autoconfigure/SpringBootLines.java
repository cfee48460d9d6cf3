package dev.corsstarter.autoconfigure;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Spring Boot lines cors-starter supports: 3.5.x, 4.0.x and 4.1.x, from the same
 * artifacts.
 * <p>
 * Older lines lack what the auto-configuration relies on (for example
 * {@code @ConditionalOnBooleanProperty}, new in 3.5, without which
 * {@code cors.enabled=false} would be ignored silently), so on them the application stops
 * at startup with a failure analysis instead of running with part of the starter. Later
 * lines are not refused: they are untested, not known to be broken.
 */
public final class SpringBootLines {

	/** The supported lines, as the failure analysis names them. */
	public static final String SUPPORTED = "3.5.x, 4.0.x and 4.1.x";

	private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)");

	private SpringBootLines() {
	}

	/**
	 * Refuse a Spring Boot version older than 3.5.
	 * @param version the running Spring Boot version, {@code null} when unknown (then
	 * nothing is checked)
	 * @throws UnsupportedSpringBootVersionException for a version older than 3.5
	 */
	public static void check(String version) {
		if (version == null) {
			return;
		}
		Matcher matcher = MAJOR_MINOR.matcher(version);
		if (!matcher.find()) {
			return;
		}
		int major = Integer.parseInt(matcher.group(1));
		int minor = Integer.parseInt(matcher.group(2));
		if (major < 3 || (major == 3 && minor < 5)) {
			throw new UnsupportedSpringBootVersionException(version);
		}
	}

}
