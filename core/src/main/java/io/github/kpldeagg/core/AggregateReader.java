package io.github.kpldeagg.core;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.BitSet;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;
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
 * <p>
 * Memory stays proportional to the aggregate's size whatever it holds: a first walk
 * validates the structure and counts user records and key-table entries; a second notes,
 * in arrays of exactly that size, where each lies (one int each); a third checks each
 * user record's keys in order. User records are then read from those offsets as they are
 * created, with {@link WireCursor}, which relies on the first walk's validation.
 *
 * @author The kpl-deagg maintainers
 */
final class AggregateReader {

	static final byte[] MAGIC = { (byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2 };

	// AggregatedRecord
	private static final int PARTITION_KEY_TABLE = tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED);

	private static final int EXPLICIT_HASH_KEY_TABLE = tag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);

	private static final int RECORDS = tag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED);

	// Record
	static final int PARTITION_KEY_INDEX = tag(1, WireFormat.WIRETYPE_VARINT);

	static final int EXPLICIT_HASH_KEY_INDEX = tag(2, WireFormat.WIRETYPE_VARINT);

	static final int DATA = tag(3, WireFormat.WIRETYPE_LENGTH_DELIMITED);

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
	 * @param source the source
	 * @param offset the offset
	 * @param length the length
	 * @return whether the bytes are in the aggregate format
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

	/**
	 * Reads an aggregate; the caller has checked {@link #isAggregate}. With a range, only
	 * the user records whose effective hash key lies in it are delivered.
	 * @param source the bytes holding the Kinesis record's data
	 * @param offset where the data starts in {@code source}
	 * @param length the data's length
	 * @param range the shard's hash-key range, or null to deliver every user record
	 * @return the aggregate
	 * @throws AggregateFormatException if the aggregate is corrupt
	 */
	static Aggregate read(byte[] source, int offset, int length, @Nullable HashKeyRange range)
			throws AggregateFormatException {
		int protobufOffset = offset + MAGIC.length;
		int protobufLength = length - MAGIC.length - Md5.DIGEST_LENGTH;
		if (!Arrays.equals(Md5.digest(source, protobufOffset, protobufLength), 0, Md5.DIGEST_LENGTH, source,
				protobufOffset + protobufLength, offset + length)) {
			throw new AggregateFormatException(CorruptionReason.MD5_MISMATCH,
					"the trailing MD5 does not match the " + protobufLength + " protobuf bytes", null);
		}
		Walk walk = new Walk(CodedInputStream.newInstance(source, protobufOffset, protobufLength));
		try {
			walk.aggregatedRecord();
		}
		catch (InvalidProtocolBufferException ex) {
			throw new AggregateFormatException(CorruptionReason.INVALID_PROTOBUF, ex.getMessage(), null);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Reading from a byte array cannot fail with I/O", ex);
		}
		if (walk.missingRequiredField != null) {
			throw new AggregateFormatException(CorruptionReason.MISSING_REQUIRED_FIELD, walk.missingRequiredField,
					null);
		}
		int[] partitionKeys = new int[walk.partitionKeys];
		int[] explicitHashKeys = new int[walk.explicitHashKeys];
		int[] records = new int[walk.records];
		locate(source, protobufOffset, protobufOffset + protobufLength, partitionKeys, explicitHashKeys, records);
		return checkUserRecords(source, records, new KeyChecks(source, new KeyTable(source, partitionKeys),
				new KeyTable(source, explicitHashKeys), range));
	}

	/**
	 * Notes where each key-table entry and each user record lies: the offset of its
	 * length prefix.
	 * @param source the aggregate's bytes
	 * @param from where the protobuf message starts
	 * @param to where the protobuf message ends
	 * @param partitionKeys receives the partition-key table's entries
	 * @param explicitHashKeys receives the explicit-hash-key table's entries
	 * @param records receives the user records
	 */
	private static void locate(byte[] source, int from, int to, int[] partitionKeys, int[] explicitHashKeys,
			int[] records) {
		WireCursor in = new WireCursor(source, from);
		int partitionKey = 0;
		int explicitHashKey = 0;
		int record = 0;
		while (in.position() < to) {
			int tag = in.readTag();
			if (tag == PARTITION_KEY_TABLE) {
				partitionKeys[partitionKey++] = in.position();
			}
			else if (tag == EXPLICIT_HASH_KEY_TABLE) {
				explicitHashKeys[explicitHashKey++] = in.position();
			}
			else if (tag == RECORDS) {
				records[record++] = in.position();
			}
			in.skipField(tag);
		}
	}

	/**
	 * Checks every user record's keys, in order, and keeps in {@code records} those to
	 * deliver. Sub-sequence numbers are stored only once a user record has been dropped:
	 * until then, each is the user record's position.
	 * @param source the aggregate's bytes
	 * @param records where each user record lies; those to deliver are moved to the front
	 * @param keys the checks of the key tables' entries
	 * @return the aggregate of the kept user records
	 * @throws AggregateFormatException if a user record or its keys are invalid
	 */
	private static Aggregate checkUserRecords(byte[] source, int[] records, KeyChecks keys)
			throws AggregateFormatException {
		RecordFields fields = new RecordFields(source);
		int kept = 0;
		int @Nullable [] subSequenceNumbers = null;
		for (int i = 0; i < records.length; i++) {
			if (keys.keeps(i, fields.read(records[i]))) {
				if (subSequenceNumbers != null) {
					subSequenceNumbers[kept] = i;
				}
				records[kept++] = records[i];
			}
			else if (subSequenceNumbers == null) {
				subSequenceNumbers = new int[records.length - 1];
				for (int position = 0; position < kept; position++) {
					subSequenceNumbers[position] = position;
				}
			}
		}
		return new Aggregate(source, records, kept, subSequenceNumbers, keys.partitionKeys, keys.explicitHashKeys);
	}

	private static int tag(int fieldNumber, int wireType) {
		return fieldNumber << 3 | wireType;
	}

	/**
	 * Checks user records' keys against the key tables. Each entry is checked when a user
	 * record first refers to it, and its hash key compared with the range then: once per
	 * entry, however many user records share it.
	 */
	private static final class KeyChecks {

		private final byte[] source;

		final KeyTable partitionKeys;

		final KeyTable explicitHashKeys;

		private final @Nullable HashKeyRange range;

		private final BitSet checkedPartitionKeys;

		private final BitSet partitionKeysInRange;

		private final BitSet checkedExplicitHashKeys;

		private final BitSet explicitHashKeysInRange;

		KeyChecks(byte[] source, KeyTable partitionKeys, KeyTable explicitHashKeys, @Nullable HashKeyRange range) {
			this.source = source;
			this.partitionKeys = partitionKeys;
			this.explicitHashKeys = explicitHashKeys;
			this.range = range;
			this.checkedPartitionKeys = new BitSet(partitionKeys.size());
			this.partitionKeysInRange = new BitSet(partitionKeys.size());
			this.checkedExplicitHashKeys = new BitSet(explicitHashKeys.size());
			this.explicitHashKeysInRange = new BitSet(explicitHashKeys.size());
		}

		/**
		 * Whether a user record is delivered: its keys are valid (else this throws) and,
		 * with a range, its effective hash key lies in it.
		 * @param userRecord the user record
		 * @param fields the fields
		 * @return whether a user record is delivered
		 */
		boolean keeps(int userRecord, RecordFields fields) throws AggregateFormatException {
			if (Long.compareUnsigned(fields.partitionKeyIndex, this.partitionKeys.size()) >= 0) {
				throw new AggregateFormatException(CorruptionReason.PARTITION_KEY_INDEX_OUT_OF_RANGE, "user record "
						+ userRecord + " has a partition key index beyond the table of " + this.partitionKeys.size(),
						null);
			}
			int partitionKey = (int) fields.partitionKeyIndex;
			if (!this.checkedPartitionKeys.get(partitionKey)) {
				checkPartitionKey(userRecord, partitionKey);
			}
			if (!fields.hasExplicitHashKeyIndex) {
				return this.range == null || this.partitionKeysInRange.get(partitionKey);
			}
			if (Long.compareUnsigned(fields.explicitHashKeyIndex, this.explicitHashKeys.size()) >= 0) {
				throw new AggregateFormatException(
						CorruptionReason.EXPLICIT_HASH_KEY_INDEX_OUT_OF_RANGE, "user record " + userRecord
								+ " has an explicit hash key index beyond the table of " + this.explicitHashKeys.size(),
						null);
			}
			int explicitHashKey = (int) fields.explicitHashKeyIndex;
			if (!this.checkedExplicitHashKeys.get(explicitHashKey)) {
				checkExplicitHashKey(userRecord, explicitHashKey);
			}
			return this.range == null || this.explicitHashKeysInRange.get(explicitHashKey);
		}

		/**
		 * Only valid UTF-8 is a partition key a producer can have written: other bytes
		 * would be delivered as another key, with another hash key. Checked in place, as
		 * protobuf-java checks a {@code string} field it must read strictly.
		 * @param userRecord the user record
		 * @param index the index
		 */
		private void checkPartitionKey(int userRecord, int index) throws AggregateFormatException {
			WireCursor in = new WireCursor(this.source, this.partitionKeys.offset(index));
			int length = in.readLength();
			if (!UnsafeByteOperations.unsafeWrap(this.source, in.position(), length).isValidUtf8()) {
				throw new AggregateFormatException(CorruptionReason.PARTITION_KEY_NOT_UTF8,
						"user record " + userRecord + " has a partition key that is not valid UTF-8", null);
			}
			this.checkedPartitionKeys.set(index);
			if (this.range != null
					&& this.range.contains(HashKeys.partitionKeyHash(this.source, in.position(), length))) {
				this.partitionKeysInRange.set(index);
			}
		}

		private void checkExplicitHashKey(int userRecord, int index) throws AggregateFormatException {
			BigInteger hashKey = HashKeys.parseExplicitHashKey(this.explicitHashKeys.string(index));
			if (hashKey == null) {
				throw new AggregateFormatException(CorruptionReason.INVALID_EXPLICIT_HASH_KEY,
						"user record " + userRecord + " has an explicit hash key that is not a decimal in [0, 2^128)",
						null);
			}
			this.checkedExplicitHashKeys.set(index);
			if (this.range != null && this.range.contains(hashKey)) {
				this.explicitHashKeysInRange.set(index);
			}
		}

	}

	/**
	 * The validating pass over the protobuf bytes: counts what the later passes will
	 * note.
	 */
	private static final class Walk {

		private final CodedInputStream in;

		int partitionKeys;

		int explicitHashKeys;

		int records;

		/** Reported only if the protobuf is otherwise valid, as protobuf-java does. */
		@Nullable String missingRequiredField;

		/**
		 * Field numbers of the groups being skipped, innermost last; allocated on the
		 * first group.
		 */
		private int @Nullable [] openGroups;

		Walk(CodedInputStream in) {
			this.in = in;
		}

		void aggregatedRecord() throws IOException {
			for (int tag = this.in.readTag(); tag != 0; tag = this.in.readTag()) {
				if (tag == PARTITION_KEY_TABLE) {
					this.in.skipField(tag);
					this.partitionKeys++;
				}
				else if (tag == EXPLICIT_HASH_KEY_TABLE) {
					this.in.skipField(tag);
					this.explicitHashKeys++;
				}
				else if (tag == RECORDS) {
					record();
					this.records++;
				}
				else {
					skipField(tag, 0);
				}
			}
		}

		private void record() throws IOException {
			int userRecord = this.records;
			int outerLimit = this.in.pushLimit(this.in.readRawVarint32());
			boolean hasPartitionKeyIndex = false;
			boolean hasData = false;
			for (int tag = this.in.readTag(); tag != 0; tag = this.in.readTag()) {
				if (tag == PARTITION_KEY_INDEX) {
					this.in.skipField(tag);
					hasPartitionKeyIndex = true;
				}
				else if (tag == DATA) {
					this.in.skipField(tag);
					hasData = true;
				}
				else if (tag == TAGS) {
					tag(userRecord);
				}
				else {
					skipField(tag, 1);
				}
			}
			this.in.popLimit(outerLimit);
			if (!hasPartitionKeyIndex || !hasData) {
				missingRequired("user record " + userRecord + " has no " + (hasData ? "partition key index" : "data"));
			}
		}

		private void tag(int userRecord) throws IOException {
			int outerLimit = this.in.pushLimit(this.in.readRawVarint32());
			boolean hasKey = false;
			for (int tag = this.in.readTag(); tag != 0; tag = this.in.readTag()) {
				hasKey |= tag == TAG_KEY;
				skipField(tag, 2);
			}
			this.in.popLimit(outerLimit);
			if (!hasKey) {
				missingRequired("a tag of user record " + userRecord + " has no key");
			}
		}

		private void missingRequired(String detail) {
			if (this.missingRequiredField == null) {
				this.missingRequiredField = detail;
			}
		}

		/**
		 * Skips an unknown field. Groups are skipped without recursion, nested at most as
		 * deep as protobuf-java's recursion limit allows at this message depth.
		 * @param tag the tag
		 * @param depth the depth
		 */
		private void skipField(int tag, int depth) throws IOException {
			if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_START_GROUP) {
				if (!this.in.skipField(tag)) {
					throw new InvalidProtocolBufferException("end-group tag without a start-group tag");
				}
				return;
			}
			if (this.openGroups == null) {
				this.openGroups = new int[MAX_DEPTH];
			}
			int open = 0;
			this.openGroups[open++] = WireFormat.getTagFieldNumber(tag);
			while (open > 0) {
				int next = this.in.readTag();
				if (next == 0) {
					throw new InvalidProtocolBufferException("the input ended inside a group");
				}
				int wireType = WireFormat.getTagWireType(next);
				if (wireType == WireFormat.WIRETYPE_START_GROUP) {
					if (depth + open >= MAX_DEPTH) {
						throw new InvalidProtocolBufferException("groups nested deeper than " + MAX_DEPTH);
					}
					this.openGroups[open++] = WireFormat.getTagFieldNumber(next);
				}
				else if (wireType == WireFormat.WIRETYPE_END_GROUP) {
					if (WireFormat.getTagFieldNumber(next) != this.openGroups[--open]) {
						throw new InvalidProtocolBufferException("end-group tag does not match its start-group tag");
					}
				}
				else {
					this.in.skipField(next);
				}
			}
		}

	}

}
