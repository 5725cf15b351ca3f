package io.github.kpldeagg.autoconfigure;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.github.kpldeagg.core.Deaggregator;
import org.junit.jupiter.api.Test;

import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages of the core and of the auto-configuration: here the code both Spring lines
 * share, and in each line's module (which runs this test too) that line's own as well. No
 * package cycles, and a core that stays free of Spring for its non-Spring users.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		// The shared tests, which the lines run from this module's test jar.
		.withImportOption((location) -> !location.contains("-tests.jar"))
		.importPackages("io.github.kpldeagg.core", "io.github.kpldeagg.autoconfigure");

	@Test
	void importsTheCoreAndTheAutoConfiguration() {
		assertThat(CLASSES.contain(Deaggregator.class)).isTrue();
		assertThat(CLASSES.contain(DeaggregatingChannel.class)).as("the shared code").isTrue();
	}

	@Test
	@TestedBinderLine.Required
	void importsTheLineOnTheClassPath() {
		assertThat(CLASSES.contain(TestedBinderLine.AUTO_CONFIGURATION)).isTrue();
	}

	@Test
	void hasNoPackageCycles() {
		slices().matching("io.github.kpldeagg.(**)").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void theCoreDoesNotDependOnSpring() {
		noClasses().that()
			.resideInAPackage("io.github.kpldeagg.core..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework..")
			.check(CLASSES);
	}

	/**
	 * The shared code works with every line's binder through {@link BinderLine}: only a
	 * line's own package names its binder's types. Where the lines differ is there.
	 */
	@Test
	void theSharedCodeNamesNoLinesBinder() {
		noClasses().that()
			.resideInAPackage("io.github.kpldeagg.autoconfigure")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.awspring.cloud.kinesis..", "org.springframework.cloud.stream.binder.kinesis..",
					"org.springframework.integration.aws..")
			.check(CLASSES);
	}

	/**
	 * Reach into the binder's internals: the Kinesis binder has no getters for the fields
	 * the starter must read (and no setter for the one it writes), so
	 * {@link BinderInternals} alone reads them by reflection, checked at start-up, and
	 * {@link BinderInternalsRuntimeHints} registers them for native images
	 * (docs/upstream/binder-customizer-getters.md, kinesis-adapter-getters.md,
	 * kinesis-producer-client-per-binding.md).
	 */
	@Test
	void onlyBinderInternalsReachesTheBindersPrivateFields() {
		noClasses().that()
			.resideInAPackage("io.github.kpldeagg..")
			.and()
			.doNotBelongToAnyOf(BinderInternals.class, BinderInternalsRuntimeHints.class)
			.should()
			.dependOnClassesThat()
			.resideInAPackage("java.lang.reflect..")
			.orShould()
			.dependOnClassesThat()
			.belongToAnyOf(ReflectionUtils.class)
			.orShould()
			.callMethodWhere(target(owner(type(Class.class)))
				.and(target(nameMatching("forName|getDeclared.*|getField.*|getMethod.*|getConstructor.*"))))
			.check(CLASSES);
	}

	/**
	 * Look-up by name: KCL is optional on the class path, so
	 * {@link UserRecordMessageConverter} alone asks whether its record type is there, and
	 * its {@code KclRecordRuntimeHints} registers the type for native images.
	 */
	@Test
	void onlyTheMessageConverterLooksUpAClassByName() {
		noClasses().that()
			.resideInAPackage("io.github.kpldeagg..")
			.and()
			.doNotBelongToAnyOf(UserRecordMessageConverter.class)
			.should()
			.callMethodWhere(target(owner(assignableTo(ClassUtils.class)))
				.and(target(nameMatching("isPresent|forName|resolveClassName"))))
			.check(CLASSES);
	}

}
