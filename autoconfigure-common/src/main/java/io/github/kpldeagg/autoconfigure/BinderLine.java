package io.github.kpldeagg.autoconfigure;

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
 * What deaggregation needs from the Kinesis binder of one Spring line. The Boot 3 line's
 * {@code spring-cloud-stream-binder-kinesis} and the current line's Spring Cloud AWS
 * binder share one design under other package and header names: each line's
 * auto-configuration module implements this once and imports
 * {@link KplDeaggregationConfiguration} with it. Not for applications.
 *
 * @author The kpl-deagg maintainers
 */
public interface BinderLine {

	/**
	 * The binder artifact and versions this line supports, for error messages.
	 * @return the supported binder
	 */
	String supportedBinder();

	/**
	 * The Kinesis binder's class: binders of other classes are left alone.
	 * @return the binder's class
	 */
	Class<? extends AbstractMessageChannelBinder<?, ?, ?>> binderType();

	/**
	 * The polling adapter's class: its fields are read, its output channel replaced.
	 * @return the polling adapter's class
	 */
	Class<? extends MessageProducerSupport> pollingAdapterType();

	/**
	 * The KCL adapter's class, whose records KCL has already deaggregated.
	 * @return the KCL adapter's class
	 */
	Class<? extends MessageProducer> kclAdapterType();

	/**
	 * The names of the headers the binder's adapters set.
	 * @return the header names
	 */
	BinderHeaders headers();

	/**
	 * How the binder builds the error messages of a failed record.
	 * @return the binder's error message strategy
	 */
	ErrorMessageStrategy errorMessageStrategy();

	/**
	 * The Kinesis client the binder reads and writes with.
	 * @param binder a binder of {@link #binderType()}
	 * @return its client
	 */
	KinesisAsyncClient kinesisClient(AbstractMessageChannelBinder<?, ?, ?> binder);

	/**
	 * The class of the handler a producer binding writes with when the binder does not
	 * use the native KPL: it puts each message with the Kinesis client it was created
	 * with.
	 * @return the handler's class
	 */
	Class<? extends MessageHandler> kinesisHandlerType();

	/**
	 * Sets the expression that gives each message's explicit hash key.
	 * @param kinesisHandler a handler of {@link #kinesisHandlerType()}
	 * @param expression the expression
	 */
	void explicitHashKeyExpression(MessageHandler kinesisHandler, Expression expression);

	/**
	 * What the binding's Kinesis consumer properties, as the binder resolves them, say
	 * about deaggregating it.
	 * @param binder a binder of {@link #binderType()}
	 * @param bindingName the consumer binding's name
	 * @return the binding's settings
	 */
	ConsumerBinding consumerBinding(AbstractMessageChannelBinder<?, ?, ?> binder, String bindingName);

	/**
	 * Whether a binding's extension properties are this binder's Kinesis consumer
	 * properties.
	 * @param extension a binding's extension properties
	 * @return whether they are
	 */
	boolean isKinesisConsumerExtension(@Nullable Object extension);

	/**
	 * The checkpointer given to every user record of an aggregate but the last, in place
	 * of the binder's: its checkpoints are the {@link MidAggregateCheckpoint}'s.
	 * @param binderCheckpointer the binder's checkpointer of the aggregate
	 * @param midAggregate the user record's checkpoint
	 * @return a checkpointer of the binder's type
	 */
	Object checkpointerBeforeLast(Object binderCheckpointer, MidAggregateCheckpoint midAggregate);

	/**
	 * Gives the polling adapter the checkpoint store it is to use.
	 * @param pollingAdapter an adapter of {@link #pollingAdapterType()}
	 * @param store the store
	 */
	void checkpointStore(MessageProducerSupport pollingAdapter, ConcurrentMetadataStore store);

	/**
	 * Sets the KCL adapter's checkpoint mode to manual, so that it leaves checkpoints to
	 * the starter and hands KCL's checkpointer over with each message.
	 * @param kclAdapter an adapter of {@link #kclAdapterType()}
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
