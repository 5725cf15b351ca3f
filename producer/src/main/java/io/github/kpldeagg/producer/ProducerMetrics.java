package io.github.kpldeagg.producer;

/**
 * Told what an {@link AggregatingProducer} did, per stream. Called on the producer's and
 * the SDK's threads, under the producer's lock: keep it quick and thread-safe.
 * {@link MicrometerProducerMetrics} counts it all in a Micrometer {@code MeterRegistry}.
 *
 * @author The kpl-deagg maintainers
 */
public interface ProducerMetrics {

	/** Counts nothing. */
	ProducerMetrics NONE = new ProducerMetrics() {
	};

	/**
	 * User records were put (their futures succeed).
	 * @param stream the stream
	 * @param count how many
	 */
	default void userRecordsPut(String stream, int count) {
	}

	/**
	 * A Kinesis record, an aggregate or a plain user record, was put.
	 * @param stream the stream
	 * @param bytes its data and partition key, as Kinesis counts its size
	 */
	default void kinesisRecordPut(String stream, int bytes) {
	}

	/**
	 * A Kinesis record failed, alone or with its whole PutRecords request, and will be
	 * retried.
	 * @param stream the stream
	 * @param errorCode the entry's error code or the exception's class name
	 */
	default void retry(String stream, String errorCode) {
	}

	/**
	 * An aggregate landed on a shard whose hash-key range does not hold all its user
	 * records; they are put again.
	 * @param stream the stream
	 * @param userRecords how many user records are put again
	 */
	default void wrongShardReput(String stream, int userRecords) {
	}

	/**
	 * User records expired ({@code RecordTtl}); their futures fail with
	 * {@link RecordExpiredException}.
	 * @param stream the stream
	 * @param count how many
	 */
	default void expired(String stream, int count) {
	}

}
