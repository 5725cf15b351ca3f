package io.github.kpldeagg.producer;

import java.time.Duration;
import java.util.Objects;

import io.github.kpldeagg.core.Aggregator;

/**
 * The settings of an {@link AggregatingProducer}, named and defaulted as the KPL's
 * {@code KinesisProducerConfiguration} where it has them. Immutable; made by
 * {@link #builder()}.
 *
 * @author The kpl-deagg maintainers
 */
public final class ProducerConfiguration {

	/** Kinesis's limit on one PutRecords request's entries. */
	public static final int MAX_COLLECTION_COUNT = 500;

	/** 1 MiB: Kinesis's default limit on one record, data and partition key. */
	public static final int DEFAULT_MAX_RECORD_SIZE = 1024 * 1024;

	/** 5 MiB: Kinesis's limit on one PutRecords request of records up to 1 MiB. */
	public static final int DEFAULT_COLLECTION_MAX_SIZE = 5 * 1024 * 1024;

	private final boolean aggregationEnabled;

	private final long aggregationMaxCount;

	private final int aggregationMaxSize;

	private final int collectionMaxCount;

	private final int collectionMaxSize;

	private final int maxRecordSize;

	private final Duration recordMaxBufferedTime;

	private final Duration recordTtl;

	private final int rateLimit;

	private final int maxConnections;

	private final Duration requestTimeout;

	private final int maxOutstandingUserRecords;

	private final BackPressure backPressure;

	private final ProducerMetrics metrics;

	private ProducerConfiguration(Builder builder) {
		this.aggregationEnabled = builder.aggregationEnabled;
		this.aggregationMaxCount = builder.aggregationMaxCount;
		this.aggregationMaxSize = builder.aggregationMaxSize;
		this.collectionMaxCount = builder.collectionMaxCount;
		this.collectionMaxSize = builder.collectionMaxSize;
		this.maxRecordSize = builder.maxRecordSize;
		this.recordMaxBufferedTime = builder.recordMaxBufferedTime;
		this.recordTtl = builder.recordTtl;
		this.rateLimit = builder.rateLimit;
		this.maxConnections = builder.maxConnections;
		this.requestTimeout = builder.requestTimeout;
		this.maxOutstandingUserRecords = builder.maxOutstandingUserRecords;
		this.backPressure = builder.backPressure;
		this.metrics = builder.metrics;
	}

	/**
	 * Returns the defaults.
	 * @return the defaults
	 */
	public static ProducerConfiguration defaults() {
		return builder().build();
	}

	/**
	 * Returns a builder, with the defaults set.
	 * @return a builder, with the defaults set
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns whether user records are packed into aggregates.
	 * {@code AggregationEnabled}, true by default; if false, each user record is a plain
	 * Kinesis record.
	 * @return whether user records are packed into aggregates
	 */
	public boolean aggregationEnabled() {
		return this.aggregationEnabled;
	}

	/**
	 * Returns the most user records in an aggregate. {@code AggregationMaxCount},
	 * 4294967295 by default (no limit).
	 * @return the most user records in an aggregate
	 */
	public long aggregationMaxCount() {
		return this.aggregationMaxCount;
	}

	/**
	 * Returns the most bytes of an aggregate's data. {@code AggregationMaxSize}, 51,200
	 * by default. A user record too large to share an aggregate goes plain.
	 * @return the most bytes of an aggregate's data
	 */
	public int aggregationMaxSize() {
		return this.aggregationMaxSize;
	}

	/**
	 * Returns the most Kinesis records in one PutRecords request.
	 * {@code CollectionMaxCount}, 500 by default, at most 500.
	 * @return the most Kinesis records in one PutRecords request
	 */
	public int collectionMaxCount() {
		return this.collectionMaxCount;
	}

	/**
	 * Returns the most bytes (data and partition keys) in one PutRecords request.
	 * {@code CollectionMaxSize}, 5 MiB by default. A Kinesis record larger than this goes
	 * alone.
	 * @return the most bytes (data and partition keys) in one PutRecords request
	 */
	public int collectionMaxSize() {
		return this.collectionMaxSize;
	}

	/**
	 * Returns the most bytes (data and partition key) of one Kinesis record. 1 MiB by
	 * default, Kinesis's default; up to 10 MiB for a stream whose maximum record size was
	 * raised. A user record larger than this is refused.
	 * @return the most bytes (data and partition key) of one Kinesis record
	 */
	public int maxRecordSize() {
		return this.maxRecordSize;
	}

	/**
	 * Returns the longest a user record waits to be aggregated and collected before it is
	 * sent. {@code RecordMaxBufferedTime}, 100 ms by default.
	 * @return the longest a user record waits to be aggregated and collected before it is
	 * sent
	 */
	public Duration recordMaxBufferedTime() {
		return this.recordMaxBufferedTime;
	}

	/**
	 * Returns how long after its arrival a user record that is not yet put fails with
	 * {@link RecordExpiredException}. {@code RecordTtl}, 30 s by default.
	 * @return how long after its arrival a user record that is not yet put fails with
	 * {@link RecordExpiredException}
	 */
	public Duration recordTtl() {
		return this.recordTtl;
	}

	/**
	 * Returns the per-shard rate limit, in percent of a shard's 1 MiB/s and 1,000
	 * records/s. {@code RateLimit}, 150 by default, as the KPL: what goes beyond a
	 * shard's share is throttled by Kinesis and retried.
	 * @return the per-shard rate limit, in percent of a shard's 1 MiB/s and 1,000
	 * records/s
	 */
	public int rateLimit() {
		return this.rateLimit;
	}

	/**
	 * Returns the most PutRecords requests in flight at once. {@code MaxConnections}, 24
	 * by default. The client's HTTP connection pool should allow as many.
	 * @return the most PutRecords requests in flight at once
	 */
	public int maxConnections() {
		return this.maxConnections;
	}

	/**
	 * Returns the time limit of one PutRecords request. {@code RequestTimeout}, 6 s by
	 * default; a request that takes longer is retried.
	 * @return the time limit of one PutRecords request
	 */
	public Duration requestTimeout() {
		return this.requestTimeout;
	}

	/**
	 * Returns the most user records added and not yet completed. 100,000 by default;
	 * {@link #backPressure()} says what happens beyond.
	 * @return the most user records added and not yet completed
	 */
	public int maxOutstandingUserRecords() {
		return this.maxOutstandingUserRecords;
	}

	/**
	 * Returns what adding a user record beyond {@link #maxOutstandingUserRecords()} does.
	 * {@link BackPressure#BLOCK} by default.
	 * @return what adding a user record beyond {@link #maxOutstandingUserRecords()} does
	 */
	public BackPressure backPressure() {
		return this.backPressure;
	}

	/**
	 * Returns what is told the producer's counts. {@link ProducerMetrics#NONE} by
	 * default.
	 * @return what is told the producer's counts
	 */
	public ProducerMetrics metrics() {
		return this.metrics;
	}

	/** Builds a {@link ProducerConfiguration}; starts with the defaults. */
	public static final class Builder {

		private boolean aggregationEnabled = true;

		private long aggregationMaxCount = 4_294_967_295L;

		private int aggregationMaxSize = Aggregator.DEFAULT_MAX_AGGREGATE_BYTES;

		private int collectionMaxCount = MAX_COLLECTION_COUNT;

		private int collectionMaxSize = DEFAULT_COLLECTION_MAX_SIZE;

		private int maxRecordSize = DEFAULT_MAX_RECORD_SIZE;

		private Duration recordMaxBufferedTime = Duration.ofMillis(100);

		private Duration recordTtl = Duration.ofSeconds(30);

		private int rateLimit = 150;

		private int maxConnections = 24;

		private Duration requestTimeout = Duration.ofSeconds(6);

		private int maxOutstandingUserRecords = 100_000;

		private BackPressure backPressure = BackPressure.BLOCK;

		private ProducerMetrics metrics = ProducerMetrics.NONE;

		private Builder() {
		}

		/**
		 * Sets {@link ProducerConfiguration#aggregationEnabled()}.
		 * @param enabled whether to aggregate
		 * @return this builder
		 */
		public Builder aggregationEnabled(boolean enabled) {
			this.aggregationEnabled = enabled;
			return this;
		}

		/**
		 * Sets {@link ProducerConfiguration#aggregationMaxCount()}.
		 * @param count at least 1
		 * @return this builder
		 */
		public Builder aggregationMaxCount(long count) {
			this.aggregationMaxCount = atLeast(1, count, "aggregationMaxCount");
			return this;
		}

		/**
		 * Sets {@link ProducerConfiguration#aggregationMaxSize()}.
		 * @param bytes more than the aggregate's 20 bytes of framing, at most 10 MiB;
		 * capped by {@link #maxRecordSize(int)}
		 * @return this builder
		 */
		public Builder aggregationMaxSize(int bytes) {
			this.aggregationMaxSize = (int) within(64, Aggregator.MAX_RECORD_BYTES, bytes, "aggregationMaxSize");
			return this;
		}

		/**
		 * Sets {@link ProducerConfiguration#collectionMaxCount()}.
		 * @param count 1 to 500
		 * @return this builder
		 */
		public Builder collectionMaxCount(int count) {
			this.collectionMaxCount = (int) within(1, MAX_COLLECTION_COUNT, count, "collectionMaxCount");
			return this;
		}

		/**
		 * Sets {@link ProducerConfiguration#collectionMaxSize()}.
		 * @param bytes at least 1, at most 10 MiB (only streams with 10 MiB records take
		 * requests beyond 5 MiB)
		 * @return this builder
		 */
		public Builder collectionMaxSize(int bytes) {
			this.collectionMaxSize = (int) within(1, Aggregator.MAX_RECORD_BYTES, bytes, "collectionMaxSize");
			return this;
		}

		/**
		 * Sets {@link ProducerConfiguration#maxRecordSize()}.
		 * @param bytes at least 1 KiB, at most 10 MiB: raise it beyond 1 MiB only for a
		 * stream whose maximum record size was raised
		 * @return this builder
		 */
		public Builder maxRecordSize(int bytes) {
			this.maxRecordSize = (int) within(1024, Aggregator.MAX_RECORD_BYTES, bytes, "maxRecordSize");
			return this;
		}

		/**
		 * Sets {@link ProducerConfiguration#recordMaxBufferedTime()}.
		 * @param time at least 1 ms
		 * @return this builder
		 */
		public Builder recordMaxBufferedTime(Duration time) {
			this.recordMaxBufferedTime = atLeastOneMillisecond(time, "recordMaxBufferedTime");
			return this;
		}

		/**
		 * Sets {@link ProducerConfiguration#recordTtl()}.
		 * @param ttl at least 1 ms
		 * @return this builder
		 */
		public Builder recordTtl(Duration ttl) {
			this.recordTtl = atLeastOneMillisecond(ttl, "recordTtl");
			return this;
		}

		/**
		 * Sets {@link ProducerConfiguration#rateLimit()}.
		 * @param percent 1 to 10,000 percent of a shard's limits
		 * @return this builder
		 */
		public Builder rateLimit(int percent) {
			this.rateLimit = (int) within(1, 10_000, percent, "rateLimit");
			return this;
		}

		/**
		 * Sets {@link ProducerConfiguration#maxConnections()}.
		 * @param requests 1 to 256 requests in flight
		 * @return this builder
		 */
		public Builder maxConnections(int requests) {
			this.maxConnections = (int) within(1, 256, requests, "maxConnections");
			return this;
		}

		/**
		 * Sets {@link ProducerConfiguration#requestTimeout()}.
		 * @param timeout at least 1 ms
		 * @return this builder
		 */
		public Builder requestTimeout(Duration timeout) {
			this.requestTimeout = atLeastOneMillisecond(timeout, "requestTimeout");
			return this;
		}

		/**
		 * Sets {@link ProducerConfiguration#maxOutstandingUserRecords()}.
		 * @param count at least 1
		 * @return this builder
		 */
		public Builder maxOutstandingUserRecords(int count) {
			this.maxOutstandingUserRecords = (int) atLeast(1, count, "maxOutstandingUserRecords");
			return this;
		}

		/**
		 * Sets {@link ProducerConfiguration#backPressure()}.
		 * @param backPressure block or fail
		 * @return this builder
		 */
		public Builder backPressure(BackPressure backPressure) {
			this.backPressure = Objects.requireNonNull(backPressure, "backPressure");
			return this;
		}

		/**
		 * Sets {@link ProducerConfiguration#metrics()}.
		 * @param metrics such as a {@link MicrometerProducerMetrics}
		 * @return this builder
		 */
		public Builder metrics(ProducerMetrics metrics) {
			this.metrics = Objects.requireNonNull(metrics, "metrics");
			return this;
		}

		/**
		 * Returns the configuration. The builder may be used again.
		 * @return the configuration
		 */
		public ProducerConfiguration build() {
			return new ProducerConfiguration(this);
		}

		private static long atLeast(long min, long value, String name) {
			return within(min, Long.MAX_VALUE, value, name);
		}

		private static long within(long min, long max, long value, String name) {
			if (value < min || value > max) {
				throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + value);
			}
			return value;
		}

		private static Duration atLeastOneMillisecond(Duration time, String name) {
			if (time.toMillis() < 1) {
				throw new IllegalArgumentException(name + " must be at least 1 ms, was " + time);
			}
			return time;
		}

	}

}
