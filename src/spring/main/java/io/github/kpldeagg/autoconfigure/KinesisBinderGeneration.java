package io.github.kpldeagg.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.cloud.stream.binder.AbstractMessageChannelBinder;
import org.springframework.integration.core.MessageProducer;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.metadata.ConcurrentMetadataStore;
import org.springframework.integration.support.ErrorMessageStrategy;
import org.springframework.expression.Expression;
import org.springframework.messaging.MessageHandler;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

/**
 * What deaggregation needs from one generation of the Spring Cloud Stream Kinesis binder.
 * The Boot 3 line's {@code spring-cloud-stream-binder-kinesis} and the current line's
 * Spring Cloud AWS binder share one design under other package and header names; each
 * line implements this once.
 */
interface KinesisBinderGeneration {

	/** The binder artifact and versions this line supports, for error messages. */
	String supportedBinder();

	/** The Kinesis binder's class: binders of other classes are left alone. */
	Class<? extends AbstractMessageChannelBinder<?, ?, ?>> binderType();

	/** The polling adapter's class: its fields are read, its output channel replaced. */
	Class<? extends MessageProducerSupport> pollingAdapterType();

	/** The KCL adapter's class, whose records KCL has already deaggregated. */
	Class<? extends MessageProducer> kclAdapterType();

	BinderHeaders headers();

	ErrorMessageStrategy errorMessageStrategy();

	KinesisAsyncClient kinesisClient(AbstractMessageChannelBinder<?, ?, ?> binder);

	/**
	 * The class of the handler a producer binding writes with when the binder does not
	 * use the native KPL: it puts each message with the Kinesis client it was created
	 * with.
	 */
	Class<? extends MessageHandler> kinesisHandlerType();

	/**
	 * Sets the expression of a handler of {@link #kinesisHandlerType()} that gives each
	 * message's explicit hash key.
	 */
	void explicitHashKeyExpression(MessageHandler kinesisHandler, Expression expression);

	/**
	 * What the binding's Kinesis consumer properties, as the binder resolves them, say
	 * about deaggregating it.
	 */
	ConsumerBinding consumerBinding(AbstractMessageChannelBinder<?, ?, ?> binder, String bindingName);

	/**
	 * Whether a binding's extension properties are this binder's Kinesis consumer
	 * properties.
	 */
	boolean isKinesisConsumerExtension(@Nullable Object extension);

	/**
	 * The checkpointer given to every user record of an aggregate but the last, in place
	 * of the binder's: its checkpoints are the {@link MidAggregateCheckpoint}'s.
	 */
	Object checkpointerBeforeLast(Object binderCheckpointer, MidAggregateCheckpoint midAggregate);

	/**
	 * Gives the polling adapter the checkpoint store it is to use.
	 */
	void checkpointStore(MessageProducerSupport pollingAdapter, ConcurrentMetadataStore store);

	/**
	 * Sets the KCL adapter's checkpoint mode to manual, so that it leaves checkpoints to
	 * the starter and hands KCL's checkpointer over with each message.
	 */
	void checkpointManually(MessageProducer kclAdapter);

	/**
	 * A Kinesis consumer binding's properties that decide how it deaggregates.
	 *
	 * @param recordListenerMode whether the adapter sends one message per record (else
	 * one per batch)
	 * @param dynamoDbStreams whether the binding reads a DynamoDB stream, whose records
	 * are no KPL records
	 */
	record ConsumerBinding(boolean recordListenerMode, boolean dynamoDbStreams) {
	}

}
