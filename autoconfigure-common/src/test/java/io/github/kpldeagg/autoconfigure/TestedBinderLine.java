package io.github.kpldeagg.autoconfigure;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.util.ServiceLoader;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.cloud.stream.binder.AbstractMessageChannelBinder;
import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.type.AnnotationMetadata;

/**
 * The Spring line the shared tests run on: the {@link BinderLineFixtures} its module
 * registers. A test that needs one is annotated {@link Required}: skipped in this
 * module's own build, which has no line, and run by each line's module.
 */
public final class TestedBinderLine {

	private static final @Nullable BinderLineFixtures FIXTURES = ServiceLoader.load(BinderLineFixtures.class)
		.findFirst()
		.orElse(null);

	/** The line under test. */
	public static final BinderLine LINE = (FIXTURES != null) ? FIXTURES.line() : null;

	/** The line's auto-configuration class. */
	public static final Class<?> AUTO_CONFIGURATION = (FIXTURES != null) ? FIXTURES.autoConfiguration() : null;

	/**
	 * The binder's checkpointer interface, which the checkpointer of a user-record
	 * message implements.
	 */
	public static final Class<?> CHECKPOINTER = (FIXTURES != null) ? FIXTURES.checkpointerType() : null;

	private TestedBinderLine() {
	}

	/**
	 * The runtime hints the line's auto-configuration imports for the binder's fields.
	 */
	public static RuntimeHintsRegistrar binderRuntimeHints() {
		return fixtures().binderRuntimeHints();
	}

	/** Whether runtime hints let a native image read the field. */
	public static Predicate<RuntimeHints> fieldHint(Field field) {
		return fixtures().fieldHint(field);
	}

	/**
	 * The binder as its auto-configuration builds it, without DynamoDB and CloudWatch.
	 */
	public static AbstractMessageChannelBinder<?, ?, ?> binder(KinesisAsyncClient kinesis) {
		return fixtures().binder(kinesis);
	}

	/** Creates KCL's lease table where the line's KCL would not create it on dynalite. */
	public static void createKclLeaseTable(DynamoDbClient dynamoDb, String tableName) {
		fixtures().createKclLeaseTable(dynamoDb, tableName);
	}

	private static BinderLineFixtures fixtures() {
		if (FIXTURES == null) {
			throw new IllegalStateException("No BinderLineFixtures on the class path: run the test in a line's module");
		}
		return FIXTURES;
	}

	/** Imports what an application in KCL mode needs on the line under test. */
	public static final class KclApplicationBeans implements ImportSelector {

		@Override
		public String[] selectImports(AnnotationMetadata importingClassMetadata) {
			return new String[] { fixtures().kclApplicationBeans().getName() };
		}

	}

	/**
	 * Marks a test (class or method) that runs on a Spring line: skipped where there is
	 * none.
	 */
	@Target({ ElementType.TYPE, ElementType.METHOD })
	@Retention(RetentionPolicy.RUNTIME)
	@ExtendWith(OnBinderLine.class)
	public @interface Required {

	}

	static final class OnBinderLine implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			return (FIXTURES != null) ? ConditionEvaluationResult.enabled("on " + FIXTURES.line().supportedBinder())
					: ConditionEvaluationResult.disabled("No binder line here: each line's module runs this test");
		}

	}

}
