package io.github.kpldeagg.core;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.github.kpldeagg.core.RandomUserRecords.Input;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The aggregator's limits and choices, and that what it writes reads back as what went
 * in.
 */
class AggregatorTests {

	private static final int FRAMING_BYTES = 20;

	@Test
	void randomUserRecordsRoundTripWithinTheLimits() {
		RandomUserRecords.withSeed((random) -> {
			for (int run = 0; run < 300; run++) {
				int maxAggregateBytes = switch (random.nextInt(4)) {
					case 0 -> Aggregator.DEFAULT_MAX_AGGREGATE_BYTES;
					case 1 -> Aggregator.MAX_RECORD_BYTES;
					default -> FRAMING_BYTES + 1 + random.nextInt(5_000);
				};
				int maxUserRecords = random.nextBoolean() ? Integer.MAX_VALUE : 1 + random.nextInt(20);
				List<Input> inputs = new RandomUserRecords(random).next(1 + random.nextInt(300),
						(random.nextInt(10) != 0) ? 3_000 : 200_000);

				List<KinesisRecord> written = aggregate(Aggregator.create(maxAggregateBytes, maxUserRecords), inputs);

				assertOuterKeysAreTheKplsChoice(written, inputs);
				for (KinesisRecord record : written) {
					if (record.aggregated()) {
						assertThat(record.data().length).isLessThanOrEqualTo(maxAggregateBytes);
						assertThat(record.userRecordCount()).isLessThanOrEqualTo(maxUserRecords);
					}
				}
				assertThat(written.stream().mapToInt(KinesisRecord::userRecordCount).sum()).isEqualTo(inputs.size());
				assertSameUserRecords(deaggregate(written), inputs);
			}
		});
	}

	@Test
	void anAggregateIsCutOnlyWhenTheNextUserRecordWouldNotFit() {
		RandomUserRecords.withSeed((random) -> {
			int maxAggregateBytes = 2_000 + random.nextInt(3_000);
			RandomUserRecords generator = new RandomUserRecords(random);
			Aggregator aggregator = Aggregator.create(maxAggregateBytes, Integer.MAX_VALUE);
			List<Input> pending = new ArrayList<>();
			for (int i = 0; i < 2_000; i++) {
				Input next = new Input(generator.partitionKey(), generator.explicitHashKey(), generator.data(500));
				List<KinesisRecord> completed = aggregator.add(next.partitionKey(), next.explicitHashKey(),
						next.data());
				if (!completed.isEmpty()) {
					List<Input> withNext = new ArrayList<>(pending);
					withNext.add(next);
					assertThat(completed).singleElement()
						.satisfies((record) -> assertThat(record.userRecordCount()).isEqualTo(pending.size()));
					assertThat(unlimitedSize(withNext)).isGreaterThan(maxAggregateBytes);
					pending.clear();
				}
				pending.add(next);
				assertThat(unlimitedSize(pending)).isLessThanOrEqualTo(maxAggregateBytes);
			}
		});
	}

	@Test
	void aUserRecordTooLargeToAggregateGoesOutPlainAfterThePendingAggregate() {
		Aggregator aggregator = Aggregator.create(100, Integer.MAX_VALUE);
		assertThat(aggregator.add("p1", null, new byte[10])).isEmpty();
		assertThat(aggregator.add("p2", null, new byte[10])).isEmpty();

		List<KinesisRecord> completed = aggregator.add("big", "5", new byte[100]);

		assertThat(completed).extracting(KinesisRecord::userRecordCount).containsExactly(2, 1);
		assertThat(completed.get(0).partitionKey()).isEqualTo("a");
		assertThat(completed.get(1).partitionKey()).isEqualTo("big");
		assertThat(completed.get(1).explicitHashKey()).isEqualTo("5");
		assertThat(completed.get(1).data()).hasSize(100);
		assertThat(aggregator.pendingUserRecords()).isZero();
		assertThat(aggregator.flush()).isEmpty();
	}

	@Test
	void maxUserRecordsCutsTheAggregate() {
		Aggregator aggregator = Aggregator.create(Aggregator.MAX_RECORD_BYTES, 3);
		List<KinesisRecord> written = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			written.addAll(aggregator.add("pk" + i, null, new byte[] { (byte) i }));
		}
		aggregator.flush().ifPresent(written::add);

		assertThat(written).extracting(KinesisRecord::userRecordCount).containsExactly(3, 3, 1);
		assertThat(written).extracting(KinesisRecord::aggregated).containsExactly(true, true, false);
	}

	@Test
	void aSingleUserRecordGoesOutPlainWithItsEffectiveHashKey() {
		Aggregator aggregator = Aggregator.create();
		aggregator.add("ключ", null, new byte[] { 1, 2 });

		KinesisRecord only = aggregator.flush().orElseThrow();

		assertThat(only.aggregated()).isFalse();
		assertThat(only.partitionKey()).isEqualTo("ключ");
		assertThat(only.explicitHashKey()).isEqualTo(DeaggregatorSemanticsTests.md5AsHashKey("ключ").toString());
		assertThat(only.data()).containsExactly(1, 2);
	}

	@Test
	void flushEmptiesTheAggregatorAndKeyTablesStartAfresh() {
		Aggregator aggregator = Aggregator.create();
		assertThat(aggregator.flush()).isEmpty();
		aggregator.add("x", null, new byte[0]);
		aggregator.add("y", null, new byte[0]);
		assertThat(aggregator.pendingUserRecords()).isEqualTo(2);
		KinesisRecord first = aggregator.flush().orElseThrow();
		aggregator.add("x", null, new byte[0]);
		aggregator.add("y", null, new byte[0]);

		assertThat(aggregator.flush().orElseThrow().data()).isEqualTo(first.data());
		assertThat(aggregator.pendingUserRecords()).isZero();
	}

	@Test
	void rejectsWhatKinesisWouldReject() {
		Aggregator aggregator = Aggregator.create();
		assertThatThrownBy(() -> aggregator.add("", null, new byte[0])).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> aggregator.add("k".repeat(257), null, new byte[0]))
			.isInstanceOf(IllegalArgumentException.class);
		for (String explicitHashKey : List.of("-1", "01", "+1", "abc", "", " 1",
				HashKeys.MAX_HASH_KEY.add(java.math.BigInteger.ONE).toString())) {
			assertThatThrownBy(() -> aggregator.add("pk", explicitHashKey, new byte[0])).as(explicitHashKey)
				.isInstanceOf(IllegalArgumentException.class);
		}
		assertThat(aggregator.pendingUserRecords()).isZero();
		assertThat(aggregator.add("k".repeat(256), HashKeys.MAX_HASH_KEY.toString(), new byte[0])).isEmpty();
		assertThatThrownBy(() -> Aggregator.create(FRAMING_BYTES, 1)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Aggregator.create(Aggregator.MAX_RECORD_BYTES + 1, 1))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Aggregator.create(1_000, 0)).isInstanceOf(IllegalArgumentException.class);
	}

	/**
	 * The Kinesis API counts a partition key's 256 characters in Unicode code points, not
	 * UTF-16 units.
	 */
	@Test
	void partitionKeyLimitCountsCodePoints() {
		String emoji = Character.toString(0x1F600);
		String longest = emoji.repeat(256);
		Aggregator aggregator = Aggregator.create();

		assertThat(aggregator.add(longest, null, new byte[] { 1 })).isEmpty();
		assertThat(aggregator.add("k", null, new byte[] { 2 })).isEmpty();
		assertThatThrownBy(() -> aggregator.add(emoji.repeat(257), null, new byte[0]))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageEndingWith("had 257");
		assertThatThrownBy(() -> aggregator.add("k".repeat(256) + emoji, null, new byte[0]))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageEndingWith("had 257");

		List<KinesisRecord> written = List.of(aggregator.flush().orElseThrow());
		assertThat(deaggregate(written)).extracting(UserRecord::partitionKey).containsExactly(longest, "k");
		assertThat(aggregator.add(longest, null, new byte[Aggregator.DEFAULT_MAX_AGGREGATE_BYTES])).singleElement()
			.extracting(KinesisRecord::partitionKey)
			.isEqualTo(longest);
	}

	static List<KinesisRecord> aggregate(Aggregator aggregator, List<Input> inputs) {
		List<KinesisRecord> written = new ArrayList<>();
		for (Input input : inputs) {
			written.addAll(aggregator.add(input.partitionKey(), input.explicitHashKey(), input.data()));
		}
		aggregator.flush().ifPresent(written::add);
		return written;
	}

	/**
	 * The outer keys the KPL would put with: "a" and the first user record's hash key, or
	 * the plain record's own.
	 */
	static void assertOuterKeysAreTheKplsChoice(List<KinesisRecord> written, List<Input> inputs) {
		int first = 0;
		for (KinesisRecord record : written) {
			Input firstInput = inputs.get(first);
			assertThat(record.partitionKey()).isEqualTo(record.aggregated() ? "a" : firstInput.partitionKey());
			assertThat(record.explicitHashKey())
				.isEqualTo((firstInput.explicitHashKey() != null) ? firstInput.explicitHashKey()
						: DeaggregatorSemanticsTests.md5AsHashKey(firstInput.partitionKey()).toString());
			first += record.userRecordCount();
		}
	}

	/**
	 * Reads the records back as a consumer would see them: partition key and data, no
	 * explicit hash key.
	 */
	static List<UserRecord> deaggregate(List<KinesisRecord> written) {
		Deaggregator deaggregator = Deaggregator.builder().corruptAggregatePolicy(CorruptAggregatePolicy.FAIL).build();
		List<UserRecord> userRecords = new ArrayList<>();
		for (int i = 0; i < written.size(); i++) {
			userRecords.addAll(deaggregator.deaggregate(ByteBuffer.wrap(written.get(i).data()),
					written.get(i).partitionKey(), String.valueOf(i)));
		}
		return userRecords;
	}

	/**
	 * A consumer never sees a plain record's explicit hash key (GetRecords does not
	 * return it); an aggregated one it sees exactly.
	 */
	static void assertSameUserRecords(List<UserRecord> userRecords, List<Input> inputs) {
		assertThat(userRecords).hasSameSizeAs(inputs);
		for (int i = 0; i < inputs.size(); i++) {
			UserRecord actual = userRecords.get(i);
			Input expected = inputs.get(i);
			assertThat(actual.partitionKey()).as("user record %d", i).isEqualTo(expected.partitionKey());
			assertThat(actual.bytes()).as("user record %d", i).isEqualTo(expected.data());
			assertThat(actual.explicitHashKey()).as("user record %d", i)
				.isEqualTo(actual.aggregated() ? Optional.ofNullable(expected.explicitHashKey()) : Optional.empty());
		}
	}

	/** The size of these user records as one aggregate, written by hand. */
	private static int unlimitedSize(List<Input> inputs) {
		List<String> partitionKeys = inputs.stream().map(Input::partitionKey).distinct().toList();
		List<String> explicitHashKeys = inputs.stream()
			.map(Input::explicitHashKey)
			.filter(Objects::nonNull)
			.distinct()
			.toList();
		ProtobufBytes protobuf = new ProtobufBytes();
		partitionKeys.forEach((key) -> protobuf.string(1, key));
		explicitHashKeys.forEach((key) -> protobuf.string(2, key));
		for (Input input : inputs) {
			ProtobufBytes record = new ProtobufBytes().uint64(1, partitionKeys.indexOf(input.partitionKey()));
			if (input.explicitHashKey() != null) {
				record.uint64(2, explicitHashKeys.indexOf(input.explicitHashKey()));
			}
			protobuf.message(3, record.bytes(3, input.data()));
		}
		return FRAMING_BYTES + protobuf.toByteArray().length;
	}

}
