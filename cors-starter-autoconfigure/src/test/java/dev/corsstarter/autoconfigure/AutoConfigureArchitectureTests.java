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

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of the library, drawn from its imports: no package cycles anywhere in the
 * engine, the edge export and the auto-configuration, arrows pointing down only, the
 * {@code internal} packages used only by this project, and origins and path patterns
 * parsed only where the engine is compiled.
 */
@AnalyzeClasses(locations = AutoConfigureArchitectureTests.LibraryModules.class)
class AutoConfigureArchitectureTests {

	@ArchTest
	static final ArchRule noPackageCycles = slices().matching("dev.corsstarter.(**)").should().beFreeOfCycles();

	/**
	 * The auto-configurations sit on top: the packages they assemble never reach back.
	 */
	@ArchTest
	static final ArchRule onlyTheAutoConfigurationsAssemble = noClasses().that()
		.resideInAPackage("dev.corsstarter.autoconfigure..")
		.and()
		.resideOutsideOfPackage("dev.corsstarter.autoconfigure")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.corsstarter.autoconfigure");

	@ArchTest
	static final ArchRule internalOnlyForThisProject = classes().that()
		.resideInAPackage("..internal..")
		.should()
		.onlyBeAccessed()
		.byClassesThat()
		.resideInAPackage("dev.corsstarter..");

	/** The engine knows neither the edge export nor Spring Boot's adapters. */
	@ArchTest
	static final ArchRule coreNeverDependsUp = noClasses().that()
		.resideInAPackage("dev.corsstarter.core..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.corsstarter.autoconfigure..", "dev.corsstarter.export..");

	/** The edge export reads the engine only. */
	@ArchTest
	static final ArchRule exportNeverDependsOnAutoConfiguration = noClasses().that()
		.resideInAPackage("dev.corsstarter.export..")
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
