package io.github.kpldeagg.core;

/**
 * A Kinesis record that carries the KPL magic but cannot be deaggregated. None of its
 * user records has been delivered when this is raised.
 */
public final class CorruptAggregateException extends RuntimeException {

	private final CorruptionReason reason;

	private final String sequenceNumber;

	private final String partitionKey;

	CorruptAggregateException(CorruptionReason reason, String detail, String sequenceNumber, String partitionKey,
			Throwable cause) {
		super("Corrupt KPL aggregate in Kinesis record " + sequenceNumber + " (partition key " + partitionKey + "): "
				+ reason + ": " + detail, cause);
		this.reason = reason;
		this.sequenceNumber = sequenceNumber;
		this.partitionKey = partitionKey;
	}

	/** What is wrong with the aggregate. */
	public CorruptionReason reason() {
		return reason;
	}

	/** The sequence number of the corrupt Kinesis record. */
	public String sequenceNumber() {
		return sequenceNumber;
	}

	/**
	 * The partition key of the corrupt Kinesis record (normally the KPL's {@code "a"}).
	 */
	public String partitionKey() {
		return partitionKey;
	}

}
