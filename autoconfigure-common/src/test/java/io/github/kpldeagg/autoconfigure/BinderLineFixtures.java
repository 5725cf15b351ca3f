package io.github.kpldeagg.autoconfigure;

import java.lang.reflect.Field;
import java.util.function.Predicate;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.cloud.stream.binder.AbstractMessageChannelBinder;

/**
 * What the shared tests need of a Spring line beyond its {@link BinderLine}. Each line's
 * auto-configuration module implements it in its tests and registers the implementation
 * in {@code META-INF/services}; the shared tests reach it through
 * {@link TestedBinderLine}.
 */
public interface BinderLineFixtures {

	/** The line under test. */
	BinderLine line();

	/** The line's auto-configuration class. */
	Class<?> autoConfiguration();

	/**
	 * The runtime hints the line's auto-configuration imports for the binder's fields.
	 */
	RuntimeHintsRegistrar binderRuntimeHints();

	/**
	 * The binder's checkpointer interface, which the checkpointer of a user-record
	 * message implements.
	 */
	Class<?> checkpointerType();

	/** Whether runtime hints let a native image read the field. */
	Predicate<RuntimeHints> fieldHint(Field field);

	/**
	 * The binder as its auto-configuration builds it, without DynamoDB and CloudWatch.
	 */
	AbstractMessageChannelBinder<?, ?, ?> binder(KinesisAsyncClient kinesis);

	/** Creates KCL's lease table where the line's KCL would not create it on dynalite. */
	void createKclLeaseTable(DynamoDbClient dynamoDb, String tableName);

	/**
	 * What an application in KCL mode needs on this line beyond the binder's defaults.
	 */
	Class<?> kclApplicationBeans();

}
