package io.github.kpldeagg.autoconfigure;

import java.lang.reflect.Field;
import java.util.function.Predicate;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import io.awspring.cloud.autoconfigure.AwsClientCustomizer;
import io.awspring.cloud.kinesis.integration.Checkpointer;
import io.awspring.cloud.kinesis.stream.binder.KinesisMessageChannelBinder;
import io.awspring.cloud.kinesis.stream.binder.properties.KinesisBinderConfigurationProperties;
import io.awspring.cloud.kinesis.stream.binder.provisioning.KinesisStreamProvisioner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import java.util.LinkedHashSet;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseSerializer;

/**
 * What the tests shared by both Spring lines (src/spring/test) need of this line, Spring
 * Cloud AWS's Kinesis binder 4.0: each line's test tree has a class of this name.
 */
public final class BinderLine {

	static final KinesisBinderGeneration GENERATION = new AwspringKinesisBinder();

	/**
	 * The binder's checkpointer interface, which the checkpointer of a user-record
	 * message implements.
	 */
	static final Class<?> CHECKPOINTER = Checkpointer.class;

	private BinderLine() {
	}

	/**
	 * Whether runtime hints let a native image read the field (Spring Framework 7 names
	 * it onFieldAccess).
	 */
	static Predicate<RuntimeHints> fieldHint(Field field) {
		return RuntimeHintsPredicates.reflection().onFieldAccess(field);
	}

	/**
	 * The binder as its auto-configuration builds it, without DynamoDB and CloudWatch.
	 */
	static KinesisMessageChannelBinder binder(KinesisAsyncClient kinesis) {
		KinesisBinderConfigurationProperties properties = new KinesisBinderConfigurationProperties();
		return new KinesisMessageChannelBinder(properties, new KinesisStreamProvisioner(kinesis, properties), kinesis,
				null, null, null);
	}

	/**
	 * Creates KCL's lease table the way KCL 3 ends up with it: KCL 3 adds its
	 * LeaseOwnerToLeaseKeyIndex with UpdateTable, which dynalite answers without adding
	 * the index, so that KCL would never start there.
	 */
	public static void createKclLeaseTable(DynamoDbClient dynamoDb, String tableName) {
		DynamoDBLeaseSerializer leases = new DynamoDBLeaseSerializer();
		Set<AttributeDefinition> attributes = new LinkedHashSet<>(leases.getAttributeDefinitions());
		attributes.addAll(leases.getWorkerIdToLeaseKeyIndexAttributeDefinitions());
		dynamoDb.createTable(table -> table.tableName(tableName)
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.keySchema(leases.getKeySchema())
			.attributeDefinitions(attributes)
			.globalSecondaryIndexes(GlobalSecondaryIndex.builder()
				.indexName("LeaseOwnerToLeaseKeyIndex")
				.keySchema(leases.getWorkerIdToLeaseKeyIndexKeySchema())
				.projection(projection -> projection.projectionType(ProjectionType.KEYS_ONLY))
				.build()));
	}

	/**
	 * What an application in KCL mode needs on this line: Spring Cloud AWS 4.0.0's binder
	 * builds its CloudWatch client with {@code Stream.of(customizers.getIfAvailable())},
	 * which fails without a CloudWatch client customizer; this one changes nothing. See
	 * docs/upstream/kinesis-kcl-cloudwatch-npe.md.
	 */
	@Configuration(proxyBeanMethods = false)
	public static class KclApplicationBeans {

		@Bean
		AwsClientCustomizer<CloudWatchAsyncClientBuilder> cloudWatchClientCustomizer() {
			return builder -> {
			};
		}

	}

}
