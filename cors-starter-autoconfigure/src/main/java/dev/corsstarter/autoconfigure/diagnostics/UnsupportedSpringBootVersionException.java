package dev.corsstarter.autoconfigure.diagnostics;

/** The application runs a Spring Boot line cors-starter does not support. */
public class UnsupportedSpringBootVersionException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String version;

	public UnsupportedSpringBootVersionException(String version) {
		super("cors-starter supports Spring Boot " + SpringBootLines.SUPPORTED + "; this application runs Spring Boot "
				+ version);
		this.version = version;
	}

	/** The Spring Boot version the application runs. */
	public String getVersion() {
		return this.version;
	}

}
