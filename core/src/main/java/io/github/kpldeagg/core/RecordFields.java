package io.github.kpldeagg.core;

/**
 * The fields of one {@code Record} submessage, read from bytes that
 * {@link AggregateReader}'s walk has validated. As the walk does, the last value of a
 * field wins and every other field is skipped. One instance reads any number of
 * submessages without allocating.
 */
final class RecordFields {

	private final WireCursor in;

	long partitionKeyIndex;

	boolean hasExplicitHashKeyIndex;

	long explicitHashKeyIndex;

	int dataOffset;

	int dataLength;

	RecordFields(byte[] source) {
		this.in = new WireCursor(source, 0);
	}

	/**
	 * Reads the submessage whose length prefix is at {@code offset}; returns this.
	 */
	RecordFields read(int offset) {
		hasExplicitHashKeyIndex = false;
		in.seek(offset);
		int length = in.readLength();
		int end = in.position() + length;
		while (in.position() < end) {
			int tag = in.readTag();
			if (tag == AggregateReader.PARTITION_KEY_INDEX) {
				partitionKeyIndex = in.readVarint();
			}
			else if (tag == AggregateReader.EXPLICIT_HASH_KEY_INDEX) {
				explicitHashKeyIndex = in.readVarint();
				hasExplicitHashKeyIndex = true;
			}
			else if (tag == AggregateReader.DATA) {
				dataLength = in.readLength();
				dataOffset = in.position();
				in.skip(dataLength);
			}
			else {
				in.skipField(tag);
			}
		}
		return this;
	}

}
