package io.github.kpldeagg.core;

/**
 * The fields of one {@code Record} submessage, read from bytes that
 * {@link AggregateReader}'s walk has validated. As the walk does, the last value of a
 * field wins and every other field is skipped. One instance reads any number of
 * submessages without allocating.
 *
 * @author The kpl-deagg maintainers
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
	 * @param offset the offset
	 * @return this
	 */
	RecordFields read(int offset) {
		this.hasExplicitHashKeyIndex = false;
		this.in.seek(offset);
		int length = this.in.readLength();
		int end = this.in.position() + length;
		while (this.in.position() < end) {
			int tag = this.in.readTag();
			if (tag == AggregateReader.PARTITION_KEY_INDEX) {
				this.partitionKeyIndex = this.in.readVarint();
			}
			else if (tag == AggregateReader.EXPLICIT_HASH_KEY_INDEX) {
				this.explicitHashKeyIndex = this.in.readVarint();
				this.hasExplicitHashKeyIndex = true;
			}
			else if (tag == AggregateReader.DATA) {
				this.dataLength = this.in.readLength();
				this.dataOffset = this.in.position();
				this.in.skip(this.dataLength);
			}
			else {
				this.in.skipField(tag);
			}
		}
		return this;
	}

}
