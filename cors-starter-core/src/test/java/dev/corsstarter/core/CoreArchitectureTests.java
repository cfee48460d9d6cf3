package dev.corsstarter.core;

import java.util.Set;

import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;

import dev.corsstarter.core.decision.CorsEngine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of the engine, drawn from its imports. Its layers, bottom to top:
 * <ol>
 * <li>{@code policy}: the policies as configured, plain values;</li>
 * <li>{@code request}: what the engine reads of a request;</li>
 * <li>{@code internal}: the origin grammar, header checks and the in-memory request;</li>
 * <li>{@code validation} and {@code internal.validation}: the rules and what they
 * report;</li>
 * <li>{@code decision}: the compiled engine and its decisions.</li>
 * </ol>
 * Each layer may use only the layers below it.
 */
@AnalyzeClasses(locations = CoreArchitectureTests.ThisModule.class)
class CoreArchitectureTests {

	@ArchTest
	static final ArchRule layersPointOnlyDown = layeredArchitecture().consideringOnlyDependenciesInLayers()
		.layer("decision")
		.definedBy("dev.corsstarter.core.decision..")
		.layer("validation")
		.definedBy("dev.corsstarter.core.validation..", "dev.corsstarter.core.internal.validation..")
		.layer("internal")
		.definedBy("dev.corsstarter.core.internal")
		.layer("request")
		.definedBy("dev.corsstarter.core.request..")
		.layer("policy")
		.definedBy("dev.corsstarter.core.policy..")
		.whereLayer("decision")
		.mayNotBeAccessedByAnyLayer()
		.whereLayer("validation")
		.mayOnlyBeAccessedByLayers("decision")
		.whereLayer("internal")
		.mayOnlyBeAccessedByLayers("validation", "decision")
		.whereLayer("request")
		.mayOnlyBeAccessedByLayers("internal", "validation", "decision")
		.whereLayer("policy")
		.mayOnlyBeAccessedByLayers("internal", "validation", "decision");

	@ArchTest
	static final ArchRule noPackageCycles = slices().matching("dev.corsstarter.core.(**)").should().beFreeOfCycles();

	@ArchTest
	static final ArchRule internalOnlyForThisProject = classes().that()
		.resideInAPackage("..internal..")
		.should()
		.onlyBeAccessed()
		.byClassesThat()
		.resideInAPackage("dev.corsstarter..");

	@ArchTest
	static final ArchRule noStackNorBootNorModulesAbove = noClasses().that()
		.resideInAPackage("dev.corsstarter.core..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.corsstarter.autoconfigure..", "dev.corsstarter.export..", "org.springframework.boot..",
				"jakarta.servlet..", "javax.servlet..", "reactor..", "org.springframework.web.servlet..",
				"org.springframework.web.reactive..", "org.springframework.web.server..",
				"org.springframework.http.server.reactive..");

	/** Every class of this module, whatever its package. */
	static final class ThisModule implements LocationProvider {

		@Override
		public Set<Location> get(Class<?> testClass) {
			return Set.of(Location.of(CorsEngine.class.getProtectionDomain().getCodeSource().getLocation()));
		}

	}

}
