package io.github.kpldeagg.autoconfigure;

import java.lang.reflect.Field;
import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.test.context.FilteredClassLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each runtime hints registrar of the auto-configuration: what a native image needs of
 * what the starter reaches by reflection or by name, on this line's binder.
 */
@TestedBinderLine.Required
class KplDeaggregationRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	/**
	 * Each on the class that declares it, where {@code ReflectionUtils.findField} finds
	 * it and where a native image's reflection answers for it.
	 */
	@Test
	void registersEveryBinderFieldThatBinderInternalsReads() {
		TestedBinderLine.binderRuntimeHints().registerHints(this.hints, getClass().getClassLoader());

		List<Field> fields = BinderInternals.fields(TestedBinderLine.LINE);
		assertThat(fields).hasSameSizeAs(BinderInternals.InternalField.values());
		assertThat(fields).allSatisfy((field) -> assertThat(TestedBinderLine.fieldHint(field))
			.as("hint for %s.%s", field.getDeclaringClass().getName(), field.getName())
			.accepts(this.hints));
	}

	/**
	 * As at start-up: processing an application ahead of time fails on a binder without
	 * the fields, naming the supported versions.
	 */
	@Test
	void aBinderWithoutTheFieldsFailsTheProcessingAheadOfTime() {
		BinderInternalsRuntimeHints registrar = new BinderInternalsRuntimeHints(
				BinderCompatibilityTests.withPollingAdapter(BinderCompatibilityTests.AdapterOfAnotherVersion.class));

		assertThatThrownBy(() -> registrar.registerHints(this.hints, getClass().getClassLoader()))
			.isInstanceOf(IncompatibleKinesisBinderException.class)
			.hasMessageContaining(BinderCompatibilityTests.AdapterOfAnotherVersion.class.getName()
					+ " has no field embeddedHeadersMapper")
			.hasMessageContaining(TestedBinderLine.LINE.supportedBinder());
	}

	@Test
	void registersKclsRecordForTheConvertersLookUpByName() {
		new UserRecordMessageConverter.KclRecordRuntimeHints().registerHints(this.hints, getClass().getClassLoader());

		assertThat(UserRecordMessageConverter.KCL_RECORD).isEqualTo(KinesisClientRecord.class.getName());
		assertThat(RuntimeHintsPredicates.reflection().onType(KinesisClientRecord.class)).accepts(this.hints);
	}

	@Test
	void registersNothingForAnApplicationWithoutKcl() {
		new UserRecordMessageConverter.KclRecordRuntimeHints().registerHints(this.hints,
				new FilteredClassLoader(KinesisClientRecord.class));

		assertThat(this.hints.reflection().typeHints()).isEmpty();
	}

}
