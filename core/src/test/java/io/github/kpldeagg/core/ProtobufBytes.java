package io.github.kpldeagg.core;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes protobuf wire format by hand, including what no well-behaved writer would write
 * (wrong wire types, lengths that lie, fields out of order), and frames it as a KPL
 * aggregate.
 */
final class ProtobufBytes {

	static final int VARINT = 0;
	static final int FIXED64 = 1;
	static final int LENGTH_DELIMITED = 2;
	static final int START_GROUP = 3;
	static final int END_GROUP = 4;
	static final int FIXED32 = 5;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	ProtobufBytes tag(int fieldNumber, int wireType) {
		return varint((long) fieldNumber << 3 | wireType);
	}

	ProtobufBytes varint(long value) {
		while ((value & ~0x7FL) != 0) {
			this.out.write((int) (value & 0x7F) | 0x80);
			value >>>= 7;
		}
		this.out.write((int) value);
		return this;
	}

	ProtobufBytes raw(byte... bytes) {
		this.out.writeBytes(bytes);
		return this;
	}

	ProtobufBytes uint64(int fieldNumber, long value) {
		return tag(fieldNumber, VARINT).varint(value);
	}

	ProtobufBytes bytes(int fieldNumber, byte[] value) {
		return tag(fieldNumber, LENGTH_DELIMITED).varint(value.length).raw(value);
	}

	ProtobufBytes string(int fieldNumber, String value) {
		return bytes(fieldNumber, value.getBytes(StandardCharsets.UTF_8));
	}

	ProtobufBytes message(int fieldNumber, ProtobufBytes message) {
		return bytes(fieldNumber, message.toByteArray());
	}

	/** An unknown group field nested {@code depth} deep. */
	ProtobufBytes nestedGroups(int fieldNumber, int depth) {
		for (int i = 0; i < depth; i++) {
			tag(fieldNumber, START_GROUP);
		}
		for (int i = 0; i < depth; i++) {
			tag(fieldNumber, END_GROUP);
		}
		return this;
	}

	byte[] toByteArray() {
		return this.out.toByteArray();
	}

	/**
	 * A {@code Record} with a partition key index, an optional explicit hash key index
	 * and data.
	 */
	static ProtobufBytes userRecord(long partitionKeyIndex, Long explicitHashKeyIndex, String data) {
		ProtobufBytes record = new ProtobufBytes().uint64(1, partitionKeyIndex);
		if (explicitHashKeyIndex != null) {
			record.uint64(2, explicitHashKeyIndex);
		}
		return record.string(3, data);
	}

	/** Magic, these bytes as the protobuf, and their MD5. */
	byte[] framed() {
		return frame(toByteArray());
	}

	static byte[] frame(byte[] protobuf) {
		ByteArrayOutputStream framed = new ByteArrayOutputStream();
		framed.writeBytes(AggregateReader.MAGIC);
		framed.writeBytes(protobuf);
		framed.writeBytes(Md5.digest(protobuf));
		return framed.toByteArray();
	}

	/** The protobuf bytes of an aggregate: what lies between the magic and the MD5. */
	static byte[] protobufOf(byte[] aggregate) {
		return Arrays.copyOfRange(aggregate, AggregateReader.MAGIC.length, aggregate.length - Md5.DIGEST_LENGTH);
	}

}
