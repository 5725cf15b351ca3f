package io.github.kpldeagg.producer;

import java.util.List;

/**
 * Where a user record was put, as the KPL's {@code UserRecordResult} tells: the shard,
 * the sequence number of the Kinesis record that carries it and its sub-sequence number
 * in that record (0 for a plain record). Stream, shard, sequence and sub-sequence number
 * are the identity a consumer sees it under.
 *
 * @param shardId the shard the Kinesis record was put on
 * @param sequenceNumber the Kinesis record's sequence number
 * @param subSequenceNumber the user record's index in the aggregate; 0 for a plain record
 * @param aggregated whether the Kinesis record is an aggregate
 * @param attempts every attempt, the successful last one included, in order; unmodifiable
 * @author The kpl-deagg maintainers
 */
public record UserRecordResult(String shardId, String sequenceNumber, long subSequenceNumber, boolean aggregated,
		List<Attempt> attempts) {

	/**
	 * Copies the attempts.
	 * @param shardId the shard the Kinesis record was put on
	 * @param sequenceNumber the Kinesis record's sequence number
	 * @param subSequenceNumber the user record's index in the aggregate
	 * @param aggregated whether the Kinesis record is an aggregate
	 * @param attempts every attempt, in order
	 */
	public UserRecordResult {
		attempts = List.copyOf(attempts);
	}

}
