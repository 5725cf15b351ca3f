package io.github.kpldeagg.core;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A validated aggregate: where its delivered user records and its key-table entries lie
 * in the source bytes, one int each (two per user record once a hash-key range has
 * dropped one), and the strings of small key tables. Every {@code Record} submessage
 * takes at least 6 bytes and every key-table entry at least 2, so this never holds more
 * than twice the aggregate's size and a few kilobytes. A user record is read again from
 * its bytes, which the reader has validated, each time it is created.
 *
 * @author The kpl-deagg maintainers
 */
final class Aggregate {

	private final byte[] source;

	/**
	 * Offset of each delivered user record's {@code Record} length prefix, in order; the
	 * first {@link #size} are used.
	 */
	private final int[] records;

	private final int size;

	/**
	 * Each delivered user record's position among all the aggregate's; null when none was
	 * dropped, each then being its index here.
	 */
	private final int @Nullable [] subSequenceNumbers;

	private final KeyTable partitionKeys;

	private final KeyTable explicitHashKeys;

	Aggregate(byte[] source, int[] records, int size, int @Nullable [] subSequenceNumbers, KeyTable partitionKeys,
			KeyTable explicitHashKeys) {
		this.source = source;
		this.records = records;
		this.size = size;
		this.subSequenceNumbers = subSequenceNumbers;
		this.partitionKeys = partitionKeys;
		this.explicitHashKeys = explicitHashKeys;
	}

	/**
	 * How many user records are delivered.
	 * @return how many user records are delivered
	 */
	int size() {
		return this.size;
	}

	/**
	 * How many user records the aggregate holds, delivered or dropped by the range.
	 * @return how many user records the aggregate holds, delivered or dropped by the
	 * range
	 */
	int userRecordCount() {
		return this.records.length;
	}

	UserRecord userRecord(int index, String sequenceNumber, @Nullable Instant approximateArrivalTimestamp) {
		RecordFields fields = new RecordFields(this.source).read(this.records[index]);
		String partitionKey = this.partitionKeys.string((int) fields.partitionKeyIndex);
		String explicitHashKey = fields.hasExplicitHashKeyIndex
				? this.explicitHashKeys.string((int) fields.explicitHashKeyIndex) : null;
		long subSequenceNumber = (this.subSequenceNumbers != null) ? this.subSequenceNumbers[index] : index;
		return new UserRecord(this.source, fields.dataOffset, fields.dataLength, partitionKey, explicitHashKey,
				sequenceNumber, subSequenceNumber, true, approximateArrivalTimestamp);
	}

}
