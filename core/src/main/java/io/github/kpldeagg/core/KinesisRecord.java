package io.github.kpldeagg.core;

/**
 * A Kinesis record to put, as the {@link Aggregator} wrote it: an aggregate of several
 * user records, or one user record sent plain.
 *
 * @param partitionKey the partition key to put with: {@code "a"} for an aggregate, as the
 * KPL does
 * @param explicitHashKey the explicit hash key to put with, as the KPL chooses it: the
 * effective hash key of the (first) user record, which routes the record to that user
 * record's shard
 * @param data the record's data; not copied, do not modify
 * @param userRecordCount how many user records the data carries
 * @author The kpl-deagg maintainers
 */
public record KinesisRecord(String partitionKey, String explicitHashKey, byte[] data, int userRecordCount) {

	/**
	 * {@return whether the data is a KPL aggregate rather than one plain user record}
	 */
	public boolean aggregated() {
		return this.userRecordCount > 1;
	}
}
