package io.github.kpldeagg.core;

/**
 * Told what a {@link Deaggregator} found in each Kinesis record, before that record's
 * user records are delivered. For metrics and logging; implementations must be
 * thread-safe and fast.
 *
 * @author The kpl-deagg maintainers
 */
public interface DeaggregationListener {

	/** A listener that ignores everything. */
	DeaggregationListener NONE = new DeaggregationListener() {
	};

	/**
	 * A Kinesis record without the KPL format, delivered as one user record.
	 * @param sequenceNumber the Kinesis record's sequence number
	 */
	default void plainRecord(String sequenceNumber) {
	}

	/**
	 * An aggregate of {@code userRecords} user records, of which {@code filtered} lie
	 * outside the shard's hash-key range and are not delivered.
	 * @param sequenceNumber the Kinesis record's sequence number
	 * @param userRecords how many user records the aggregate holds
	 * @param filtered how many of them the hash-key range drops; 0 without a range
	 */
	default void aggregate(String sequenceNumber, int userRecords, int filtered) {
	}

	/**
	 * A corrupt aggregate, about to be handled by {@code policy}.
	 * @param corruption what is wrong, and where; thrown as it is under
	 * {@link CorruptAggregatePolicy#FAIL FAIL}
	 * @param policy the deaggregator's policy
	 */
	default void corruptAggregate(CorruptAggregateException corruption, CorruptAggregatePolicy policy) {
	}

}
