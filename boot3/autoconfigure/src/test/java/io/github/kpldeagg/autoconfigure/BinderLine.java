package io.github.kpldeagg.autoconfigure;

import java.lang.reflect.Field;
import java.util.function.Predicate;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.cloud.stream.binder.kinesis.KinesisMessageChannelBinder;
import org.springframework.cloud.stream.binder.kinesis.properties.KinesisBinderConfigurationProperties;
import org.springframework.cloud.stream.binder.kinesis.provisioning.KinesisStreamProvisioner;
import org.springframework.integration.aws.inbound.kinesis.Checkpointer;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

/**
 * What the tests shared by both Spring lines (src/spring/test) need of this line, the
 * Spring Cloud Stream Kinesis binder 4.0 on Spring Boot 3.5: each line's test tree has a
 * class of this name.
 */
public final class BinderLine {

	static final KinesisBinderGeneration GENERATION = new SpringCloudStreamKinesisBinder();

	/**
	 * The binder's checkpointer interface, which the checkpointer of a user-record
	 * message implements.
	 */
	static final Class<?> CHECKPOINTER = Checkpointer.class;

	private BinderLine() {
	}

	/**
	 * Whether runtime hints let a native image read the field (Spring Framework 7 renames
	 * it onFieldAccess).
	 */
	static Predicate<RuntimeHints> fieldHint(Field field) {
		return RuntimeHintsPredicates.reflection().onField(field);
	}

	/**
	 * The binder as its auto-configuration builds it, without DynamoDB and CloudWatch.
	 */
	static KinesisMessageChannelBinder binder(KinesisAsyncClient kinesis) {
		KinesisBinderConfigurationProperties properties = new KinesisBinderConfigurationProperties();
		return new KinesisMessageChannelBinder(properties, new KinesisStreamProvisioner(kinesis, properties), kinesis,
				StaticCredentialsProvider.create(AwsBasicCredentials.create("fake", "fake")), null, null);
	}

	/** KCL 2 creates its lease table itself, on dynalite too. */
	public static void createKclLeaseTable(DynamoDbClient dynamoDb, String tableName) {
	}

	/**
	 * What an application in KCL mode needs on this line beyond the binder's defaults:
	 * nothing.
	 */
	@Configuration(proxyBeanMethods = false)
	public static class KclApplicationBeans {

	}

}
