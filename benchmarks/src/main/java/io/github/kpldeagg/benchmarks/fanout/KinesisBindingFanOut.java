package io.github.kpldeagg.benchmarks.fanout;

import java.net.URI;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

import org.springframework.beans.DirectFieldAccessor;
import org.springframework.cloud.stream.binder.AbstractMessageChannelBinder;
import org.springframework.cloud.stream.binder.BinderCustomizer;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.integration.core.MessageProducer;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.mapping.InboundMessageMapper;
import org.springframework.integration.metadata.ConcurrentMetadataStore;
import org.springframework.messaging.MessageChannel;

/**
 * What the Kinesis binder and the starter put in front of a binding channel, built
 * without a network: the binder's polling adapter (never started) with the binding
 * channel as output channel and, when the binding embeds headers (the binder's default),
 * the binder's embedded-headers mapper; then the consumer endpoint customizer that the
 * starter's {@link BinderCustomizer} installs in a Kinesis binder replaces the adapter's
 * output channel, as the binder has it do before it starts the adapter.
 *
 * @author The kpl-deagg maintainers
 */
final class KinesisBindingFanOut implements AutoCloseable {

	/** Nothing listens there, and nothing here sends a request. */
	private static final URI NOWHERE = URI.create("http://127.0.0.1:1");

	private static final String GROUP = "benchmark";

	private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider
		.create(AwsBasicCredentials.create("fake", "fake"));

	private final KinesisAsyncClient kinesis = KinesisAsyncClient.builder()
		.endpointOverride(NOWHERE)
		.region(Region.US_EAST_1)
		.credentialsProvider(CREDENTIALS)
		.build();

	private final AbstractMessageChannelBinder<?, ?, ?> binder;

	KinesisBindingFanOut(ApplicationContext context) {
		this.binder = BenchmarkedBinderLine.binder(this.kinesis);
		context.getBean(BinderCustomizer.class).customize(this.binder, "kinesis");
	}

	/**
	 * The adapter's output channel once the starter has customized the adapter of
	 * {@code bindingChannel}, and how to have the shard read from its start again.
	 * @param bindingChannel the binding channel
	 * @param embedHeaders the embed headers
	 * @return the adapter's output channel once the starter has customized the adapter of
	 * {@code bindingChannel}, and how to have the shard read from its start again
	 */
	Output adapterOutput(MessageChannel bindingChannel, boolean embedHeaders) {
		MessageProducerSupport adapter = BenchmarkedBinderLine.pollingAdapter(this.kinesis, AdapterMessages.STREAM,
				embedHeaders ? embeddedHeadersMapper() : null);
		adapter.setOutputChannel(bindingChannel);
		consumerEndpointCustomizer().configure(adapter, AdapterMessages.STREAM, GROUP);
		MessageChannel outputChannel = adapter.getOutputChannel();
		if (outputChannel == null || outputChannel == bindingChannel) {
			throw new IllegalStateException("The starter did not deaggregate the binding " + bindingChannel);
		}
		ConcurrentMetadataStore checkpointStore = (ConcurrentMetadataStore) Objects
			.requireNonNull(new DirectFieldAccessor(adapter).getPropertyValue("checkpointStore"), "checkpointStore");
		String checkpointKey = GROUP + ":" + AdapterMessages.STREAM + ":" + AdapterMessages.SHARD;
		return new Output(outputChannel, () -> checkpointStore.remove(checkpointKey));
	}

	/**
	 * The mapper with which the binder's adapter decodes each record of a binding that
	 * embeds headers.
	 * @return the mapper with which the binder's adapter decodes each record of a binding
	 * that embeds headers
	 */
	@SuppressWarnings("unchecked")
	InboundMessageMapper<byte[]> embeddedHeadersMapper() {
		return (InboundMessageMapper<byte[]>) Objects.requireNonNull(read("embeddedHeadersMapper"),
				"embeddedHeadersMapper");
	}

	@SuppressWarnings("unchecked")
	private ConsumerEndpointCustomizer<MessageProducer> consumerEndpointCustomizer() {
		return (ConsumerEndpointCustomizer<MessageProducer>) Objects.requireNonNull(read("consumerCustomizer"),
				"consumerCustomizer");
	}

	/**
	 * The binder keeps both without a getter.
	 * @param field the field
	 * @return the binder keeps both without a getter
	 */
	private @Nullable Object read(String field) {
		return new DirectFieldAccessor(this.binder).getPropertyValue(field);
	}

	@Override
	public void close() {
		this.kinesis.close();
	}

	/**
	 * Where the adapter sends its records.
	 *
	 * @param channel the adapter's output channel
	 * @param readFromTheStart what the adapter does to read its shard from the start
	 * again (it removes the shard's checkpoint): the starter then hands out again what it
	 * handled, which each benchmark operation sends once more
	 */
	record Output(MessageChannel channel, Runnable readFromTheStart) {
	}

}
