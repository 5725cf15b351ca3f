package io.github.kpldeagg.core;

import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deaggregating one aggregate allocates at most twice the aggregate's size, however many
 * user records it holds. What a call allocates bounds what its result holds, so this
 * bounds the heap growth of delivering an aggregate's user records one at a time.
 */
class DeaggregatorMemoryTests {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private static final String FIRST_KEY = "first";

	private static final String SECOND_KEY = "second";

	@ParameterizedTest(name = "{0}-byte user records, half of them outside the hash-key range: {1}")
	@CsvSource({ "1, false", "0, false", "0, true" })
	void deaggregatingATenMibAggregateAllocatesAtMostTwiceItsSize(int dataBytes, boolean halfOutsideTheRange) {
		KinesisRecord aggregate = tenMibAggregate(dataBytes, halfOutsideTheRange);
		Record record = Record.builder()
			.data(SdkBytes.fromByteArrayUnsafe(aggregate.data()))
			.partitionKey(aggregate.partitionKey())
			.sequenceNumber("1")
			.build();
		BigInteger firstKeysHashKey = HashKeys.effectiveHashKey(FIRST_KEY, null);
		Deaggregator deaggregator = halfOutsideTheRange
				? Deaggregator.builder().hashKeyRange(firstKeysHashKey, firstKeysHashKey).build()
				: Deaggregator.create();

		// One-off costs (classes loaded, code still interpreted) do not repeat:
		// judge the least of three.
		long allocated = Long.MAX_VALUE;
		List<UserRecord> userRecords = List.of();
		for (int i = 0; i < 3; i++) {
			long before = THREADS.getCurrentThreadAllocatedBytes();
			userRecords = deaggregator.deaggregate(record);
			allocated = Math.min(allocated, THREADS.getCurrentThreadAllocatedBytes() - before);
		}

		assertThat(aggregate.data().length).isGreaterThan(Aggregator.MAX_RECORD_BYTES - 100);
		assertThat(aggregate.userRecordCount()).isGreaterThan(1_400_000);
		int delivered = halfOutsideTheRange ? (aggregate.userRecordCount() + 1) / 2 : aggregate.userRecordCount();
		assertThat(userRecords).hasSize(delivered);
		UserRecord last = userRecords.get(delivered - 1);
		assertThat(last.partitionKey()).isEqualTo(FIRST_KEY);
		assertThat(last.dataLength()).isEqualTo(dataBytes);
		assertThat(last.subSequenceNumber())
			.isEqualTo(halfOutsideTheRange ? 2L * (delivered - 1) : aggregate.userRecordCount() - 1);
		assertThat(allocated)
			.as("bytes allocated for %,d user records in a %,d-byte aggregate", aggregate.userRecordCount(),
					aggregate.data().length)
			.isLessThanOrEqualTo(2L * aggregate.data().length);
	}

	/**
	 * As many user records of this size as fit in a 10 MiB aggregate, all with one
	 * partition key or alternating between two.
	 */
	private static KinesisRecord tenMibAggregate(int dataBytes, boolean twoKeys) {
		Aggregator aggregator = Aggregator.create(Aggregator.MAX_RECORD_BYTES, Integer.MAX_VALUE);
		byte[] data = new byte[dataBytes];
		for (int i = 0;; i++) {
			List<KinesisRecord> completed = aggregator.add((twoKeys && i % 2 == 1) ? SECOND_KEY : FIRST_KEY, null,
					data);
			if (!completed.isEmpty()) {
				return completed.get(0);
			}
		}
	}

}
