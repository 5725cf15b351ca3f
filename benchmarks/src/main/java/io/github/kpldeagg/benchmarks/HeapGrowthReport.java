package io.github.kpldeagg.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.github.kpldeagg.core.Aggregator;
import io.github.kpldeagg.core.Deaggregator;
import io.github.kpldeagg.core.KinesisRecord;
import io.github.kpldeagg.core.UserRecord;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Prints, as the README's table, how much live heap one deaggregated 10 MiB aggregate
 * holds: the heap after a full GC with the result held, minus the heap before, for the
 * materialised list of {@code deaggregate(List.of(record))} and the lazy view of
 * {@code deaggregate(record)}. The aggregates hold as many 1-byte, or 0-byte, user
 * records as fit, all with one partition key; 0-byte ones are the most user records an
 * aggregate can carry. Each figure is the least of three measurements. Not a JMH
 * benchmark: JMH measures time and allocation, this measures what stays. Run it with
 * {@code -XX:+UseSerialGC} for figures to the byte: G1 counts a large array by the
 * regions it occupies.
 *
 * @author The kpl-deagg maintainers
 */
public final class HeapGrowthReport {

	private static final String SEQUENCE_NUMBER = "49590338271490256608559692538361571095921575989136588898";

	private static final int MEASUREMENTS = 3;

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	/** What the measured deaggregation returned, while the heap is measured. */
	private static List<UserRecord> held = List.of();

	private HeapGrowthReport() {
	}

	public static void main(String[] args) {
		Deaggregator deaggregator = Deaggregator.create();
		System.out.println("| user record data | user records | aggregate bytes | materialised list: heap growth"
				+ " | per aggregate byte | lazy view: heap growth | per aggregate byte |");
		System.out.println("|--:|--:|--:|--:|--:|--:|--:|");
		for (int dataBytes : new int[] { 1, 0 }) {
			KinesisRecord aggregate = tenMibAggregate(dataBytes);
			Record record = Record.builder()
				.data(SdkBytes.fromByteArrayUnsafe(aggregate.data()))
				.partitionKey(aggregate.partitionKey())
				.sequenceNumber(SEQUENCE_NUMBER)
				.build();
			int userRecords = aggregate.userRecordCount();
			long materialised = heapGrowth(() -> deaggregator.deaggregate(List.of(record)), userRecords);
			long lazy = heapGrowth(() -> deaggregator.deaggregate(record), userRecords);
			double size = aggregate.data().length;
			System.out.printf(Locale.ROOT, "| %d B | %,d | %,d | %,d B | %.2fx | %,d B | %.2fx |%n", dataBytes,
					userRecords, aggregate.data().length, materialised, materialised / size, lazy, lazy / size);
		}
	}

	/**
	 * As many user records of this size as fit in a 10 MiB aggregate.
	 * @param dataBytes the data bytes
	 * @return the aggregate
	 */
	private static KinesisRecord tenMibAggregate(int dataBytes) {
		Aggregator aggregator = Aggregator.create(Aggregator.MAX_RECORD_BYTES, Integer.MAX_VALUE);
		byte[] data = new byte[dataBytes];
		while (true) {
			List<KinesisRecord> completed = aggregator.add("partition-key", null, data);
			if (!completed.isEmpty()) {
				return completed.get(0);
			}
		}
	}

	/**
	 * The least live-heap growth of holding what the deaggregation returns. Each result
	 * is seen collected before the next measurement starts.
	 * @param deaggregation the deaggregation
	 * @param expectedUserRecords the expected user records
	 * @return the least live-heap growth of holding what the deaggregation returns
	 */
	private static long heapGrowth(Supplier<List<UserRecord>> deaggregation, int expectedUserRecords) {
		long least = Long.MAX_VALUE;
		for (int i = 0; i < MEASUREMENTS; i++) {
			long before = liveHeap();
			held = deaggregation.get();
			long after = liveHeap();
			if (held.size() != expectedUserRecords
					|| held.get(expectedUserRecords - 1).subSequenceNumber() != expectedUserRecords - 1) {
				throw new IllegalStateException("expected " + expectedUserRecords + " user records");
			}
			WeakReference<List<UserRecord>> measured = new WeakReference<>(held);
			held = List.of();
			while (measured.get() != null) {
				System.gc();
			}
			least = Math.min(least, after - before);
		}
		return least;
	}

	private static long liveHeap() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return MEMORY.getHeapMemoryUsage().getUsed();
	}

}
