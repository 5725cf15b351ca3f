package io.github.kpldeagg.producer;

import java.util.Objects;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what an {@link AggregatingProducer} does in a Micrometer {@link MeterRegistry},
 * each counter tagged with the {@code stream}:
 * <ul>
 * <li>{@value #USER_RECORDS_PUT}: user records put;</li>
 * <li>{@value #KINESIS_RECORDS_PUT} and {@value #KINESIS_BYTES_PUT}: Kinesis records put
 * (aggregates and plain records) and their bytes;</li>
 * <li>{@value #RETRIES}: Kinesis records retried, tagged with the {@code error};</li>
 * <li>{@value #WRONG_SHARD_REPUTS}: user records put again because their aggregate landed
 * on a shard whose hash-key range does not hold them all;</li>
 * <li>{@value #EXPIRED}: user records failed by {@code RecordTtl}.</li>
 * </ul>
 * Micrometer is an optional dependency of this module: only this class needs it.
 *
 * @author The kpl-deagg maintainers
 */
public final class MicrometerProducerMetrics implements ProducerMetrics {

	/** User records put. */
	public static final String USER_RECORDS_PUT = "kpl.producer.user-records.put";

	/** Kinesis records put. */
	public static final String KINESIS_RECORDS_PUT = "kpl.producer.kinesis-records.put";

	/** Bytes of the Kinesis records put, partition keys included. */
	public static final String KINESIS_BYTES_PUT = "kpl.producer.kinesis-records.bytes";

	/** Kinesis records retried. */
	public static final String RETRIES = "kpl.producer.retries";

	/** User records put again after their aggregate landed on the wrong shard. */
	public static final String WRONG_SHARD_REPUTS = "kpl.producer.wrong-shard.reputs";

	/** User records failed by {@code RecordTtl}. */
	public static final String EXPIRED = "kpl.producer.expired";

	private static final String STREAM_TAG = "stream";

	private final MeterRegistry registry;

	/**
	 * Counts in the given registry.
	 * @param registry the registry
	 */
	public MicrometerProducerMetrics(MeterRegistry registry) {
		this.registry = Objects.requireNonNull(registry, "registry");
	}

	@Override
	public void userRecordsPut(String stream, int count) {
		counter(USER_RECORDS_PUT, stream).increment(count);
	}

	@Override
	public void kinesisRecordPut(String stream, int bytes) {
		counter(KINESIS_RECORDS_PUT, stream).increment();
		counter(KINESIS_BYTES_PUT, stream).increment(bytes);
	}

	@Override
	public void retry(String stream, String errorCode) {
		this.registry.counter(RETRIES, STREAM_TAG, stream, "error", errorCode).increment();
	}

	@Override
	public void wrongShardReput(String stream, int userRecords) {
		counter(WRONG_SHARD_REPUTS, stream).increment(userRecords);
	}

	@Override
	public void expired(String stream, int count) {
		counter(EXPIRED, stream).increment(count);
	}

	private Counter counter(String name, String stream) {
		return this.registry.counter(name, STREAM_TAG, stream);
	}

}
