package io.github.kpldeagg.it.support;

/** A user record the KPL reported as written: to which shard, in which Kinesis record. */
public record SentRecord(ProducedRecord record, String shardId, String sequenceNumber) {
}
