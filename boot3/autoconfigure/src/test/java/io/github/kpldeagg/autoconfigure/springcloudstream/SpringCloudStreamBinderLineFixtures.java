package io.github.kpldeagg.autoconfigure.springcloudstream;

import java.lang.reflect.Field;
import java.util.function.Predicate;

import io.github.kpldeagg.autoconfigure.BinderLine;
import io.github.kpldeagg.autoconfigure.BinderLineFixtures;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.cloud.stream.binder.kinesis.KinesisMessageChannelBinder;
import org.springframework.cloud.stream.binder.kinesis.properties.KinesisBinderConfigurationProperties;
import org.springframework.cloud.stream.binder.kinesis.provisioning.KinesisStreamProvisioner;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.aws.inbound.kinesis.Checkpointer;

/**
 * What the shared tests need of this line, the Spring Cloud Stream Kinesis binder 4.0 on
 * Spring Boot 3.5.
 */
public final class SpringCloudStreamBinderLineFixtures implements BinderLineFixtures {

	@Override
	public BinderLine line() {
		return new SpringCloudStreamBinderLine();
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
		return RuntimeHintsPredicates.reflection().onField(field);
	}

	@Override
	public KinesisMessageChannelBinder binder(KinesisAsyncClient kinesis) {
		KinesisBinderConfigurationProperties properties = new KinesisBinderConfigurationProperties();
		return new KinesisMessageChannelBinder(properties, new KinesisStreamProvisioner(kinesis, properties), kinesis,
				StaticCredentialsProvider.create(AwsBasicCredentials.create("fake", "fake")), null, null);
	}

	@Override
	public void createKclLeaseTable(DynamoDbClient dynamoDb, String tableName) {
		// KCL 2 creates its lease table itself, on dynalite too.
	}

	@Override
	public Class<?> kclApplicationBeans() {
		return KclApplicationBeans.class;
	}

	/**
	 * What an application in KCL mode needs on this line beyond the binder's defaults:
	 * nothing.
	 */
	@Configuration(proxyBeanMethods = false)
	public static class KclApplicationBeans {

	}

}
