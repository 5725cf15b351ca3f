package io.github.kpldeagg.producer;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.kpldeagg.core.KinesisRecord;

/**
 * A Kinesis record waiting for, or in, a PutRecords request, with the shard it is
 * predicted to land on and the user records it carries, in sub-sequence order.
 *
 * @author The kpl-deagg maintainers
 */
final class PutEntry {

	final KinesisRecord record;

	final String predictedShardId;

	final List<OutstandingUserRecord> userRecords;

	/** Data and partition key: what Kinesis counts against its size limits. */
	final int size;

	/** When {@code RecordMaxBufferedTime} of its oldest user record is up. */
	final long dueNanos;

	long notBeforeNanos;

	int failures;

	boolean sendNow;

	PutEntry(KinesisRecord record, String predictedShardId, List<OutstandingUserRecord> userRecords,
			long maxBufferedNanos) {
		this.record = record;
		this.predictedShardId = predictedShardId;
		this.userRecords = userRecords;
		this.size = record.data().length
				+ (record.aggregated() ? 1 : record.partitionKey().getBytes(StandardCharsets.UTF_8).length);
		long oldest = userRecords.get(0).arrivalNanos;
		for (OutstandingUserRecord userRecord : userRecords) {
			oldest = Math.min(oldest, userRecord.arrivalNanos);
		}
		this.dueNanos = oldest + maxBufferedNanos;
	}

	boolean anyExpired(long nowNanos) {
		for (OutstandingUserRecord userRecord : this.userRecords) {
			if (userRecord.expired(nowNanos)) {
				return true;
			}
		}
		return false;
	}

}
