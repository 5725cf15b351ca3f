package io.github.kpldeagg.core;

import com.google.protobuf.WireFormat;

/**
 * Reads protobuf wire format that {@link AggregateReader}'s walk has already validated,
 * so without bounds or format checks and without allocating. Values are what
 * {@code CodedInputStream} reads from the same bytes: a tag or a length is the low 32
 * bits of its varint.
 *
 * @author The kpl-deagg maintainers
 */
final class WireCursor {

	private final byte[] source;

	private int position;

	WireCursor(byte[] source, int position) {
		this.source = source;
		this.position = position;
	}

	int position() {
		return this.position;
	}

	void seek(int position) {
		this.position = position;
	}

	long readVarint() {
		long value = 0;
		int shift = 0;
		byte next;
		do {
			next = this.source[this.position++];
			value |= (long) (next & 0x7F) << shift;
			shift += 7;
		}
		while (next < 0);
		return value;
	}

	int readTag() {
		return (int) readVarint();
	}

	int readLength() {
		return (int) readVarint();
	}

	void skip(int bytes) {
		this.position += bytes;
	}

	/**
	 * Skips the value of the field with this tag; a group up to its end-group tag.
	 * @param tag the tag
	 */
	void skipField(int tag) {
		switch (WireFormat.getTagWireType(tag)) {
			case WireFormat.WIRETYPE_VARINT -> readVarint();
			case WireFormat.WIRETYPE_FIXED64 -> this.position += 8;
			case WireFormat.WIRETYPE_LENGTH_DELIMITED -> skip(readLength());
			case WireFormat.WIRETYPE_START_GROUP -> skipGroup();
			case WireFormat.WIRETYPE_FIXED32 -> this.position += 4;
			default -> throw new IllegalStateException("wire type of tag " + tag + " in validated bytes");
		}
	}

	/**
	 * The walk has matched every end-group tag with its start: counting depth is enough.
	 */
	private void skipGroup() {
		int depth = 1;
		while (depth > 0) {
			int tag = readTag();
			int wireType = WireFormat.getTagWireType(tag);
			if (wireType == WireFormat.WIRETYPE_START_GROUP) {
				depth++;
			}
			else if (wireType == WireFormat.WIRETYPE_END_GROUP) {
				depth--;
			}
			else {
				skipField(tag);
			}
		}
	}

}
