package io.github.kpldeagg.autoconfigure;

/**
 * Headers of each user-record message on a deaggregating Kinesis binding. The binder's
 * own {@code aws_receivedPartitionKey} carries the user record's partition key too; its
 * stream, shard and sequence-number headers stay as the binder set them.
 * <p>
 * In the binder's batch listener mode, the payload of a batch message is a list of one of
 * three kinds: with embedded headers (the binder's default), user-record messages, each
 * with these headers; without embedded headers, the user records' data, with each of
 * these headers as a list parallel to it and {@link #USER_RECORDS}; with native decoding,
 * the {@link io.github.kpldeagg.core.UserRecord}s themselves, and none of these headers.
 */
public final class KplHeaders {

	/** The user record's partition key. */
	public static final String PARTITION_KEY = "kpl_partitionKey";

	/** The user record's explicit hash key; absent when the producer gave none. */
	public static final String EXPLICIT_HASH_KEY = "kpl_explicitHashKey";

	/** The sequence number of the Kinesis record that carried the user record. */
	public static final String SEQUENCE_NUMBER = "kpl_sequenceNumber";

	/**
	 * The user record's position in its aggregate ({@code long}), 0 for a plain record.
	 */
	public static final String SUB_SEQUENCE_NUMBER = "kpl_subSequenceNumber";

	/** Whether the user record came out of a KPL aggregate ({@code boolean}). */
	public static final String AGGREGATED = "kpl_aggregated";

	/**
	 * In the binder's batch listener mode without embedded headers or native decoding,
	 * the batch's {@link UserRecordBatch}: the other headers are then lists parallel to
	 * the payload list.
	 */
	public static final String USER_RECORDS = "kpl_userRecords";

	private KplHeaders() {
	}

}
