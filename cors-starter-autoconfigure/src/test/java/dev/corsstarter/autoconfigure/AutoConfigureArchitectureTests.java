package dev.corsstarter.autoconfigure;

import java.util.Set;

import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;

import org.springframework.web.util.pattern.PathPatternParser;

import dev.corsstarter.core.decision.CorsEngine;
import dev.corsstarter.core.internal.OriginPatternParser;
import dev.corsstarter.export.EdgePlan;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of the auto-configuration, drawn from its imports: no package cycles, the
 * {@code internal} packages (its own and the engine's) used only by this project, and
 * origins and path patterns parsed only where the engine is compiled.
 */
@AnalyzeClasses(locations = AutoConfigureArchitectureTests.LibraryModules.class)
class AutoConfigureArchitectureTests {

	private static final String PACKAGE = "dev.corsstarter.autoconfigure.";

	/**
	 * No package cycles. The ignored arrows close the cycles the auto-configuration still
	 * has (actuate and interop, lifecycle and observation and diagnostics): they go when
	 * those classes move to the packages of their concern, and so must these exceptions.
	 */
	@ArchTest
	static final ArchRule noPackageCycles = slices().matching("dev.corsstarter.autoconfigure.(**)")
		.should()
		.beFreeOfCycles()
		.ignoreDependency(name(PACKAGE + "interop.ShadowedSpringCors"), name(PACKAGE + "actuate.CorsEndpoint"))
		.ignoreDependency(alwaysTrue(), name(PACKAGE + "observation.LogSanitizer"))
		.ignoreDependency(name(PACKAGE + "lifecycle.CorsPolicyRegistry"),
				name(PACKAGE + "diagnostics.InvalidCorsConfigurationFailureAnalyzer"));

	@ArchTest
	static final ArchRule internalOnlyForThisProject = classes().that()
		.resideInAPackage("..internal..")
		.should()
		.onlyBeAccessed()
		.byClassesThat()
		.resideInAPackage("dev.corsstarter..");

	@ArchTest
	static final ArchRule coreNeverDependsOnAutoConfiguration = noClasses().that()
		.resideInAPackage("dev.corsstarter.core..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.corsstarter.autoconfigure..");

	/**
	 * Parsed once: everything downstream of the compile step (filters, endpoints,
	 * reloads, interop, the edge export) reads the engine's route view, never a pattern's
	 * text.
	 */
	@ArchTest
	static final ArchRule onlyTheCompileStepParsesPatterns = noClasses().that()
		.resideOutsideOfPackages("dev.corsstarter.core.decision", "dev.corsstarter.core.internal..")
		.should()
		.callMethodWhere(target(owner(assignableTo(OriginPatternParser.class))))
		.orShould()
		.callMethod(PathPatternParser.class, "parse", String.class)
		.orShould()
		.callConstructor(PathPatternParser.class)
		.because("origins and path patterns are parsed once, when the engine is compiled");

	/**
	 * Every class of this module, of the engine and of the edge export, whatever its
	 * package.
	 */
	static final class LibraryModules implements LocationProvider {

		@Override
		public Set<Location> get(Class<?> testClass) {
			return Set.of(location(CorsAutoConfiguration.class), location(CorsEngine.class), location(EdgePlan.class));
		}

		private static Location location(Class<?> type) {
			return Location.of(type.getProtectionDomain().getCodeSource().getLocation());
		}

	}

}
