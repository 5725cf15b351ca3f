package io.github.kpldeagg.it.support;

/**
 * A Kinesis record the KPL wrote, as its results tell: shard, sequence number, how many
 * user records.
 */
public record SentKinesisRecord(String shardId, String sequenceNumber, int userRecords) {

	public boolean aggregated() {
		return this.userRecords > 1;
	}
}
