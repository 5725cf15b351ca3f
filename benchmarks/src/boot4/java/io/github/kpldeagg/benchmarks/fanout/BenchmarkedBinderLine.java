package io.github.kpldeagg.benchmarks.fanout;

import io.awspring.cloud.kinesis.integration.KinesisHeaders;
import io.awspring.cloud.kinesis.integration.KinesisMessageDrivenChannelAdapter;
import io.awspring.cloud.kinesis.stream.binder.KinesisMessageChannelBinder;
import io.awspring.cloud.kinesis.stream.binder.properties.KinesisBinderConfigurationProperties;
import io.awspring.cloud.kinesis.stream.binder.provisioning.KinesisStreamProvisioner;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

import org.springframework.cloud.stream.binder.AbstractMessageChannelBinder;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.mapping.InboundMessageMapper;

/**
 * The current line's binder: Spring Cloud AWS's Kinesis binder 4.0 (the default build of
 * this module).
 *
 * @author The kpl-deagg maintainers
 */
final class BenchmarkedBinderLine {

	static final String RECEIVED_PARTITION_KEY = KinesisHeaders.RECEIVED_PARTITION_KEY;
	static final String RECEIVED_SEQUENCE_NUMBER = KinesisHeaders.RECEIVED_SEQUENCE_NUMBER;
	static final String RECEIVED_STREAM = KinesisHeaders.RECEIVED_STREAM;
	static final String SHARD = KinesisHeaders.SHARD;

	private BenchmarkedBinderLine() {
	}

	static AbstractMessageChannelBinder<?, ?, ?> binder(KinesisAsyncClient kinesis) {
		KinesisBinderConfigurationProperties properties = new KinesisBinderConfigurationProperties();
		return new KinesisMessageChannelBinder(properties, new KinesisStreamProvisioner(kinesis, properties), kinesis,
				null, null, null);
	}

	/**
	 * The binder's polling adapter as the binder sets it up for a binding in record mode.
	 * @param kinesis the client it reads with
	 * @param stream the stream it reads
	 * @param embeddedHeadersMapper the binding's embedded-headers mapper, or null
	 * @return the adapter
	 */
	static MessageProducerSupport pollingAdapter(KinesisAsyncClient kinesis, String stream,
			@Nullable InboundMessageMapper<byte[]> embeddedHeadersMapper) {
		KinesisMessageDrivenChannelAdapter adapter = new KinesisMessageDrivenChannelAdapter(kinesis, stream);
		adapter.setBindSourceRecord(true);
		if (embeddedHeadersMapper != null) {
			adapter.setEmbeddedHeadersMapper(embeddedHeadersMapper);
		}
		return adapter;
	}

}
