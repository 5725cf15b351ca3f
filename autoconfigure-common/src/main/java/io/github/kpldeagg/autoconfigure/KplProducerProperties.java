package io.github.kpldeagg.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.kpldeagg.producer.BackPressure;
import io.github.kpldeagg.producer.ProducerConfiguration;
import io.github.kpldeagg.producer.ProducerMetrics;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * The auto-configured {@code AggregatingProducer}: its settings, named as the KPL's in
 * kebab case, and which Kinesis producer bindings write through it.
 *
 * @author The kpl-deagg maintainers
 */
@ConfigurationProperties("kpl.producer")
public class KplProducerProperties {

	/**
	 * Whether to auto-configure the AggregatingProducer (and, if the application has
	 * none, the Kinesis client it and the binder put with). Off also leaves every
	 * producer binding to the binder's own handler.
	 */
	private boolean enabled = true;

	/**
	 * Whether every Kinesis producer binding writes through the AggregatingProducer,
	 * except those whose own enabled is false.
	 */
	private boolean allBindings;

	/**
	 * Per producer binding, by binding name (such as orders-out-0, or the destination
	 * StreamBridge sends to): whether it writes through the AggregatingProducer, and how.
	 */
	private Map<String, Binding> bindings = new LinkedHashMap<>();

	/**
	 * AggregationEnabled: pack user records into aggregates; otherwise one plain record
	 * each.
	 */
	private boolean aggregationEnabled = true;

	/** AggregationMaxCount: most user records per aggregate. */
	private long aggregationMaxCount = 4_294_967_295L;

	/** AggregationMaxSize: most bytes per aggregate; a larger user record goes plain. */
	private int aggregationMaxSize = 51_200;

	/** CollectionMaxCount: most Kinesis records per PutRecords request, at most 500. */
	private int collectionMaxCount = 500;

	/** CollectionMaxSize: most bytes (data and partition keys) per PutRecords request. */
	private int collectionMaxSize = 5 * 1024 * 1024;

	/**
	 * Most bytes (data and partition key) of one Kinesis record; beyond 1 MiB (up to 10
	 * MiB) only for a stream whose maximum record size was raised.
	 */
	private int maxRecordSize = 1024 * 1024;

	/**
	 * RecordMaxBufferedTime: longest a user record waits for aggregation and collection;
	 * a number is milliseconds, as the KPL's.
	 */
	@DurationUnit(ChronoUnit.MILLIS)
	private Duration recordMaxBufferedTime = Duration.ofMillis(100);

	/**
	 * RecordTtl: a user record not put by then fails (RecordExpiredException); every
	 * other failure is retried until then. A number is milliseconds.
	 */
	@DurationUnit(ChronoUnit.MILLIS)
	private Duration recordTtl = Duration.ofSeconds(30);

	/** RateLimit: per-shard limit in percent of 1 MiB/s and 1,000 records/s. */
	private int rateLimit = 150;

	/** MaxConnections: most PutRecords requests in flight. */
	private int maxConnections = 24;

	/** RequestTimeout: time limit of one PutRecords request. A number is milliseconds. */
	@DurationUnit(ChronoUnit.MILLIS)
	private Duration requestTimeout = Duration.ofSeconds(6);

	/** Bound on user records added and not completed. */
	private int maxOutstandingUserRecords = 100_000;

	/**
	 * Beyond that bound: block the caller until one completes, or fail the new user
	 * record at once (OutstandingLimitException).
	 */
	private BackPressure backPressure = BackPressure.BLOCK;

	/**
	 * Returns whether the producer is auto-configured; {@code true} by default.
	 * @return whether the producer is auto-configured; {@code true} by default
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Switches the auto-configured producer, and with it every producer binding's use of
	 * it, on or off.
	 * @param enabled {@code false} to switch it off
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Returns whether every Kinesis producer binding writes through the producer unless
	 * its own setting says otherwise; {@code false} by default.
	 * @return whether every Kinesis producer binding writes through the producer unless
	 * its own setting says otherwise; {@code false} by default
	 */
	public boolean isAllBindings() {
		return this.allBindings;
	}

	/**
	 * Sets whether every Kinesis producer binding writes through the producer.
	 * @param allBindings {@code true} for all but those switched off one by one
	 */
	public void setAllBindings(boolean allBindings) {
		this.allBindings = allBindings;
	}

	/**
	 * Returns the settings of producer bindings, by binding name.
	 * @return the settings of producer bindings, by binding name
	 */
	public Map<String, Binding> getBindings() {
		return this.bindings;
	}

	/**
	 * Sets the settings of producer bindings.
	 * @param bindings by binding name
	 */
	public void setBindings(Map<String, Binding> bindings) {
		this.bindings = bindings;
	}

	/**
	 * Returns {@code AggregationEnabled}.
	 * @return {@code AggregationEnabled}
	 */
	public boolean isAggregationEnabled() {
		return this.aggregationEnabled;
	}

	/**
	 * Sets {@code AggregationEnabled}.
	 * @param aggregationEnabled whether to aggregate
	 */
	public void setAggregationEnabled(boolean aggregationEnabled) {
		this.aggregationEnabled = aggregationEnabled;
	}

	/**
	 * Returns {@code AggregationMaxCount}.
	 * @return {@code AggregationMaxCount}
	 */
	public long getAggregationMaxCount() {
		return this.aggregationMaxCount;
	}

	/**
	 * Sets {@code AggregationMaxCount}.
	 * @param aggregationMaxCount at least 1
	 */
	public void setAggregationMaxCount(long aggregationMaxCount) {
		this.aggregationMaxCount = aggregationMaxCount;
	}

	/**
	 * Returns {@code AggregationMaxSize}.
	 * @return {@code AggregationMaxSize}
	 */
	public int getAggregationMaxSize() {
		return this.aggregationMaxSize;
	}

	/**
	 * Sets {@code AggregationMaxSize}.
	 * @param aggregationMaxSize bytes
	 */
	public void setAggregationMaxSize(int aggregationMaxSize) {
		this.aggregationMaxSize = aggregationMaxSize;
	}

	/**
	 * Returns {@code CollectionMaxCount}.
	 * @return {@code CollectionMaxCount}
	 */
	public int getCollectionMaxCount() {
		return this.collectionMaxCount;
	}

	/**
	 * Sets {@code CollectionMaxCount}.
	 * @param collectionMaxCount 1 to 500
	 */
	public void setCollectionMaxCount(int collectionMaxCount) {
		this.collectionMaxCount = collectionMaxCount;
	}

	/**
	 * Returns {@code CollectionMaxSize}.
	 * @return {@code CollectionMaxSize}
	 */
	public int getCollectionMaxSize() {
		return this.collectionMaxSize;
	}

	/**
	 * Sets {@code CollectionMaxSize}.
	 * @param collectionMaxSize bytes
	 */
	public void setCollectionMaxSize(int collectionMaxSize) {
		this.collectionMaxSize = collectionMaxSize;
	}

	/**
	 * Returns the most bytes of one Kinesis record.
	 * @return the most bytes of one Kinesis record
	 */
	public int getMaxRecordSize() {
		return this.maxRecordSize;
	}

	/**
	 * Sets the most bytes of one Kinesis record.
	 * @param maxRecordSize 1 KiB to 10 MiB
	 */
	public void setMaxRecordSize(int maxRecordSize) {
		this.maxRecordSize = maxRecordSize;
	}

	/**
	 * Returns {@code RecordMaxBufferedTime}.
	 * @return {@code RecordMaxBufferedTime}
	 */
	public Duration getRecordMaxBufferedTime() {
		return this.recordMaxBufferedTime;
	}

	/**
	 * Sets {@code RecordMaxBufferedTime}.
	 * @param recordMaxBufferedTime at least 1 ms
	 */
	public void setRecordMaxBufferedTime(Duration recordMaxBufferedTime) {
		this.recordMaxBufferedTime = recordMaxBufferedTime;
	}

	/**
	 * Returns {@code RecordTtl}.
	 * @return {@code RecordTtl}
	 */
	public Duration getRecordTtl() {
		return this.recordTtl;
	}

	/**
	 * Sets {@code RecordTtl}.
	 * @param recordTtl at least 1 ms
	 */
	public void setRecordTtl(Duration recordTtl) {
		this.recordTtl = recordTtl;
	}

	/**
	 * Returns {@code RateLimit}.
	 * @return {@code RateLimit}
	 */
	public int getRateLimit() {
		return this.rateLimit;
	}

	/**
	 * Sets {@code RateLimit}.
	 * @param rateLimit percent of a shard's limits
	 */
	public void setRateLimit(int rateLimit) {
		this.rateLimit = rateLimit;
	}

	/**
	 * Returns {@code MaxConnections}.
	 * @return {@code MaxConnections}
	 */
	public int getMaxConnections() {
		return this.maxConnections;
	}

	/**
	 * Sets {@code MaxConnections}.
	 * @param maxConnections requests in flight
	 */
	public void setMaxConnections(int maxConnections) {
		this.maxConnections = maxConnections;
	}

	/**
	 * Returns {@code RequestTimeout}.
	 * @return {@code RequestTimeout}
	 */
	public Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	/**
	 * Sets {@code RequestTimeout}.
	 * @param requestTimeout at least 1 ms
	 */
	public void setRequestTimeout(Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
	}

	/**
	 * Returns the bound on outstanding user records.
	 * @return the bound on outstanding user records
	 */
	public int getMaxOutstandingUserRecords() {
		return this.maxOutstandingUserRecords;
	}

	/**
	 * Sets the bound on outstanding user records.
	 * @param maxOutstandingUserRecords at least 1
	 */
	public void setMaxOutstandingUserRecords(int maxOutstandingUserRecords) {
		this.maxOutstandingUserRecords = maxOutstandingUserRecords;
	}

	/**
	 * Returns what adding beyond the bound does.
	 * @return what adding beyond the bound does
	 */
	public BackPressure getBackPressure() {
		return this.backPressure;
	}

	/**
	 * Sets what adding beyond the bound does.
	 * @param backPressure block or fail
	 */
	public void setBackPressure(BackPressure backPressure) {
		this.backPressure = backPressure;
	}

	/**
	 * The producer's configuration from these settings.
	 * @param metrics where the producer counts
	 * @return the configuration
	 * @throws IllegalArgumentException naming the first setting out of its range
	 */
	public ProducerConfiguration configuration(ProducerMetrics metrics) {
		return ProducerConfiguration.builder()
			.aggregationEnabled(this.aggregationEnabled)
			.aggregationMaxCount(this.aggregationMaxCount)
			.aggregationMaxSize(this.aggregationMaxSize)
			.collectionMaxCount(this.collectionMaxCount)
			.collectionMaxSize(this.collectionMaxSize)
			.maxRecordSize(this.maxRecordSize)
			.recordMaxBufferedTime(this.recordMaxBufferedTime)
			.recordTtl(this.recordTtl)
			.rateLimit(this.rateLimit)
			.maxConnections(this.maxConnections)
			.requestTimeout(this.requestTimeout)
			.maxOutstandingUserRecords(this.maxOutstandingUserRecords)
			.backPressure(this.backPressure)
			.metrics(metrics)
			.build();
	}

	/** Whether and how one producer binding writes through the producer. */
	public static class Binding {

		/**
		 * Whether the binding writes through the AggregatingProducer instead of putting
		 * each message as a Kinesis record of its own. Unset: all-bindings decides.
		 */
		private @Nullable Boolean enabled;

		/**
		 * SpEL expression on the message giving its explicit hash key (a decimal in [0,
		 * 2^128)), to route by instead of the partition key's MD5. Unset: none.
		 */
		private @Nullable String explicitHashKeyExpression;

		/**
		 * Returns whether the binding writes through the producer; null when all-bindings
		 * decides.
		 * @return whether the binding writes through the producer; null when all-bindings
		 * decides
		 */
		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		/**
		 * Sets whether the binding writes through the producer.
		 * @param enabled {@code true} to write through it
		 */
		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		/**
		 * Returns the explicit hash key's expression, or null.
		 * @return the explicit hash key's expression, or null
		 */
		public @Nullable String getExplicitHashKeyExpression() {
			return this.explicitHashKeyExpression;
		}

		/**
		 * Sets the explicit hash key's expression.
		 * @param explicitHashKeyExpression a SpEL expression on the message
		 */
		public void setExplicitHashKeyExpression(@Nullable String explicitHashKeyExpression) {
			this.explicitHashKeyExpression = explicitHashKeyExpression;
		}

	}

}
