package io.github.kpldeagg.producer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.github.kpldeagg.core.Aggregator;
import io.github.kpldeagg.core.KinesisRecord;

/**
 * What waits for one open shard: the user records in its aggregate, then the Kinesis
 * records ready to put, oldest first, and the shard's rate limit.
 *
 * @author The kpl-deagg maintainers
 */
final class ShardBuffer {

	final String shardId;

	final Deque<PutEntry> ready = new ArrayDeque<>();

	final ShardRateLimit rateLimit;

	/**
	 * Set when an aggregate predicted for this shard landed elsewhere: the shard is
	 * likely closed, so nothing more is sent from here until the next listing says.
	 */
	boolean suspended;

	private final Aggregator aggregator;

	private final boolean aggregationEnabled;

	private final long maxBufferedNanos;

	/** The user records in the aggregator, in the order they went in. */
	private final Deque<OutstandingUserRecord> aggregating = new ArrayDeque<>();

	private long oldestAggregatingArrivalNanos;

	ShardBuffer(String shardId, ProducerConfiguration configuration, long nowNanos) {
		this.shardId = shardId;
		this.rateLimit = new ShardRateLimit(configuration.rateLimit(), nowNanos);
		this.aggregationEnabled = configuration.aggregationEnabled();
		// An aggregate's partition key "a" counts against the record size too.
		this.aggregator = Aggregator.create(
				Math.min(configuration.aggregationMaxSize(), configuration.maxRecordSize() - 1),
				this.aggregationEnabled ? (int) Math.min(Integer.MAX_VALUE, configuration.aggregationMaxCount()) : 1);
		this.maxBufferedNanos = configuration.recordMaxBufferedTime().toNanos();
	}

	void add(OutstandingUserRecord userRecord) {
		if (this.aggregating.isEmpty() || userRecord.arrivalNanos - this.oldestAggregatingArrivalNanos < 0) {
			this.oldestAggregatingArrivalNanos = userRecord.arrivalNanos;
		}
		this.aggregating.add(userRecord);
		for (KinesisRecord completed : this.aggregator.add(userRecord.partitionKey, userRecord.explicitHashKey,
				userRecord.data)) {
			this.ready.add(entry(completed));
		}
		if (!this.aggregationEnabled) {
			flushAggregate(false);
		}
	}

	/**
	 * Whether the oldest user record in the aggregate has waited RecordMaxBufferedTime.
	 * @param nowNanos the now nanos
	 * @return whether the oldest user record in the aggregate has waited
	 * RecordMaxBufferedTime
	 */
	boolean aggregateDue(long nowNanos) {
		return !this.aggregating.isEmpty()
				&& nowNanos - (this.oldestAggregatingArrivalNanos + this.maxBufferedNanos) >= 0;
	}

	void flushAggregate(boolean sendNow) {
		this.aggregator.flush().ifPresent((record) -> {
			PutEntry entry = entry(record);
			entry.sendNow = sendNow;
			this.ready.add(entry);
		});
	}

	/**
	 * Empties the buffer; returns its user records, oldest Kinesis record first.
	 * @return the buffer's user records, oldest Kinesis record first
	 */
	List<OutstandingUserRecord> dissolve() {
		List<OutstandingUserRecord> userRecords = new ArrayList<>();
		for (PutEntry entry : this.ready) {
			userRecords.addAll(entry.userRecords);
		}
		this.ready.clear();
		this.aggregator.flush();
		userRecords.addAll(this.aggregating);
		this.aggregating.clear();
		return userRecords;
	}

	boolean isEmpty() {
		return this.ready.isEmpty() && this.aggregating.isEmpty();
	}

	/**
	 * The aggregator hands out records in the order their user records went in.
	 * @param record the record
	 * @return the aggregator hands out records in the order their user records went in
	 */
	private PutEntry entry(KinesisRecord record) {
		List<OutstandingUserRecord> carried = new ArrayList<>(record.userRecordCount());
		for (int i = 0; i < record.userRecordCount(); i++) {
			carried.add(this.aggregating.remove());
		}
		if (!this.aggregating.isEmpty()) {
			this.oldestAggregatingArrivalNanos = this.aggregating.getFirst().arrivalNanos;
			for (OutstandingUserRecord userRecord : this.aggregating) {
				if (userRecord.arrivalNanos - this.oldestAggregatingArrivalNanos < 0) {
					this.oldestAggregatingArrivalNanos = userRecord.arrivalNanos;
				}
			}
		}
		return new PutEntry(record, this.shardId, carried, this.maxBufferedNanos);
	}

}
