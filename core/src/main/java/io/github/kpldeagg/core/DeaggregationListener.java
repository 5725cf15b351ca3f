package io.github.kpldeagg.core;

/**
 * Told what a {@link Deaggregator} found in each Kinesis record, before that record's
 * user records are delivered. For metrics and logging; implementations must be
 * thread-safe and fast.
 */
public interface DeaggregationListener {

	/** A listener that ignores everything. */
	DeaggregationListener NONE = new DeaggregationListener() {
	};

	/** A Kinesis record without the KPL format, delivered as one user record. */
	default void plainRecord(String sequenceNumber) {
	}

	/**
	 * An aggregate of {@code userRecords} user records, of which {@code filtered} lie
	 * outside the shard's hash-key range and are not delivered.
	 */
	default void aggregate(String sequenceNumber, int userRecords, int filtered) {
	}

	/** A corrupt aggregate, about to be handled by {@code policy}. */
	default void corruptAggregate(CorruptAggregateException corruption, CorruptAggregatePolicy policy) {
	}

}
