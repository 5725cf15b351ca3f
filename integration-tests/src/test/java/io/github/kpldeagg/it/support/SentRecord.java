package io.github.kpldeagg.it.support;

import java.util.List;

/**
 * A user record the KPL reported as written: to which shard, in which Kinesis record.
 *
 * @param failedAttempts the error codes of the KPL's failed attempts before the one that
 * wrote it, such as {@code Wrong Shard} when an aggregate went to another shard than the
 * KPL predicted (after resharding) and the KPL put the user record again
 * @param putAtNanos {@link System#nanoTime()} when the test handed the user record to the
 * KPL
 */
public record SentRecord(ProducedRecord record, String shardId, String sequenceNumber, List<String> failedAttempts,
		long putAtNanos) {

	public SentRecord(ProducedRecord record, String shardId, String sequenceNumber) {
		this(record, shardId, sequenceNumber, List.of(), 0);
	}
}
