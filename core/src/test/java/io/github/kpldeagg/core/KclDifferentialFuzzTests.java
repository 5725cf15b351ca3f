package io.github.kpldeagg.core;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;

import com.google.protobuf.InvalidProtocolBufferException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.retrieval.kpl.Messages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile aggregates read by our walk and by protobuf-java's generated parser (KCL's own
 * {@code Messages}): the walk must accept exactly what the generated parser accepts, read
 * the same fields, and name the same defect. One defect is ours alone: a user record's
 * partition key that is not UTF-8, which the generated classes decode with replacement
 * characters.
 */
@Tag("kcl")
class KclDifferentialFuzzTests {

	private static final Deaggregator FAILING = Deaggregator.builder()
		.corruptAggregatePolicy(CorruptAggregatePolicy.FAIL)
		.build();

	@Test
	void walkAgreesWithTheGeneratedParserOnMutatedAggregates() {
		RandomUserRecords.withSeed((random) -> {
			AggregateMutator mutator = new AggregateMutator(random);
			for (int i = 0; i < FuzzCases.count(); i++) {
				byte[] protobuf = mutator.nextProtobuf();
				try {
					assertAgrees(protobuf);
				}
				catch (AssertionError | RuntimeException ex) {
					throw FuzzCases.failure(protobuf, ex);
				}
			}
		});
	}

	private static void assertAgrees(byte[] protobuf) {
		byte[] aggregate = ProtobufBytes.frame(protobuf);
		Object expected = referenceOutcome(protobuf);
		Object actual;
		try {
			actual = FAILING.deaggregate(ByteBuffer.wrap(aggregate), "a", "1");
		}
		catch (CorruptAggregateException ex) {
			actual = ex.reason();
		}
		if (protobuf.length == 0) {
			assertThat(castToUserRecords(actual)).as("magic and MD5 alone are a plain record")
				.singleElement()
				.satisfies((only) -> assertThat(only.aggregated()).isFalse());
			return;
		}
		if (expected instanceof Messages.AggregatedRecord reference) {
			assertThat(actual).isInstanceOf(List.class);
			assertSameUserRecords(castToUserRecords(actual), reference);
		}
		else {
			assertThat(actual).isEqualTo(expected);
		}
	}

	/**
	 * The generated parser's verdict: the parsed aggregate if it is usable, else the
	 * defect's reason.
	 */
	private static Object referenceOutcome(byte[] protobuf) {
		Messages.AggregatedRecord parsed;
		try {
			parsed = Messages.AggregatedRecord.getDefaultInstance().getParserForType().parsePartialFrom(protobuf);
		}
		catch (InvalidProtocolBufferException ex) {
			return CorruptionReason.INVALID_PROTOBUF;
		}
		if (!parsed.isInitialized()) {
			return CorruptionReason.MISSING_REQUIRED_FIELD;
		}
		for (Messages.Record record : parsed.getRecordsList()) {
			if (Long.compareUnsigned(record.getPartitionKeyIndex(), parsed.getPartitionKeyTableCount()) >= 0) {
				return CorruptionReason.PARTITION_KEY_INDEX_OUT_OF_RANGE;
			}
			// Where the generated classes would decode with replacement characters.
			if (!parsed.getPartitionKeyTableBytes((int) record.getPartitionKeyIndex()).isValidUtf8()) {
				return CorruptionReason.PARTITION_KEY_NOT_UTF8;
			}
			if (!record.hasExplicitHashKeyIndex()) {
				continue;
			}
			if (Long.compareUnsigned(record.getExplicitHashKeyIndex(), parsed.getExplicitHashKeyTableCount()) >= 0) {
				return CorruptionReason.EXPLICIT_HASH_KEY_INDEX_OUT_OF_RANGE;
			}
			if (!isHashKey(parsed.getExplicitHashKeyTable((int) record.getExplicitHashKeyIndex()))) {
				return CorruptionReason.INVALID_EXPLICIT_HASH_KEY;
			}
		}
		return parsed;
	}

	/**
	 * What KCL accepts as an explicit hash key: {@code new BigInteger(key)} in [0,
	 * 2^128).
	 */
	private static boolean isHashKey(String key) {
		try {
			BigInteger value = new BigInteger(key);
			return value.signum() >= 0 && value.bitLength() <= 128;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static void assertSameUserRecords(List<UserRecord> actual, Messages.AggregatedRecord reference) {
		assertThat(actual).hasSize(reference.getRecordsCount());
		for (int i = 0; i < actual.size(); i++) {
			Messages.Record expected = reference.getRecords(i);
			UserRecord userRecord = actual.get(i);
			assertThat(userRecord.bytes()).isEqualTo(expected.getData().toByteArray());
			assertThat(userRecord.partitionKey())
				.isEqualTo(reference.getPartitionKeyTable((int) expected.getPartitionKeyIndex()));
			assertThat(userRecord.explicitHashKey().orElse(null)).isEqualTo(expected.hasExplicitHashKeyIndex()
					? reference.getExplicitHashKeyTable((int) expected.getExplicitHashKeyIndex()) : null);
			assertThat(userRecord.subSequenceNumber()).isEqualTo(i);
		}
	}

	@SuppressWarnings("unchecked")
	private static List<UserRecord> castToUserRecords(Object userRecords) {
		return (List<UserRecord>) userRecords;
	}

}
