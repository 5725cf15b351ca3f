package io.github.kpldeagg.core;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads the KPL aggregate format: {@code F3 89 9A C2}, a protobuf
 * {@code AggregatedRecord}, then the MD5 of the protobuf bytes.
 * <p>
 * The protobuf is walked with {@link CodedInputStream} instead of generated classes, so
 * this jar works with whichever protobuf-java 3.x or 4.x the application has. The walk
 * accepts exactly what protobuf-java's generated parser accepts for KPL's
 * {@code messages.proto} (proto2): fields in any order, unknown fields skipped, a field
 * seen with an unexpected wire type treated as unknown, the last value of a repeated
 * scalar winning. The whole aggregate is validated before any user record is created, so
 * a corrupt aggregate is never half delivered.
 */
final class AggregateReader {

	static final byte[] MAGIC = { (byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2 };

	// AggregatedRecord
	private static final int PARTITION_KEY_TABLE = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);

	private static final int EXPLICIT_HASH_KEY_TABLE = tag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);

	private static final int RECORDS = tag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED);

	// Record
	private static final int PARTITION_KEY_INDEX = tag(1, WireFormat.WIRETYPE_VARINT);

	private static final int EXPLICIT_HASH_KEY_INDEX = tag(2, WireFormat.WIRETYPE_VARINT);

	private static final int DATA = tag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED);

	private static final int TAGS = tag(4, WireFormat.WIRETYPE_LENGTH_DELIMITED);

	// Tag
	private static final int TAG_KEY = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);

	/**
	 * protobuf-java's default recursion limit, applied to nested messages and groups
	 * alike.
	 */
	private static final int MAX_DEPTH = 100;

	private AggregateReader() {
	}

	/**
	 * Whether the bytes are in the aggregate format. Like KCL, a record needs more than
	 * the 16 digest bytes after the magic to count; anything else is a plain record.
	 */
	static boolean isAggregate(byte[] source, int offset, int length) {
		if (length <= MAGIC.length + Md5.DIGEST_LENGTH) {
			return false;
		}
		for (int i = 0; i < MAGIC.length; i++) {
			if (source[offset + i] != MAGIC[i]) {
				return false;
			}
		}
		return true;
	}

	/** Reads an aggregate; the caller has checked {@link #isAggregate}. */
	static Aggregate read(byte[] source, int offset, int length) throws AggregateFormatException {
		int protobufOffset = offset + MAGIC.length;
		int protobufLength = length - MAGIC.length - Md5.DIGEST_LENGTH;
		if (!Arrays.equals(Md5.digest(source, protobufOffset, protobufLength), 0, Md5.DIGEST_LENGTH, source,
				protobufOffset + protobufLength, offset + length)) {
			throw new AggregateFormatException(CorruptionReason.MD5_MISMATCH,
					"the trailing MD5 does not match the " + protobufLength + " protobuf bytes", null);
		}
		Aggregate aggregate = new Aggregate(source);
		Walk walk = new Walk(CodedInputStream.newInstance(source, protobufOffset, protobufLength), protobufOffset);
		try {
			walk.aggregatedRecord(aggregate);
		}
		catch (InvalidProtocolBufferException e) {
			throw new AggregateFormatException(CorruptionReason.INVALID_PROTOBUF, e.getMessage(), null);
		}
		catch (IOException e) {
			throw new IllegalStateException("Reading from a byte array cannot fail with I/O", e);
		}
		if (walk.missingRequiredField != null) {
			throw new AggregateFormatException(CorruptionReason.MISSING_REQUIRED_FIELD, walk.missingRequiredField,
					null);
		}
		validateIndexes(aggregate);
		return aggregate;
	}

	private static void validateIndexes(Aggregate aggregate) throws AggregateFormatException {
		int partitionKeys = aggregate.partitionKeys.size();
		int explicitHashKeys = aggregate.explicitHashKeys.size();
		boolean[] checkedExplicitHashKeys = new boolean[explicitHashKeys];
		for (int i = 0; i < aggregate.size(); i++) {
			if (aggregate.partitionKeyIndex(i) >= partitionKeys) {
				throw new AggregateFormatException(CorruptionReason.PARTITION_KEY_INDEX_OUT_OF_RANGE,
						"user record " + i + " has a partition key index beyond the table of " + partitionKeys, null);
			}
			int explicitHashKeyIndex = aggregate.explicitHashKeyIndex(i);
			if (explicitHashKeyIndex == Aggregate.NO_EXPLICIT_HASH_KEY
					|| explicitHashKeyIndex < explicitHashKeys && checkedExplicitHashKeys[explicitHashKeyIndex]) {
				continue;
			}
			if (explicitHashKeyIndex >= explicitHashKeys) {
				throw new AggregateFormatException(CorruptionReason.EXPLICIT_HASH_KEY_INDEX_OUT_OF_RANGE,
						"user record " + i + " has an explicit hash key index beyond the table of " + explicitHashKeys,
						null);
			}
			if (!HashKeys.isValidExplicitHashKey(aggregate.explicitHashKeys.get(explicitHashKeyIndex))) {
				throw new AggregateFormatException(CorruptionReason.INVALID_EXPLICIT_HASH_KEY,
						"user record " + i + " has an explicit hash key that is not a decimal in [0, 2^128)", null);
			}
			checkedExplicitHashKeys[explicitHashKeyIndex] = true;
		}
	}

	private static int tag(int fieldNumber, int wireType) {
		return fieldNumber << 3 | wireType;
	}

	/** One pass over the protobuf bytes. */
	private static final class Walk {

		private final CodedInputStream in;

		private final int protobufOffset;

		/** Reported only if the protobuf is otherwise valid, as protobuf-java does. */
		@Nullable String missingRequiredField;

		/**
		 * Field numbers of the groups being skipped, innermost last; allocated on the
		 * first group.
		 */
		private int @Nullable [] openGroups;

		Walk(CodedInputStream in, int protobufOffset) {
			this.in = in;
			this.protobufOffset = protobufOffset;
		}

		void aggregatedRecord(Aggregate aggregate) throws IOException {
			for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
				if (tag == PARTITION_KEY_TABLE) {
					aggregate.partitionKeys.add(in.readString());
				}
				else if (tag == EXPLICIT_HASH_KEY_TABLE) {
					aggregate.explicitHashKeys.add(in.readString());
				}
				else if (tag == RECORDS) {
					record(aggregate);
				}
				else {
					skipField(tag, 0);
				}
			}
		}

		private void record(Aggregate aggregate) throws IOException {
			int userRecord = aggregate.size();
			int outerLimit = in.pushLimit(in.readRawVarint32());
			boolean hasPartitionKeyIndex = false;
			boolean hasExplicitHashKeyIndex = false;
			boolean hasData = false;
			long partitionKeyIndex = 0;
			long explicitHashKeyIndex = 0;
			int dataOffset = 0;
			int dataLength = 0;
			for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
				if (tag == PARTITION_KEY_INDEX) {
					partitionKeyIndex = in.readUInt64();
					hasPartitionKeyIndex = true;
				}
				else if (tag == EXPLICIT_HASH_KEY_INDEX) {
					explicitHashKeyIndex = in.readUInt64();
					hasExplicitHashKeyIndex = true;
				}
				else if (tag == DATA) {
					dataLength = in.readRawVarint32();
					dataOffset = protobufOffset + in.getTotalBytesRead();
					in.skipRawBytes(dataLength);
					hasData = true;
				}
				else if (tag == TAGS) {
					tag(userRecord);
				}
				else {
					skipField(tag, 1);
				}
			}
			in.popLimit(outerLimit);
			if (!hasPartitionKeyIndex || !hasData) {
				missingRequired("user record " + userRecord + " has no " + (hasData ? "partition key index" : "data"));
			}
			aggregate.add(dataOffset, dataLength, tableIndex(partitionKeyIndex),
					hasExplicitHashKeyIndex ? tableIndex(explicitHashKeyIndex) : Aggregate.NO_EXPLICIT_HASH_KEY);
		}

		private void tag(int userRecord) throws IOException {
			int outerLimit = in.pushLimit(in.readRawVarint32());
			boolean hasKey = false;
			for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
				hasKey |= tag == TAG_KEY;
				skipField(tag, 2);
			}
			in.popLimit(outerLimit);
			if (!hasKey) {
				missingRequired("a tag of user record " + userRecord + " has no key");
			}
		}

		private void missingRequired(String detail) {
			if (missingRequiredField == null) {
				missingRequiredField = detail;
			}
		}

		/**
		 * Skips an unknown field. Groups are skipped without recursion, nested at most as
		 * deep as protobuf-java's recursion limit allows at this message depth.
		 */
		private void skipField(int tag, int depth) throws IOException {
			if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_START_GROUP) {
				if (!in.skipField(tag)) {
					throw new InvalidProtocolBufferException("end-group tag without a start-group tag");
				}
				return;
			}
			if (openGroups == null) {
				openGroups = new int[MAX_DEPTH];
			}
			int open = 0;
			openGroups[open++] = WireFormat.getTagFieldNumber(tag);
			while (open > 0) {
				int next = in.readTag();
				if (next == 0) {
					throw new InvalidProtocolBufferException("the input ended inside a group");
				}
				int wireType = WireFormat.getTagWireType(next);
				if (wireType == WireFormat.WIRETYPE_START_GROUP) {
					if (depth + open >= MAX_DEPTH) {
						throw new InvalidProtocolBufferException("groups nested deeper than " + MAX_DEPTH);
					}
					openGroups[open++] = WireFormat.getTagFieldNumber(next);
				}
				else if (wireType == WireFormat.WIRETYPE_END_GROUP) {
					if (WireFormat.getTagFieldNumber(next) != openGroups[--open]) {
						throw new InvalidProtocolBufferException("end-group tag does not match its start-group tag");
					}
				}
				else {
					in.skipField(next);
				}
			}
		}

		/**
		 * Indexes beyond int range can never be in range of a table read from one record.
		 */
		private static int tableIndex(long index) {
			return index < 0 || index > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) index;
		}

	}

}
