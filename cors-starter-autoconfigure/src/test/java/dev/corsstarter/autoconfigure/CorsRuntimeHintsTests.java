package dev.corsstarter.autoconfigure;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.annotation.ReflectiveRuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.annotation.AnnotatedElementUtils;

import dev.corsstarter.autoconfigure.actuate.CorsEndpoint;
import dev.corsstarter.autoconfigure.actuate.CorsEndpointWebExtension;
import dev.corsstarter.autoconfigure.lifecycle.PolicyChange;
import dev.corsstarter.autoconfigure.properties.CorsProperties;

import static org.assertj.core.api.Assertions.assertThat;

class CorsRuntimeHintsTests {

	@Test
	void theAutoConfigurationsImportTheHints() {
		assertThat(AnnotatedElementUtils.findMergedAnnotation(CorsAutoConfiguration.class, ImportRuntimeHints.class)
			.value()).containsExactly(CorsRuntimeHints.class);
	}

	@Test
	void thePublicSuffixListsAreResources() {
		RuntimeHints hints = corsHints();
		assertThat(RuntimeHintsPredicates.resource().forResource(CorsRuntimeHints.BUNDLED_PUBLIC_SUFFIX_LIST))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource(CorsRuntimeHints.APPLICATION_PUBLIC_SUFFIX_LIST))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("dev/corsstarter/core/psl/other.dat")).rejects(hints);
	}

	/** The hinted path is where cors-starter-core's jar has the list. */
	@Test
	void theHintedListExists() {
		assertThat(getClass().getClassLoader().getResource(CorsRuntimeHints.BUNDLED_PUBLIC_SUFFIX_LIST)).isNotNull();
	}

	@Test
	void everyPropertyIsBindable() {
		RuntimeHints hints = corsHints();
		for (Class<?> type : List.of(CorsProperties.class, CorsProperties.Policy.class)) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(hints);
			List<Method> accessors = Arrays.stream(type.getDeclaredMethods())
				.filter((method) -> Modifier.isPublic(method.getModifiers()))
				.filter((method) -> method.getName().startsWith("set"))
				.toList();
			assertThat(accessors).as(type.getName() + " setters").isNotEmpty();
			for (Method setter : accessors) {
				assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(setter)).as(setter.toString())
					.accepts(hints);
			}
		}
	}

	@Test
	void everyEndpointResponseTypeIsSerializable() {
		// as ahead-of-time processing reads the endpoint's auto-configuration
		RuntimeHints hints = new RuntimeHints();
		new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(hints, CorsEndpointAutoConfiguration.class);
		List<Class<?>> responses = List.of(CorsEndpoint.CorsDescriptor.class, CorsEndpoint.PolicyDescriptor.class,
				CorsEndpoint.WarningDescriptor.class, CorsEndpoint.ReloadDescriptor.class,
				PolicyChange.Difference.class, CorsEndpoint.DryRunDescriptor.class,
				CorsEndpoint.ReportOnlyDescriptor.class, CorsEndpoint.RequestDescriptor.class,
				CorsEndpointWebExtension.BadRequestDescriptor.class);
		for (Class<?> type : responses) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(hints);
			for (RecordComponent component : type.getRecordComponents()) {
				assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(component.getAccessor()))
					.as(component.toString())
					.accepts(hints);
			}
		}
	}

	private RuntimeHints corsHints() {
		RuntimeHints hints = new RuntimeHints();
		new CorsRuntimeHints().registerHints(hints, getClass().getClassLoader());
		return hints;
	}

}
