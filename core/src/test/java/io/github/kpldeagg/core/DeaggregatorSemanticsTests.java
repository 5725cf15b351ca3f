package io.github.kpldeagg.core;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The format's exact semantics for well-formed input and for records that are not
 * aggregates.
 */
class DeaggregatorSemanticsTests {

	private static final String SEQUENCE_NUMBER = "49590338271490256608559692538361571095921575989136588898";

	private final RecordingListener listener = new RecordingListener();

	private final Deaggregator deaggregator = Deaggregator.builder()
		.corruptAggregatePolicy(CorruptAggregatePolicy.FAIL)
		.listener(this.listener)
		.build();

	@ParameterizedTest
	@ValueSource(strings = { "", "x", "hello, world", "\u00f3\u0089\u009a\u00c2 looks like magic in Latin-1 only" })
	void recordWithoutTheMagicPassesThroughUnchanged(String text) {
		byte[] data = text.getBytes(StandardCharsets.UTF_8);

		List<UserRecord> userRecords = this.deaggregator.deaggregate(ByteBuffer.wrap(data), "pk", "123",
				SEQUENCE_NUMBER, null);

		assertThat(userRecords).hasSize(1);
		UserRecord only = userRecords.get(0);
		assertThat(only.bytes()).isEqualTo(data);
		assertThat(only.partitionKey()).isEqualTo("pk");
		assertThat(only.explicitHashKey()).contains("123");
		assertThat(only.sequenceNumber()).isEqualTo(SEQUENCE_NUMBER);
		assertThat(only.subSequenceNumber()).isZero();
		assertThat(only.aggregated()).isFalse();
		assertThat(only.approximateArrivalTimestamp()).isEmpty();
		assertThat(this.listener.events).containsExactly("plain " + SEQUENCE_NUMBER);
	}

	@Test
	void magicWithSixteenBytesOrFewerAfterItPassesThroughUnchanged() {
		for (int after = 0; after <= Md5.DIGEST_LENGTH; after++) {
			byte[] data = Arrays.copyOf(AggregateReader.MAGIC, AggregateReader.MAGIC.length + after);
			assertThat(decode(data)).singleElement().satisfies((only) -> {
				assertThat(only.bytes()).isEqualTo(data);
				assertThat(only.aggregated()).isFalse();
			});
		}
		byte[] magicAndDigestOfNothing = ProtobufBytes.frame(new byte[0]);
		assertThat(decode(magicAndDigestOfNothing)).singleElement()
			.satisfies((only) -> assertThat(only.bytes()).isEqualTo(magicAndDigestOfNothing));
	}

	@Test
	void magicWithSeventeenBytesAfterItIsReadAsAnAggregate() {
		byte[] data = Arrays.copyOf(AggregateReader.MAGIC, AggregateReader.MAGIC.length + Md5.DIGEST_LENGTH + 1);

		assertThatThrownBy(() -> decode(data)).isInstanceOfSatisfying(CorruptAggregateException.class,
				(e) -> assertThat(e.reason()).isEqualTo(CorruptionReason.MD5_MISMATCH));
	}

	@Test
	void aggregateYieldsItsUserRecordsInOrder() {
		byte[] aggregate = new ProtobufBytes().string(1, "first")
			.string(1, "second")
			.string(2, "42")
			.message(3, ProtobufBytes.userRecord(0, null, "one"))
			.message(3, ProtobufBytes.userRecord(1, 0L, "two"))
			.message(3, ProtobufBytes.userRecord(0, 0L, "three"))
			.framed();

		List<UserRecord> userRecords = this.deaggregator.deaggregate(ByteBuffer.wrap(aggregate), "a", null,
				SEQUENCE_NUMBER, null);

		assertThat(userRecords).extracting(UserRecord::partitionKey).containsExactly("first", "second", "first");
		assertThat(userRecords).extracting(UserRecord::explicitHashKey)
			.containsExactly(Optional.empty(), Optional.of("42"), Optional.of("42"));
		assertThat(userRecords).extracting(UserRecord::subSequenceNumber).containsExactly(0L, 1L, 2L);
		assertThat(userRecords).extracting((record) -> new String(record.bytes(), StandardCharsets.UTF_8))
			.containsExactly("one", "two", "three");
		assertThat(userRecords).allSatisfy((record) -> {
			assertThat(record.aggregated()).isTrue();
			assertThat(record.sequenceNumber()).isEqualTo(SEQUENCE_NUMBER);
		});
		assertThat(userRecords.get(0).effectiveHashKey()).isEqualTo(md5AsHashKey("first"));
		assertThat(userRecords.get(1).effectiveHashKey()).isEqualTo(BigInteger.valueOf(42));
		assertThat(this.listener.events).containsExactly("aggregate " + SEQUENCE_NUMBER + " 3 0");
	}

	@Test
	void aggregateWithoutUserRecordsYieldsNone() {
		byte[] aggregate = new ProtobufBytes().string(1, "unused").framed();

		assertThat(decode(aggregate)).isEmpty();
		assertThat(this.listener.events).containsExactly("aggregate " + SEQUENCE_NUMBER + " 0 0");
	}

	@Test
	void emptyDataIsAZeroLengthUserRecord() {
		byte[] aggregate = new ProtobufBytes().string(1, "pk")
			.message(3, ProtobufBytes.userRecord(0, null, ""))
			.message(3, ProtobufBytes.userRecord(0, null, ""))
			.framed();

		assertThat(decode(aggregate)).hasSize(2).allSatisfy((record) -> {
			assertThat(record.dataLength()).isZero();
			assertThat(record.bytes()).isEmpty();
			assertThat(record.data().remaining()).isZero();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "ff", "80", "c0af", "c1bf", "e080af", "eda080", "edbfbf", "f08fbfbf", "f4908080",
			"f5808080", "c3", "e282", "f09f98", "c328", "e228a1" })
	void partitionKeyThatIsNotUtf8MakesTheAggregateCorrupt(String invalidUtf8) {
		byte[] partitionKey = HexFormat.of().parseHex("70" + invalidUtf8);
		byte[] aggregate = new ProtobufBytes().string(1, "pk")
			.bytes(1, partitionKey)
			.message(3, ProtobufBytes.userRecord(0, null, "x"))
			.message(3, ProtobufBytes.userRecord(1, null, "y"))
			.framed();

		assertThatThrownBy(() -> decode(aggregate)).isInstanceOfSatisfying(CorruptAggregateException.class, (e) -> {
			assertThat(e.reason()).isEqualTo(CorruptionReason.PARTITION_KEY_NOT_UTF8);
			assertThat(e.getMessage()).contains("user record 1");
		});
		assertThat(this.listener.events).containsExactly("corrupt " + SEQUENCE_NUMBER + " PARTITION_KEY_NOT_UTF8 FAIL");
	}

	@Test
	void partitionKeysOfEveryUtf8LengthAreDeliveredAndHashedAsTheirBytes() {
		List<String> partitionKeys = List.of("\u007f", "\u0080", "\u07ff", "\u0800", "\ud7ff", "\ue000", "\uffff",
				"\ud800\udc00", "\udbff\udfff", "\u043a\u043b\u044e\u0447 \u952e \ud83d\ude42");
		ProtobufBytes protobuf = new ProtobufBytes();
		for (String partitionKey : partitionKeys) {
			protobuf.string(1, partitionKey);
		}
		for (int i = 0; i < partitionKeys.size(); i++) {
			protobuf.message(3, ProtobufBytes.userRecord(i, null, "x"));
		}

		List<UserRecord> userRecords = decode(protobuf.framed());

		assertThat(userRecords).extracting(UserRecord::partitionKey).containsExactlyElementsOf(partitionKeys);
		assertThat(userRecords).extracting(UserRecord::effectiveHashKey)
			.containsExactlyElementsOf(partitionKeys.stream().map(DeaggregatorSemanticsTests::md5AsHashKey).toList());
	}

	@Test
	void aPartitionKeyThatNoUserRecordUsesIsNotChecked() {
		byte[] aggregate = new ProtobufBytes().string(1, "pk")
			.bytes(1, new byte[] { (byte) 0xFF })
			.message(3, ProtobufBytes.userRecord(0, null, "x"))
			.message(3, ProtobufBytes.userRecord(0, null, "y"))
			.framed();

		assertThat(decode(aggregate)).extracting(UserRecord::partitionKey).containsExactly("pk", "pk");
	}

	@Test
	void userRecordsAreCheckedInOrderEachOnesPartitionKeyBeforeItsExplicitHashKey() {
		ProtobufBytes tables = new ProtobufBytes().string(1, "pk").bytes(1, new byte[] { (byte) 0xFF }).string(2, "1");
		byte[] notUtf8First = new ProtobufBytes().raw(tables.toByteArray())
			.message(3, ProtobufBytes.userRecord(0, 0L, "x"))
			.message(3, ProtobufBytes.userRecord(1, 1L, "y"))
			.message(3, ProtobufBytes.userRecord(5, null, "z"))
			.framed();
		byte[] indexFirst = new ProtobufBytes().raw(tables.toByteArray())
			.message(3, ProtobufBytes.userRecord(0, 1L, "x"))
			.message(3, ProtobufBytes.userRecord(1, null, "y"))
			.framed();

		assertThatThrownBy(() -> decode(notUtf8First)).isInstanceOfSatisfying(CorruptAggregateException.class,
				(e) -> assertThat(e.reason()).isEqualTo(CorruptionReason.PARTITION_KEY_NOT_UTF8));
		assertThatThrownBy(() -> decode(indexFirst)).isInstanceOfSatisfying(CorruptAggregateException.class,
				(e) -> assertThat(e.reason()).isEqualTo(CorruptionReason.EXPLICIT_HASH_KEY_INDEX_OUT_OF_RANGE));
	}

	@Test
	void unknownFieldsWireTypeMismatchesAndTagsAreIgnored() {
		byte[] plainAggregate = new ProtobufBytes().string(1, "pk")
			.string(2, "7")
			.message(3, ProtobufBytes.userRecord(0, 0L, "data"))
			.message(3, ProtobufBytes.userRecord(0, null, "more"))
			.framed();
		ProtobufBytes tag = new ProtobufBytes().string(1, "key").string(2, "value").uint64(1, 5).uint64(9, 1);
		ProtobufBytes noisyRecord = new ProtobufBytes().tag(1, ProtobufBytes.LENGTH_DELIMITED)
			.varint(2)
			.raw((byte) 1, (byte) 2)
			.uint64(1, 0)
			.uint64(2, 0)
			.tag(3, ProtobufBytes.VARINT)
			.varint(99)
			.message(4, tag)
			.tag(2, ProtobufBytes.FIXED32)
			.raw(new byte[4])
			.string(3, "data")
			.tag(15, ProtobufBytes.FIXED64)
			.raw(new byte[8])
			.tag(100, ProtobufBytes.START_GROUP)
			.uint64(1, 1)
			.tag(101, ProtobufBytes.START_GROUP)
			.tag(101, ProtobufBytes.END_GROUP)
			.tag(100, ProtobufBytes.END_GROUP);
		byte[] noisyAggregate = new ProtobufBytes().uint64(1, 3)
			.tag(2, ProtobufBytes.FIXED64)
			.raw(new byte[8])
			.tag(3, ProtobufBytes.VARINT)
			.varint(1)
			.string(1, "pk")
			.string(2, "7")
			.string(4, "unknown")
			.uint64(5, Long.MAX_VALUE)
			.tag(6, ProtobufBytes.FIXED32)
			.raw(new byte[4])
			.tag(536_870_911, ProtobufBytes.START_GROUP)
			.string(1, "in a group")
			.tag(536_870_911, ProtobufBytes.END_GROUP)
			.message(3, noisyRecord)
			.message(3, ProtobufBytes.userRecord(0, null, "more").message(4, tag))
			.framed();

		assertThat(decode(noisyAggregate)).isEqualTo(decode(plainAggregate)).hasSize(2);
	}

	@Test
	void unknownGroupsNestAsDeepAsProtobufJavasRecursionLimitAllows() {
		for (int depth : new int[] { 0, 1, 2 }) {
			int deepest = 100 - depth;
			assertThat(decode(GroupNesting.aggregate(depth, deepest))).as("message depth %d", depth).hasSize(2);
			assertThatThrownBy(() -> decode(GroupNesting.aggregate(depth, deepest + 1))).as("message depth %d", depth)
				.isInstanceOfSatisfying(CorruptAggregateException.class,
						(e) -> assertThat(e.reason()).isEqualTo(CorruptionReason.INVALID_PROTOBUF));
		}
	}

	@Test
	void fieldsAreAcceptedInAnyOrder() {
		byte[] inOrder = new ProtobufBytes().string(1, "p0")
			.string(1, "p1")
			.string(2, "0")
			.string(2, "1")
			.message(3, ProtobufBytes.userRecord(1, 1L, "a"))
			.message(3, ProtobufBytes.userRecord(0, null, "b"))
			.framed();
		ProtobufBytes dataFirst = new ProtobufBytes().string(3, "a").uint64(2, 1).uint64(1, 1);
		byte[] shuffled = new ProtobufBytes().message(3, dataFirst)
			.string(2, "0")
			.string(1, "p0")
			.message(3, new ProtobufBytes().string(3, "b").uint64(1, 0))
			.string(1, "p1")
			.string(2, "1")
			.framed();

		assertThat(decode(shuffled)).isEqualTo(decode(inOrder)).hasSize(2);
	}

	@Test
	void aRepeatedScalarTakesItsLastValue() {
		ProtobufBytes twice = new ProtobufBytes().uint64(1, 5).string(3, "old").uint64(1, 1).string(3, "new");
		byte[] aggregate = new ProtobufBytes().string(1, "p0")
			.string(1, "p1")
			.message(3, twice)
			.message(3, ProtobufBytes.userRecord(0, null, "x"))
			.framed();

		UserRecord first = decode(aggregate).get(0);

		assertThat(first.partitionKey()).isEqualTo("p1");
		assertThat(first.bytes()).isEqualTo("new".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void explicitHashKeysAreReadAsKclReadsThem() {
		byte[] aggregate = new ProtobufBytes().string(1, "pk")
			.string(2, "00042")
			.string(2, "+7")
			.string(2, HashKeys.MAX_HASH_KEY.toString())
			.string(2, "0")
			.message(3, ProtobufBytes.userRecord(0, 0L, "a"))
			.message(3, ProtobufBytes.userRecord(0, 1L, "b"))
			.message(3, ProtobufBytes.userRecord(0, 2L, "c"))
			.message(3, ProtobufBytes.userRecord(0, 3L, "d"))
			.framed();

		List<UserRecord> userRecords = decode(aggregate);

		assertThat(userRecords).extracting(UserRecord::explicitHashKey)
			.containsExactly(Optional.of("00042"), Optional.of("+7"), Optional.of(HashKeys.MAX_HASH_KEY.toString()),
					Optional.of("0"));
		assertThat(userRecords).extracting(UserRecord::effectiveHashKey)
			.containsExactly(BigInteger.valueOf(42), BigInteger.valueOf(7), HashKeys.MAX_HASH_KEY, BigInteger.ZERO);
	}

	@Test
	void dataIsAReadOnlyViewOfTheRecordNotACopy() {
		byte[] aggregate = new ProtobufBytes().string(1, "pk")
			.message(3, ProtobufBytes.userRecord(0, null, "abc"))
			.message(3, ProtobufBytes.userRecord(0, null, "def"))
			.framed();
		UserRecord second = decode(aggregate).get(1);
		ByteBuffer view = second.data();

		assertThat(view.isReadOnly()).isTrue();
		assertThat(view.position()).isZero();
		assertThat(view.remaining()).isEqualTo(3);
		int at = indexOf(aggregate, "def".getBytes(StandardCharsets.UTF_8));
		aggregate[at] = 'X';
		assertThat(view.get(0)).isEqualTo((byte) 'X');
		assertThat(second.bytes()).isEqualTo("Xef".getBytes(StandardCharsets.UTF_8));
	}

	private List<UserRecord> decode(byte[] data) {
		return this.deaggregator.deaggregate(ByteBuffer.wrap(data), "a", SEQUENCE_NUMBER);
	}

	static BigInteger md5AsHashKey(String partitionKey) {
		try {
			return new BigInteger(1,
					MessageDigest.getInstance("MD5").digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		for (int i = 0; i + needle.length <= haystack.length; i++) {
			if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
				return i;
			}
		}
		throw new AssertionError("not found");
	}

}
