package io.github.kpldeagg.core;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.github.kpldeagg.core.KplVectors.ExpectedUserRecord;
import io.github.kpldeagg.core.KplVectors.Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the real KPL daemon wrote comes out exactly as it went in, and the aggregator
 * writes the same.
 */
class KplVectorTests {

	static List<Vector> vectors() {
		return KplVectors.all();
	}

	static List<Vector> aggregatedVectors() {
		return KplVectors.aggregated();
	}

	static List<Vector> plainVectors() {
		return KplVectors.all().stream().filter((vector) -> !vector.aggregated()).toList();
	}

	@Test
	void corpusCoversBothKplVersionsPlainRecordsAndAggregates() throws Exception {
		for (String producer : KplVectors.producers()) {
			List<Vector> vectors = KplVectors.of(producer);
			assertThat(vectors).as(producer).anyMatch(Vector::aggregated).anyMatch((vector) -> !vector.aggregated());
			assertThat(vectors.stream().mapToInt((vector) -> vector.userRecords().size()).sum()).as(producer)
				.isEqualTo(1001);
		}
		for (Vector vector : KplVectors.all()) {
			assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(vector.data())))
				.as(vector.file())
				.isEqualTo(vector.sha256());
		}
	}

	/**
	 * The KPL puts each Kinesis record with its first user record's effective hash key as
	 * explicit hash key, computed by the KPL itself, and Kinesis routed it by that key
	 * into the shard's range.
	 */
	@ParameterizedTest
	@MethodSource("vectors")
	void effectiveHashKeyIsTheKplsAndFallsInTheShardKinesisChose(Vector vector) {
		ExpectedUserRecord first = vector.userRecords().get(0);

		BigInteger hashKey = HashKeys.effectiveHashKey(first.partitionKey(), first.explicitHashKey());

		assertThat(hashKey).isEqualTo(new BigInteger(vector.explicitHashKey()))
			.isBetween(vector.startingHashKey(), vector.endingHashKey());
	}

	@ParameterizedTest
	@MethodSource("vectors")
	void everyUserRecordComesOutByteExact(Vector vector) {
		List<UserRecord> userRecords = Deaggregator.create().deaggregate(List.of(vector.sdkRecord()));

		assertThat(userRecords).hasSameSizeAs(vector.userRecords());
		for (int i = 0; i < userRecords.size(); i++) {
			assertMatches(userRecords.get(i), vector.userRecords().get(i), vector);
		}
	}

	@ParameterizedTest
	@MethodSource("plainVectors")
	void plainRecordsPassThroughUnchanged(Vector vector) {
		UserRecord only = Deaggregator.create().deaggregate(List.of(vector.sdkRecord())).get(0);

		assertThat(only.bytes()).isEqualTo(vector.data());
		assertThat(only.partitionKey()).isEqualTo(vector.partitionKey());
		assertThat(only.aggregated()).isFalse();
	}

	@ParameterizedTest
	@MethodSource("aggregatedVectors")
	void shardFilterKeepsExactlyTheUserRecordsInsideTheRange(Vector vector) {
		List<ExpectedUserRecord> expected = vector.userRecords();
		List<BigInteger> hashKeys = expected.stream()
			.map((r) -> new BigInteger(r.effectiveHashKey()))
			.sorted()
			.toList();
		BigInteger median = hashKeys.get(hashKeys.size() / 2);
		List<BigInteger[]> ranges = new ArrayList<>();
		ranges.add(new BigInteger[] { vector.startingHashKey(), vector.endingHashKey() });
		ranges.add(new BigInteger[] { vector.startingHashKey(), median });
		ranges.add(new BigInteger[] { median, vector.endingHashKey() });
		KplVectors.all()
			.stream()
			.map((other) -> new BigInteger[] { other.startingHashKey(), other.endingHashKey() })
			.forEach(ranges::add);

		for (BigInteger[] range : ranges) {
			RecordingListener listener = new RecordingListener();
			Deaggregator filtering = Deaggregator.builder().hashKeyRange(range[0], range[1]).listener(listener).build();

			List<UserRecord> kept = filtering.deaggregate(List.of(vector.sdkRecord()));

			List<ExpectedUserRecord> inside = expected.stream().filter((r) -> {
				BigInteger hashKey = new BigInteger(r.effectiveHashKey());
				return hashKey.compareTo(range[0]) >= 0 && hashKey.compareTo(range[1]) <= 0;
			}).toList();
			assertThat(kept).hasSameSizeAs(inside);
			for (int i = 0; i < kept.size(); i++) {
				assertMatches(kept.get(i), inside.get(i), vector);
			}
			assertThat(listener.events).containsExactly("aggregate " + vector.sequenceNumber() + " " + expected.size()
					+ " " + (expected.size() - inside.size()));
		}
	}

	@Test
	void ownShardRangeKeepsEverythingAndOtherShardsKeepNothing() {
		for (Vector vector : KplVectors.aggregated()) {
			Deaggregator ownShard = Deaggregator.builder()
				.hashKeyRange(vector.startingHashKey(), vector.endingHashKey())
				.build();
			assertThat(ownShard.deaggregate(List.of(vector.sdkRecord()))).hasSameSizeAs(vector.userRecords());
		}
		Vector onShard0 = KplVectors.aggregated()
			.stream()
			.filter((v) -> v.shardId().endsWith("0"))
			.findFirst()
			.orElseThrow();
		Vector onShard2 = KplVectors.aggregated()
			.stream()
			.filter((v) -> v.shardId().endsWith("2"))
			.findFirst()
			.orElseThrow();
		Deaggregator shard2 = Deaggregator.builder()
			.hashKeyRange(onShard2.startingHashKey(), onShard2.endingHashKey())
			.build();
		assertThat(shard2.deaggregate(List.of(onShard0.sdkRecord()))).isEmpty();
	}

	@Test
	void plainRecordsAreNeverFiltered() {
		Vector plain = plainVectors().get(0);
		BigInteger hashKey = new BigInteger(plain.userRecords().get(0).effectiveHashKey());
		RecordingListener listener = new RecordingListener();
		Deaggregator elsewhere = Deaggregator.builder()
			.hashKeyRange(hashKey.add(BigInteger.ONE), HashKeys.MAX_HASH_KEY)
			.listener(listener)
			.build();

		assertThat(elsewhere.deaggregate(List.of(plain.sdkRecord()))).hasSize(1);
		assertThat(listener.events).containsExactly("plain " + plain.sequenceNumber());
	}

	@ParameterizedTest
	@MethodSource("vectors")
	void aggregatorWritesWhatTheKplWrote(Vector vector) {
		Aggregator aggregator = Aggregator.create();
		List<KinesisRecord> written = new ArrayList<>();
		for (ExpectedUserRecord userRecord : vector.userRecords()) {
			written.addAll(aggregator.add(userRecord.partitionKey(), userRecord.explicitHashKey(), userRecord.data()));
		}
		aggregator.flush().ifPresent(written::add);

		assertThat(written).hasSize(1);
		KinesisRecord only = written.get(0);
		assertThat(only.data()).isEqualTo(vector.data());
		assertThat(only.aggregated()).isEqualTo(vector.aggregated());
		assertThat(only.userRecordCount()).isEqualTo(vector.userRecords().size());
		assertThat(only.partitionKey()).isEqualTo(vector.partitionKey());
		assertThat(only.explicitHashKey()).isEqualTo(vector.explicitHashKey());
	}

	static void assertMatches(UserRecord actual, ExpectedUserRecord expected, Vector vector) {
		String where = vector.file() + " #" + expected.subSequenceNumber();
		assertThat(actual.bytes()).as(where).isEqualTo(expected.data());
		assertThat(actual.partitionKey()).as(where).isEqualTo(expected.partitionKey());
		assertThat(actual.explicitHashKey()).as(where).isEqualTo(Optional.ofNullable(expected.explicitHashKey()));
		assertThat(actual.subSequenceNumber()).as(where).isEqualTo(expected.subSequenceNumber());
		assertThat(actual.sequenceNumber()).as(where).isEqualTo(vector.sequenceNumber());
		assertThat(actual.aggregated()).as(where).isEqualTo(vector.aggregated());
		assertThat(actual.approximateArrivalTimestamp()).as(where).contains(vector.arrival());
		assertThat(actual.effectiveHashKey()).as(where).isEqualTo(new BigInteger(expected.effectiveHashKey()));
	}

}
