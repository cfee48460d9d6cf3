package dev.corsstarter.autoconfigure;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

import dev.corsstarter.autoconfigure.properties.CorsProperties;

/**
 * What cors-starter reads reflectively or as a resource, for ahead-of-time processing and
 * native images: {@link CorsProperties}, the Public Suffix List bundled in
 * cors-starter-core and the newer one an application may add.
 */
public class CorsRuntimeHints implements RuntimeHintsRegistrar {

	/** The Public Suffix List inside cors-starter-core's jar. */
	public static final String BUNDLED_PUBLIC_SUFFIX_LIST = "dev/corsstarter/core/psl/public_suffix_list.dat";

	/** A newer Public Suffix List an application puts on its class path. */
	public static final String APPLICATION_PUBLIC_SUFFIX_LIST = "META-INF/cors-starter/public_suffix_list.dat";

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		BindableRuntimeHintsRegistrar.forTypes(CorsProperties.class).registerHints(hints, classLoader);
		hints.resources().registerPattern(BUNDLED_PUBLIC_SUFFIX_LIST);
		hints.resources().registerPattern(APPLICATION_PUBLIC_SUFFIX_LIST);
	}

}
