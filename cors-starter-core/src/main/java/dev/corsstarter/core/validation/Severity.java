package dev.corsstarter.core.validation;

/** How a configuration problem is treated at startup. */
public enum Severity {

	/** The application must not start. */
	ERROR,

	/** The application starts; the problem is logged and reported. */
	WARN

}
