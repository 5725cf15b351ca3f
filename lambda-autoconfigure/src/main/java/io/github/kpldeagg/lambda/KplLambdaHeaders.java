package io.github.kpldeagg.lambda;

/**
 * Headers of each user-record message a function of {@code Message<UserRecord>} (or of
 * {@code Message<byte[]>}, {@code Message<String>}, {@code Message<MyPojo>}) receives
 * from a Lambda Kinesis event. The first five are the ones the Kinesis binder's starter
 * sets; stream ARN and shard complete the identity of a user record, by which repeats
 * after a retry can be dropped.
 */
public final class KplLambdaHeaders {

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

	/** The ARN of the stream, the event record's {@code eventSourceARN}. */
	public static final String EVENT_SOURCE_ARN = "kpl_eventSourceArn";

	/** The shard, the part of the event record's {@code eventID} before the colon. */
	public static final String SHARD_ID = "kpl_shardId";

	private KplLambdaHeaders() {
	}

}
