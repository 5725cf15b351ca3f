package io.github.kpldeagg.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A validated aggregate: its key tables and where each user record's fields lie in the
 * source bytes. User records are created from it one at a time, on demand.
 */
final class Aggregate {

	static final int NO_EXPLICIT_HASH_KEY = -1;

	/**
	 * Per user record: data offset, data length, partition key index, explicit hash key
	 * index.
	 */
	private static final int STRIDE = 4;

	private final byte[] source;

	final List<String> partitionKeys = new ArrayList<>();

	final List<String> explicitHashKeys = new ArrayList<>();

	private int[] fields = new int[16 * STRIDE];

	private int count;

	Aggregate(byte[] source) {
		this.source = source;
	}

	void add(int dataOffset, int dataLength, int partitionKeyIndex, int explicitHashKeyIndex) {
		int at = count * STRIDE;
		if (at == fields.length) {
			fields = Arrays.copyOf(fields, fields.length * 2);
		}
		fields[at] = dataOffset;
		fields[at + 1] = dataLength;
		fields[at + 2] = partitionKeyIndex;
		fields[at + 3] = explicitHashKeyIndex;
		count++;
	}

	int size() {
		return count;
	}

	int partitionKeyIndex(int userRecord) {
		return fields[userRecord * STRIDE + 2];
	}

	int explicitHashKeyIndex(int userRecord) {
		return fields[userRecord * STRIDE + 3];
	}

	UserRecord userRecord(int index, String sequenceNumber, @Nullable Instant approximateArrivalTimestamp) {
		int at = index * STRIDE;
		int explicitHashKeyIndex = fields[at + 3];
		return new UserRecord(source, fields[at], fields[at + 1], partitionKeys.get(fields[at + 2]),
				explicitHashKeyIndex == NO_EXPLICIT_HASH_KEY ? null : explicitHashKeys.get(explicitHashKeyIndex),
				sequenceNumber, index, true, approximateArrivalTimestamp);
	}

}
