package io.github.kpldeagg.autoconfigure.awspring;

import java.lang.reflect.Field;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;

import io.awspring.cloud.autoconfigure.AwsClientCustomizer;
import io.awspring.cloud.kinesis.integration.Checkpointer;
import io.awspring.cloud.kinesis.stream.binder.KinesisMessageChannelBinder;
import io.awspring.cloud.kinesis.stream.binder.properties.KinesisBinderConfigurationProperties;
import io.awspring.cloud.kinesis.stream.binder.provisioning.KinesisStreamProvisioner;
import io.github.kpldeagg.autoconfigure.BinderLine;
import io.github.kpldeagg.autoconfigure.BinderLineFixtures;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseSerializer;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the shared tests need of this line, Spring Cloud AWS's Kinesis binder 4.0.
 */
public final class AwspringBinderLineFixtures implements BinderLineFixtures {

	@Override
	public BinderLine line() {
		return new AwspringBinderLine();
	}

	@Override
	public Class<?> autoConfiguration() {
		return KplDeaggregationAutoConfiguration.class;
	}

	@Override
	public RuntimeHintsRegistrar binderRuntimeHints() {
		return new KplDeaggregationAutoConfiguration.BinderRuntimeHints();
	}

	@Override
	public Class<?> checkpointerType() {
		return Checkpointer.class;
	}

	@Override
	public Predicate<RuntimeHints> fieldHint(Field field) {
		return RuntimeHintsPredicates.reflection().onFieldAccess(field);
	}

	@Override
	public KinesisMessageChannelBinder binder(KinesisAsyncClient kinesis) {
		KinesisBinderConfigurationProperties properties = new KinesisBinderConfigurationProperties();
		return new KinesisMessageChannelBinder(properties, new KinesisStreamProvisioner(kinesis, properties), kinesis,
				null, null, null);
	}

	/**
	 * Creates KCL's lease table the way KCL 3 ends up with it: KCL 3 adds its
	 * LeaseOwnerToLeaseKeyIndex with UpdateTable, which dynalite answers without adding
	 * the index, so that KCL would never start there.
	 */
	@Override
	public void createKclLeaseTable(DynamoDbClient dynamoDb, String tableName) {
		DynamoDBLeaseSerializer leases = new DynamoDBLeaseSerializer();
		Set<AttributeDefinition> attributes = new LinkedHashSet<>(leases.getAttributeDefinitions());
		attributes.addAll(leases.getWorkerIdToLeaseKeyIndexAttributeDefinitions());
		dynamoDb.createTable((table) -> table.tableName(tableName)
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.keySchema(leases.getKeySchema())
			.attributeDefinitions(attributes)
			.globalSecondaryIndexes(GlobalSecondaryIndex.builder()
				.indexName("LeaseOwnerToLeaseKeyIndex")
				.keySchema(leases.getWorkerIdToLeaseKeyIndexKeySchema())
				.projection((projection) -> projection.projectionType(ProjectionType.KEYS_ONLY))
				.build()));
	}

	@Override
	public Class<?> kclApplicationBeans() {
		return KclApplicationBeans.class;
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
			return (builder) -> {
			};
		}

	}

}
