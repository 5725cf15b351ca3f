package io.github.kpldeagg.autoconfigure.awspring;

import io.awspring.cloud.kinesis.integration.CheckpointMode;
import io.awspring.cloud.kinesis.integration.Checkpointer;
import io.awspring.cloud.kinesis.integration.KclMessageDrivenChannelAdapter;
import io.awspring.cloud.kinesis.integration.KinesisHeaders;
import io.awspring.cloud.kinesis.integration.KinesisMessageDrivenChannelAdapter;
import io.awspring.cloud.kinesis.integration.KinesisMessageHandler;
import io.awspring.cloud.kinesis.integration.KinesisMessageHeaderErrorMessageStrategy;
import io.awspring.cloud.kinesis.integration.ListenerMode;
import io.awspring.cloud.kinesis.stream.binder.KinesisMessageChannelBinder;
import io.awspring.cloud.kinesis.stream.binder.properties.KinesisConsumerProperties;
import io.github.kpldeagg.autoconfigure.BinderHeaders;
import io.github.kpldeagg.autoconfigure.BinderLine;
import io.github.kpldeagg.autoconfigure.MidAggregateCheckpoint;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

import org.springframework.cloud.stream.binder.AbstractMessageChannelBinder;
import org.springframework.expression.Expression;
import org.springframework.integration.core.MessageProducer;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.metadata.ConcurrentMetadataStore;
import org.springframework.integration.support.ErrorMessageStrategy;
import org.springframework.messaging.MessageHandler;

/**
 * The current line's binder: Spring Cloud AWS's
 * {@code spring-cloud-aws-kinesis-stream-binder} 4.0.
 *
 * @author The kpl-deagg maintainers
 */
final class AwspringBinderLine implements BinderLine {

	private static final BinderHeaders HEADERS = new BinderHeaders(KinesisHeaders.RECEIVED_PARTITION_KEY,
			KinesisHeaders.RECEIVED_SEQUENCE_NUMBER, KinesisHeaders.RECEIVED_STREAM, KinesisHeaders.SHARD,
			KinesisHeaders.CHECKPOINTER, KinesisHeaders.RAW_RECORD);

	private static final ErrorMessageStrategy ERROR_MESSAGES = new KinesisMessageHeaderErrorMessageStrategy();

	@Override
	public String supportedBinder() {
		return "io.awspring.cloud:spring-cloud-aws-kinesis-stream-binder 4.0.x with Spring Boot 4.0 and 4.1"
				+ " (for org.springframework.cloud:spring-cloud-stream-binder-kinesis 4.0.x on Spring Boot 3.5,"
				+ " use io.github.kpldeagg:kpl-deagg-spring-boot3-starter)";
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
		return new ConsumerBinding(properties.getListenerMode() == ListenerMode.record, properties.isDynamoDbStreams());
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
