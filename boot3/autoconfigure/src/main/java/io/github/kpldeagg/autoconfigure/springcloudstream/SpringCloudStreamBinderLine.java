package io.github.kpldeagg.autoconfigure.springcloudstream;

import io.github.kpldeagg.autoconfigure.BinderHeaders;
import io.github.kpldeagg.autoconfigure.BinderLine;
import io.github.kpldeagg.autoconfigure.MidAggregateCheckpoint;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

import org.springframework.cloud.stream.binder.AbstractMessageChannelBinder;
import org.springframework.cloud.stream.binder.kinesis.KinesisMessageChannelBinder;
import org.springframework.cloud.stream.binder.kinesis.properties.KinesisConsumerProperties;
import org.springframework.expression.Expression;
import org.springframework.integration.aws.inbound.kinesis.CheckpointMode;
import org.springframework.integration.aws.inbound.kinesis.Checkpointer;
import org.springframework.integration.aws.inbound.kinesis.KclMessageDrivenChannelAdapter;
import org.springframework.integration.aws.inbound.kinesis.KinesisMessageDrivenChannelAdapter;
import org.springframework.integration.aws.inbound.kinesis.KinesisMessageHeaderErrorMessageStrategy;
import org.springframework.integration.aws.inbound.kinesis.ListenerMode;
import org.springframework.integration.aws.outbound.KinesisMessageHandler;
import org.springframework.integration.aws.support.AwsHeaders;
import org.springframework.integration.core.MessageProducer;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.metadata.ConcurrentMetadataStore;
import org.springframework.integration.support.ErrorMessageStrategy;
import org.springframework.messaging.MessageHandler;

/**
 * The Boot 3 line's binder: {@code spring-cloud-stream-binder-kinesis} 4.0 (on
 * spring-integration-aws 3.0).
 *
 * @author The kpl-deagg maintainers
 */
final class SpringCloudStreamBinderLine implements BinderLine {

	private static final BinderHeaders HEADERS = new BinderHeaders(AwsHeaders.RECEIVED_PARTITION_KEY,
			AwsHeaders.RECEIVED_SEQUENCE_NUMBER, AwsHeaders.RECEIVED_STREAM, AwsHeaders.SHARD, AwsHeaders.CHECKPOINTER,
			AwsHeaders.RAW_RECORD);

	private static final ErrorMessageStrategy ERROR_MESSAGES = new KinesisMessageHeaderErrorMessageStrategy();

	@Override
	public String supportedBinder() {
		return "org.springframework.cloud:spring-cloud-stream-binder-kinesis 4.0.x with Spring Boot 3.5"
				+ " (for io.awspring.cloud:spring-cloud-aws-kinesis-stream-binder 4.0.x on Spring Boot 4,"
				+ " use io.github.kpldeagg:kpl-deagg-spring-boot-starter)";
	}

	@Override
	public Class<KinesisMessageChannelBinder> binderType() {
		return KinesisMessageChannelBinder.class;
	}

	@Override
	public Class<? extends MessageProducerSupport> pollingAdapterType() {
		return KinesisMessageDrivenChannelAdapter.class;
	}

	@Override
	public Class<? extends MessageProducerSupport> kclAdapterType() {
		return KclMessageDrivenChannelAdapter.class;
	}

	@Override
	public BinderHeaders headers() {
		return HEADERS;
	}

	@Override
	public ErrorMessageStrategy errorMessageStrategy() {
		return ERROR_MESSAGES;
	}

	@Override
	public KinesisAsyncClient kinesisClient(AbstractMessageChannelBinder<?, ?, ?> binder) {
		return ((KinesisMessageChannelBinder) binder).getAmazonKinesis();
	}

	@Override
	public Class<KinesisMessageHandler> kinesisHandlerType() {
		return KinesisMessageHandler.class;
	}

	@Override
	public void explicitHashKeyExpression(MessageHandler kinesisHandler, Expression expression) {
		((KinesisMessageHandler) kinesisHandler).setExplicitHashKeyExpression(expression);
	}

	@Override
	public ConsumerBinding consumerBinding(AbstractMessageChannelBinder<?, ?, ?> binder, String bindingName) {
		KinesisConsumerProperties properties = ((KinesisMessageChannelBinder) binder)
			.getExtendedConsumerProperties(bindingName);
		// This binder has no DynamoDB Streams bindings.
		return new ConsumerBinding(properties.getListenerMode() == ListenerMode.record, false);
	}

	@Override
	public boolean isKinesisConsumerExtension(@Nullable Object extension) {
		return extension instanceof KinesisConsumerProperties;
	}

	@Override
	public Object checkpointerBeforeLast(Object binderCheckpointer, MidAggregateCheckpoint midAggregate) {
		Checkpointer binders = (Checkpointer) binderCheckpointer;
		return new Checkpointer() {

			@Override
			public boolean checkpoint() {
				return midAggregate.checkpoint(null, binders::checkpoint);
			}

			@Override
			public boolean checkpoint(String sequenceNumber) {
				return midAggregate.checkpoint(sequenceNumber, binders::checkpoint);
			}
		};
	}

	@Override
	public void checkpointStore(MessageProducerSupport pollingAdapter, ConcurrentMetadataStore store) {
		((KinesisMessageDrivenChannelAdapter) pollingAdapter).setCheckpointStore(store);
	}

	@Override
	public void checkpointManually(MessageProducer kclAdapter) {
		((KclMessageDrivenChannelAdapter) kclAdapter).setCheckpointMode(CheckpointMode.manual);
	}

}
