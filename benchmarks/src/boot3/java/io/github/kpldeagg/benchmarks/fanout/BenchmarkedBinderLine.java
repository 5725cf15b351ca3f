package io.github.kpldeagg.benchmarks.fanout;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

import org.springframework.cloud.stream.binder.AbstractMessageChannelBinder;
import org.springframework.cloud.stream.binder.kinesis.KinesisMessageChannelBinder;
import org.springframework.cloud.stream.binder.kinesis.properties.KinesisBinderConfigurationProperties;
import org.springframework.cloud.stream.binder.kinesis.provisioning.KinesisStreamProvisioner;
import org.springframework.integration.aws.inbound.kinesis.KinesisMessageDrivenChannelAdapter;
import org.springframework.integration.aws.support.AwsHeaders;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.mapping.InboundMessageMapper;

/**
 * The Boot 3 line's binder: spring-cloud-stream-binder-kinesis 4.0 (with -Pboot3).
 *
 * @author The kpl-deagg maintainers
 */
final class BenchmarkedBinderLine {

	static final String RECEIVED_PARTITION_KEY = AwsHeaders.RECEIVED_PARTITION_KEY;
	static final String RECEIVED_SEQUENCE_NUMBER = AwsHeaders.RECEIVED_SEQUENCE_NUMBER;
	static final String RECEIVED_STREAM = AwsHeaders.RECEIVED_STREAM;
	static final String SHARD = AwsHeaders.SHARD;

	private BenchmarkedBinderLine() {
	}

	static AbstractMessageChannelBinder<?, ?, ?> binder(KinesisAsyncClient kinesis) {
		KinesisBinderConfigurationProperties properties = new KinesisBinderConfigurationProperties();
		return new KinesisMessageChannelBinder(properties, new KinesisStreamProvisioner(kinesis, properties), kinesis,
				// Credentials for the binder's KPL producers: none is made here.
				AnonymousCredentialsProvider.create(), null, null);
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
