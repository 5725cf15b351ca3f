package io.github.kpldeagg.lambda;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The Lambda starter's packages and the core: no package cycles, nothing of the binder
 * starters, and each reach into Spring Cloud Function's internals in one place, with its
 * reason.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.kpldeagg.core", "io.github.kpldeagg.lambda");

	@Test
	void hasNoPackageCycles() {
		slices().matching("io.github.kpldeagg.(**)").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void needsNoBinder() {
		noClasses().that()
			.resideInAPackage("io.github.kpldeagg.lambda..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.github.kpldeagg.autoconfigure..", "org.springframework.cloud.stream..")
			.check(CLASSES);
	}

	/**
	 * Spring Cloud Function's around-wrapper SPI lives in its {@code catalog} package:
	 * {@link DeaggregatingFunctionAroundWrapper} is one,
	 * {@link KplLambdaAutoConfiguration} declares it, {@link UserRecordInput} reads the
	 * input type of the function it wraps, and {@link FunctionAroundWrapperInjection}
	 * injects it where ahead-of-time processing does not. Nothing else of the starter
	 * names the catalog's types.
	 */
	@Test
	void onlyTheWrapperAndItsInjectionUseTheFunctionCatalog() {
		noClasses().that()
			.resideInAPackage("io.github.kpldeagg.lambda..")
			.and()
			.doNotBelongToAnyOf(DeaggregatingFunctionAroundWrapper.class, FunctionAroundWrapperInjection.class,
					KplLambdaAutoConfiguration.class, UserRecordInput.class)
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.cloud.function.context.catalog..")
			.check(CLASSES);
	}

	/**
	 * Reflection: Spring Cloud Function injects its wrapper into a private field that
	 * ahead-of-time processing does not see, so {@link FunctionAroundWrapperInjection}
	 * alone writes that field, and registers it for native images
	 * (docs/upstream/scf-function-around-wrapper-aot.md).
	 */
	@Test
	void onlyTheWrapperInjectionUsesReflection() {
		noClasses().that()
			.resideInAPackage("io.github.kpldeagg..")
			.and()
			.doNotBelongToAnyOf(FunctionAroundWrapperInjection.class,
					FunctionAroundWrapperInjection.FieldRuntimeHints.class)
			.should()
			.dependOnClassesThat()
			.resideInAPackage("java.lang.reflect..")
			.orShould()
			.dependOnClassesThat()
			.belongToAnyOf(ReflectionUtils.class, ClassUtils.class)
			.orShould()
			.callMethodWhere(target(owner(type(Class.class)))
				.and(target(nameMatching("forName|getDeclared.*|getField.*|getMethod.*|getConstructor.*"))))
			.check(CLASSES);
	}

}
