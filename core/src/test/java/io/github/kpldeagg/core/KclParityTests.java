package io.github.kpldeagg.core;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.kpldeagg.core.CorruptAggregates.Case;
import io.github.kpldeagg.core.KplVectors.Vector;
import io.github.kpldeagg.core.RandomUserRecords.Input;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Our reader next to KCL 2.5.8's {@code AggregatorUtil}: identical on well-formed
 * aggregates, and for each class of bad input, what KCL actually does, asserted rather
 * than assumed.
 */
@Tag("kcl")
class KclParityTests {

	static List<Vector> vectors() {
		return KplVectors.all();
	}

	static List<Case> corruptAggregates() {
		return CorruptAggregates.all();
	}

	@ParameterizedTest
	@MethodSource("vectors")
	void kplVectorsReadExactlyAsKclReadsThem(Vector vector) {
		assertSame(Deaggregator.create().deaggregate(List.of(vector.sdkRecord())), Kcl.deaggregate(vector.sdkRecord()));
		Deaggregator ownShard = Deaggregator.builder()
			.hashKeyRange(vector.startingHashKey(), vector.endingHashKey())
			.build();
		assertSame(ownShard.deaggregate(List.of(vector.sdkRecord())),
				Kcl.deaggregate(vector.sdkRecord(), vector.startingHashKey(), vector.endingHashKey()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corruptAggregates")
	void corruptAggregateAsKclHandlesItAndAsWeDo(Case corrupt) {
		Record record = Kcl.sdkRecord(corrupt.data(), "a", "1");
		switch (corrupt.kcl()) {
			case PASSES_THROUGH -> assertThat(Kcl.deaggregate(record)).singleElement().satisfies((only) -> {
				assertThat(Kcl.bytes(only)).isEqualTo(corrupt.data());
				assertThat(only.aggregated()).isFalse();
			});
			case THROWS_NO_CLASS_DEF_FOUND_ERROR ->
				assertThatThrownBy(() -> Kcl.deaggregate(record)).isInstanceOf(NoClassDefFoundError.class)
					.hasMessageContaining("javax/xml/bind/DatatypeConverter");
			case DROPS_THE_AGGREGATE -> assertThat(Kcl.deaggregate(record)).isEmpty();
			case TRUNCATES_THE_INDEX ->
				assertThat(Kcl.deaggregate(record)).extracting(KinesisClientRecord::partitionKey)
					.containsExactly("pk", "pk");
			case DECODES_WITH_REPLACEMENT_CHARACTERS ->
				assertThat(Kcl.deaggregate(record)).extracting(KinesisClientRecord::partitionKey)
					.containsExactly("pk", CorruptAggregates.REPLACED_PARTITION_KEY);
		}
		List<UserRecord> ours = Deaggregator.create().deaggregate(List.of(record));
		assertThat(ours).singleElement().satisfies((only) -> {
			assertThat(only.bytes()).isEqualTo(corrupt.data());
			assertThat(only.aggregated()).isFalse();
		});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corruptAggregates")
	void withJaxbPresentAsOnJava8KclKeepsTheRecordsBeforeABadIndexAndDropsTheRest(Case corrupt) throws Exception {
		List<String> kept = KclWithJaxb.deaggregateToPartitionKeys(corrupt.data());
		switch (corrupt.kcl()) {
			case THROWS_NO_CLASS_DEF_FOUND_ERROR ->
				assertThat(kept).as("only the well-formed first user record").containsExactly("pk");
			case PASSES_THROUGH -> assertThat(kept).containsExactly("a");
			case DROPS_THE_AGGREGATE -> assertThat(kept).isEmpty();
			case TRUNCATES_THE_INDEX -> assertThat(kept).containsExactly("pk", "pk");
			case DECODES_WITH_REPLACEMENT_CHARACTERS ->
				assertThat(kept).containsExactly("pk", CorruptAggregates.REPLACED_PARTITION_KEY);
		}
	}

	@Test
	void onAHashKeyRangeMissKclDropsTheWholeAggregateWeDropPerUserRecord() {
		BigInteger low = BigInteger.TEN;
		BigInteger high = BigInteger.valueOf(1_000);
		byte[] aggregate = new ProtobufBytes().string(1, "pk")
			.string(2, "5")
			.string(2, "500")
			.string(2, "5000")
			.message(3, ProtobufBytes.userRecord(0, 1L, "inside"))
			.message(3, ProtobufBytes.userRecord(0, 0L, "below"))
			.message(3, ProtobufBytes.userRecord(0, 1L, "inside too"))
			.message(3, ProtobufBytes.userRecord(0, 2L, "above"))
			.framed();
		Record record = Kcl.sdkRecord(aggregate, "a", "1");

		assertThat(Kcl.deaggregate(record, low, high)).isEmpty();
		RecordingListener listener = new RecordingListener();
		List<UserRecord> ours = Deaggregator.builder()
			.hashKeyRange(low, high)
			.listener(listener)
			.build()
			.deaggregate(List.of(record));
		assertThat(ours).extracting(UserRecord::subSequenceNumber).containsExactly(0L, 2L);
		assertThat(listener.events).containsExactly("aggregate 1 4 2");
	}

	@Test
	void groupNestingLimitIsTheGeneratedParsersAtEachMessageDepth() {
		for (int depth : new int[] { 0, 1, 2 }) {
			int deepest = 100 - depth;
			Record accepted = Kcl.sdkRecord(GroupNesting.aggregate(depth, deepest), "a", "1");
			Record rejected = Kcl.sdkRecord(GroupNesting.aggregate(depth, deepest + 1), "a", "1");

			assertThat(Kcl.deaggregate(accepted)).as("message depth %d", depth).hasSize(2);
			assertSame(Deaggregator.create().deaggregate(List.of(accepted)), Kcl.deaggregate(accepted));
			assertThat(Kcl.deaggregate(rejected)).as("passed through")
				.singleElement()
				.extracting(KinesisClientRecord::aggregated)
				.isEqualTo(false);
			assertSame(Deaggregator.create().deaggregate(List.of(rejected)), Kcl.deaggregate(rejected));
		}
	}

	@Test
	void kclHashesTheReplacementCharactersOfANonUtf8PartitionKeyWePassTheAggregateThrough() {
		byte[] partitionKey = { 'p', (byte) 0xC3, '(', (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80 };
		BigInteger producersHashKey = new BigInteger(1, Md5.digest(partitionKey));
		byte[] aggregate = new ProtobufBytes().bytes(1, partitionKey)
			.message(3, ProtobufBytes.userRecord(0, null, "x"))
			.message(3, ProtobufBytes.userRecord(0, null, "y"))
			.framed();
		Record record = Kcl.sdkRecord(aggregate, "a", "1");

		String replaced = new String(partitionKey, StandardCharsets.UTF_8);
		assertThat(replaced).startsWith("p\uFFFD(\uFFFD");
		assertThat(Kcl.deaggregate(record)).extracting(KinesisClientRecord::partitionKey)
			.containsExactly(replaced, replaced);
		assertThat(Kcl.deaggregate(record, producersHashKey, producersHashKey))
			.as("dropped from the shard of the producer's key")
			.isEmpty();
		RecordingListener listener = new RecordingListener();
		assertThat(Deaggregator.builder().listener(listener).build().deaggregate(record)).singleElement()
			.satisfies((only) -> {
				assertThat(only.bytes()).isEqualTo(aggregate);
				assertThat(only.aggregated()).isFalse();
			});
		assertThat(listener.events).containsExactly("corrupt 1 PARTITION_KEY_NOT_UTF8 PASS_THROUGH");
	}

	@Test
	void whatTheAggregatorWritesBothReadersReadBackAsItWent() {
		RandomUserRecords.withSeed((random) -> {
			for (int run = 0; run < 200; run++) {
				int maxAggregateBytes = random.nextBoolean() ? Aggregator.DEFAULT_MAX_AGGREGATE_BYTES
						: 21 + random.nextInt(5_000);
				int maxUserRecords = random.nextBoolean() ? Integer.MAX_VALUE : 1 + random.nextInt(50);
				List<Input> inputs = new RandomUserRecords(random).next(1 + random.nextInt(200),
						(random.nextInt(10) != 0) ? 2_000 : 100_000);
				List<KinesisRecord> written = AggregatorTests
					.aggregate(Aggregator.create(maxAggregateBytes, maxUserRecords), inputs);

				List<UserRecord> ours = new ArrayList<>();
				List<KinesisClientRecord> kcl = new ArrayList<>();
				for (int i = 0; i < written.size(); i++) {
					Record record = Kcl.sdkRecord(written.get(i).data(), written.get(i).partitionKey(),
							String.valueOf(i));
					ours.addAll(Deaggregator.create().deaggregate(List.of(record)));
					kcl.addAll(Kcl.deaggregate(record));
				}
				assertSame(ours, kcl);
				AggregatorTests.assertSameUserRecords(ours, inputs);
			}
		});
	}

	static void assertSame(List<UserRecord> ours, List<KinesisClientRecord> kcl) {
		assertThat(ours).hasSameSizeAs(kcl);
		for (int i = 0; i < ours.size(); i++) {
			UserRecord actual = ours.get(i);
			KinesisClientRecord expected = kcl.get(i);
			assertThat(actual.bytes()).as("user record %d", i).isEqualTo(Kcl.bytes(expected));
			assertThat(actual.partitionKey()).as("user record %d", i).isEqualTo(expected.partitionKey());
			assertThat(actual.explicitHashKey().orElse(null)).as("user record %d", i)
				.isEqualTo(expected.explicitHashKey());
			assertThat(actual.sequenceNumber()).as("user record %d", i).isEqualTo(expected.sequenceNumber());
			assertThat(actual.subSequenceNumber()).as("user record %d", i).isEqualTo(expected.subSequenceNumber());
			assertThat(actual.aggregated()).as("user record %d", i).isEqualTo(expected.aggregated());
			assertThat(actual.approximateArrivalTimestamp().orElse(null)).as("user record %d", i)
				.isEqualTo(expected.approximateArrivalTimestamp());
		}
	}

}
