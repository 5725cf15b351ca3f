package io.github.kpldeagg.core;

import org.jspecify.annotations.Nullable;

/**
 * A Kinesis record that carries the KPL magic but cannot be deaggregated. None of its
 * user records has been delivered when this is raised.
 *
 * @author The kpl-deagg maintainers
 */
public final class CorruptAggregateException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** What is wrong with the aggregate. */
	private final CorruptionReason reason;

	/** The corrupt Kinesis record's sequence number. */
	private final String sequenceNumber;

	/** The corrupt Kinesis record's partition key. */
	private final String partitionKey;

	CorruptAggregateException(CorruptionReason reason, @Nullable String detail, String sequenceNumber,
			String partitionKey, @Nullable Throwable cause) {
		super("Corrupt KPL aggregate in Kinesis record " + sequenceNumber + " (partition key " + partitionKey + "): "
				+ reason + ": " + detail, cause);
		this.reason = reason;
		this.sequenceNumber = sequenceNumber;
		this.partitionKey = partitionKey;
	}

	/**
	 * Returns what is wrong with the aggregate.
	 * @return what is wrong with the aggregate
	 */
	public CorruptionReason reason() {
		return this.reason;
	}

	/**
	 * Returns the sequence number of the corrupt Kinesis record.
	 * @return the sequence number of the corrupt Kinesis record
	 */
	public String sequenceNumber() {
		return this.sequenceNumber;
	}

	/**
	 * Returns the partition key of the corrupt Kinesis record (normally the KPL's
	 * {@code "a"}).
	 * @return the partition key of the corrupt Kinesis record (normally the KPL's
	 * {@code "a"})
	 */
	public String partitionKey() {
		return this.partitionKey;
	}

}
