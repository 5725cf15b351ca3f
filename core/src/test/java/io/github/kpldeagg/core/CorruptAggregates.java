package io.github.kpldeagg.core;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One aggregate per class of corruption, each with a well-formed user record before the
 * defect, so that a reader that half-delivers is caught; and what KCL 2.5.8's
 * {@code AggregatorUtil} does with it.
 */
final class CorruptAggregates {

	/** The second partition key of the case whose key is not UTF-8, as KCL decodes it. */
	static final String REPLACED_PARTITION_KEY = "p\uFFFD";

	private CorruptAggregates() {
	}

	static List<Case> all() {
		return List.of(
				new Case("MD5 mismatch", md5Mismatch(), CorruptionReason.MD5_MISMATCH, KclBehaviour.PASSES_THROUGH),
				new Case("truncated protobuf", truncated(), CorruptionReason.INVALID_PROTOBUF,
						KclBehaviour.PASSES_THROUGH),
				new Case("invalid wire type 7", afterOneRecord().tag(5, 7).framed(), CorruptionReason.INVALID_PROTOBUF,
						KclBehaviour.PASSES_THROUGH),
				new Case("field number 0", afterOneRecord().tag(0, 0).varint(1).framed(),
						CorruptionReason.INVALID_PROTOBUF, KclBehaviour.PASSES_THROUGH),
				new Case("end-group tag without a start", afterOneRecord().tag(9, ProtobufBytes.END_GROUP).framed(),
						CorruptionReason.INVALID_PROTOBUF, KclBehaviour.PASSES_THROUGH),
				new Case("unterminated group", afterOneRecord().tag(9, ProtobufBytes.START_GROUP).uint64(1, 1).framed(),
						CorruptionReason.INVALID_PROTOBUF, KclBehaviour.PASSES_THROUGH),
				new Case("mismatched end-group tag",
						afterOneRecord().tag(9, ProtobufBytes.START_GROUP).tag(10, ProtobufBytes.END_GROUP).framed(),
						CorruptionReason.INVALID_PROTOBUF, KclBehaviour.PASSES_THROUGH),
				new Case("groups nested 100,000 deep", nestedGroups(100_000), CorruptionReason.INVALID_PROTOBUF,
						KclBehaviour.PASSES_THROUGH),
				new Case("record length prefix of 2 GiB",
						afterOneRecord().tag(3, ProtobufBytes.LENGTH_DELIMITED)
							.varint(Integer.MAX_VALUE)
							.raw(ProtobufBytes.userRecord(0, null, "x").toByteArray())
							.framed(),
						CorruptionReason.INVALID_PROTOBUF, KclBehaviour.PASSES_THROUGH),
				new Case("data length prefix of 2 GiB",
						afterOneRecord()
							.message(3,
									new ProtobufBytes().uint64(1, 0)
										.tag(3, ProtobufBytes.LENGTH_DELIMITED)
										.varint(Integer.MAX_VALUE)
										.raw((byte) 'x'))
							.framed(),
						CorruptionReason.INVALID_PROTOBUF, KclBehaviour.PASSES_THROUGH),
				new Case("negative key length",
						afterOneRecord().tag(1, ProtobufBytes.LENGTH_DELIMITED).varint(-1).framed(),
						CorruptionReason.INVALID_PROTOBUF, KclBehaviour.PASSES_THROUGH),
				new Case("varint of eleven bytes", afterOneRecord().tag(4, 0).raw(elevenByteVarint()).framed(),
						CorruptionReason.INVALID_PROTOBUF, KclBehaviour.PASSES_THROUGH),
				new Case("record without partition key index",
						afterOneRecord().message(3, new ProtobufBytes().string(3, "data")).framed(),
						CorruptionReason.MISSING_REQUIRED_FIELD, KclBehaviour.PASSES_THROUGH),
				new Case("record without data", afterOneRecord().message(3, new ProtobufBytes().uint64(1, 0)).framed(),
						CorruptionReason.MISSING_REQUIRED_FIELD, KclBehaviour.PASSES_THROUGH),
				new Case("tag without key",
						afterOneRecord()
							.message(3,
									ProtobufBytes.userRecord(0, null, "data")
										.message(4, new ProtobufBytes().string(2, "value")))
							.framed(),
						CorruptionReason.MISSING_REQUIRED_FIELD, KclBehaviour.PASSES_THROUGH),
				new Case("partition key index out of range",
						afterOneRecord().message(3, ProtobufBytes.userRecord(1, null, "y"))
							.message(3, ProtobufBytes.userRecord(0, null, "z"))
							.framed(),
						CorruptionReason.PARTITION_KEY_INDEX_OUT_OF_RANGE,
						KclBehaviour.THROWS_NO_CLASS_DEF_FOUND_ERROR),
				new Case("partition key index 2^32",
						afterOneRecord().message(3, ProtobufBytes.userRecord(1L << 32, null, "y")).framed(),
						CorruptionReason.PARTITION_KEY_INDEX_OUT_OF_RANGE, KclBehaviour.TRUNCATES_THE_INDEX),
				new Case("partition key index 2^64 - 1",
						afterOneRecord().message(3, ProtobufBytes.userRecord(-1L, null, "y")).framed(),
						CorruptionReason.PARTITION_KEY_INDEX_OUT_OF_RANGE,
						KclBehaviour.THROWS_NO_CLASS_DEF_FOUND_ERROR),
				new Case("explicit hash key index out of range",
						afterOneRecord().message(3, ProtobufBytes.userRecord(0, 1L, "y")).framed(),
						CorruptionReason.EXPLICIT_HASH_KEY_INDEX_OUT_OF_RANGE,
						KclBehaviour.THROWS_NO_CLASS_DEF_FOUND_ERROR),
				new Case("partition key not UTF-8",
						afterOneRecord().bytes(1, new byte[] { 'p', (byte) 0xFF })
							.message(3, ProtobufBytes.userRecord(1, null, "y"))
							.framed(),
						CorruptionReason.PARTITION_KEY_NOT_UTF8, KclBehaviour.DECODES_WITH_REPLACEMENT_CHARACTERS),
				withExplicitHashKey("-1", KclBehaviour.DROPS_THE_AGGREGATE),
				withExplicitHashKey(BigInteger.ONE.shiftLeft(128).toString(), KclBehaviour.DROPS_THE_AGGREGATE),
				withExplicitHashKey("abc", KclBehaviour.THROWS_NO_CLASS_DEF_FOUND_ERROR),
				withExplicitHashKey("", KclBehaviour.THROWS_NO_CLASS_DEF_FOUND_ERROR),
				withExplicitHashKey("1e3", KclBehaviour.THROWS_NO_CLASS_DEF_FOUND_ERROR),
				withExplicitHashKey("0-0", KclBehaviour.THROWS_NO_CLASS_DEF_FOUND_ERROR),
				withExplicitHashKey("digits, then not UTF-8", new byte[] { '1', '2', (byte) 0xC3 },
						KclBehaviour.THROWS_NO_CLASS_DEF_FOUND_ERROR),
				withExplicitHashKey("an overlong UTF-8 digit", new byte[] { (byte) 0xC0, (byte) 0xB5 },
						KclBehaviour.THROWS_NO_CLASS_DEF_FOUND_ERROR));
	}

	/** An aggregate whose second user record has this explicit hash key. */
	private static Case withExplicitHashKey(String explicitHashKey, KclBehaviour kcl) {
		return withExplicitHashKey("\"" + explicitHashKey + "\"", explicitHashKey.getBytes(StandardCharsets.UTF_8),
				kcl);
	}

	private static Case withExplicitHashKey(String description, byte[] explicitHashKey, KclBehaviour kcl) {
		byte[] data = new ProtobufBytes().string(1, "pk")
			.string(2, "5")
			.bytes(2, explicitHashKey)
			.message(3, ProtobufBytes.userRecord(0, 0L, "x"))
			.message(3, ProtobufBytes.userRecord(0, 1L, "y"))
			.framed();
		return new Case("explicit hash key " + description, data, CorruptionReason.INVALID_EXPLICIT_HASH_KEY, kcl);
	}

	/** A partition key table of one key and a well-formed first user record. */
	private static ProtobufBytes afterOneRecord() {
		return new ProtobufBytes().string(1, "pk").message(3, ProtobufBytes.userRecord(0, null, "x"));
	}

	private static byte[] md5Mismatch() {
		byte[] data = afterOneRecord().message(3, ProtobufBytes.userRecord(0, null, "y")).framed();
		data[data.length - 1] ^= 1;
		return data;
	}

	private static byte[] truncated() {
		byte[] protobuf = afterOneRecord().message(3, ProtobufBytes.userRecord(0, null, "yz")).toByteArray();
		return ProtobufBytes.frame(Arrays.copyOf(protobuf, protobuf.length - 2));
	}

	private static byte[] nestedGroups(int depth) {
		return afterOneRecord().nestedGroups(5, depth).framed();
	}

	private static byte[] elevenByteVarint() {
		byte[] varint = new byte[11];
		Arrays.fill(varint, (byte) 0x80);
		varint[10] = 1;
		return varint;
	}

	/** What KCL does with a corrupt aggregate. */
	enum KclBehaviour {

		/** Delivers the Kinesis record unchanged, as one non-aggregated record. */
		PASSES_THROUGH,
		/**
		 * Its error path calls {@code javax.xml.bind}, absent on Java 11+:
		 * {@code NoClassDefFoundError}.
		 */
		THROWS_NO_CLASS_DEF_FOUND_ERROR,
		/**
		 * Drops the whole aggregate, as if its user records were outside the shard's
		 * hash-key range.
		 */
		DROPS_THE_AGGREGATE,
		/** Reads index 2^32 as 0 (an {@code int} cast) and delivers every user record. */
		TRUNCATES_THE_INDEX,
		/**
		 * Delivers every user record, a partition key that is not UTF-8 decoded with
		 * replacement characters ({@link #REPLACED_PARTITION_KEY}).
		 */
		DECODES_WITH_REPLACEMENT_CHARACTERS

	}

	record Case(String name, byte[] data, CorruptionReason reason, KclBehaviour kcl) {
		@Override
		public String toString() {
			return this.name;
		}
	}

}
