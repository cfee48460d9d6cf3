package dev.corsstarter.autoconfigure;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

import dev.corsstarter.autoconfigure.actuate.CorsEndpoint;
import dev.corsstarter.autoconfigure.actuate.CorsEndpointWebExtension;

/**
 * The {@code cors} actuator endpoint's response types, serialised to JSON by reflection:
 * declared for ahead-of-time processing and GraalVM native images.
 */
public class CorsEndpointRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(),
				CorsEndpoint.CorsDescriptor.class, CorsEndpoint.PolicyDescriptor.class,
				CorsEndpoint.WarningDescriptor.class, CorsEndpoint.ReloadDescriptor.class,
				CorsEndpoint.ChangeDescriptor.class, CorsEndpoint.DryRunDescriptor.class,
				CorsEndpoint.ReportOnlyDescriptor.class, CorsEndpoint.RequestDescriptor.class,
				CorsEndpointWebExtension.BadRequestDescriptor.class);
	}

}
