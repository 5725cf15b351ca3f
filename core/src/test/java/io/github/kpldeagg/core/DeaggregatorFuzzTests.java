package io.github.kpldeagg.core;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated aggregates: only the documented outcomes (user records, or a corrupt
 * aggregate with its reason), never another exception, and no allocation out of
 * proportion to the input.
 */
class DeaggregatorFuzzTests {

	/**
	 * Fixed costs of one decode: the reader's small tables, a list, an exception and its
	 * stack trace.
	 */
	private static final long FIXED_ALLOCATION = 16 * 1024;

	/**
	 * Per input byte: a user record object, a key string and table growth cost at most
	 * this much.
	 */
	private static final long ALLOCATION_PER_BYTE = 32;

	/**
	 * Cases before allocation is measured: the first of each path load classes and fill
	 * caches.
	 */
	private static final int WARM_UP_CASES = 1_000;

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private final Deaggregator failing = Deaggregator.builder()
		.corruptAggregatePolicy(CorruptAggregatePolicy.FAIL)
		.build();

	private final Deaggregator passing = Deaggregator.create();

	private final Deaggregator skipping = Deaggregator.builder()
		.corruptAggregatePolicy(CorruptAggregatePolicy.SKIP)
		.build();

	@Test
	@Timeout(value = 30, unit = TimeUnit.MINUTES)
	void hostileAggregatesHaveOnlyDocumentedOutcomesAndBoundedAllocation() {
		RandomUserRecords.withSeed((random) -> {
			AggregateMutator mutator = new AggregateMutator(random);
			for (int i = 0; i < FuzzCases.count(); i++) {
				byte[] input = mutator.next();
				try {
					long allocated = checkOutcomes(input);
					long bound = FIXED_ALLOCATION + ALLOCATION_PER_BYTE * input.length;
					if (i >= WARM_UP_CASES && allocated > bound) {
						// One-off costs (code still interpreted, or deoptimized on a
						// busy machine) do not repeat; allocation out of proportion does.
						allocated = Math.min(allocated, Math.min(checkOutcomes(input), checkOutcomes(input)));
						assertThat(allocated)
							.as("bytes allocated for a %d-byte record, the least of three decodes", input.length)
							.isLessThanOrEqualTo(bound);
					}
				}
				catch (AssertionError | RuntimeException ex) {
					throw FuzzCases.failure(input, ex);
				}
			}
		});
	}

	@Test
	void lengthPrefixesLargerThanTheRecordAllocateNothingInProportion() {
		for (CorruptAggregates.Case corrupt : CorruptAggregates.all()) {
			if (!corrupt.name().contains("2 GiB")) {
				continue;
			}
			checkOutcomes(corrupt.data());
			long allocated = checkOutcomes(corrupt.data());
			assertThat(corrupt.data().length).as(corrupt.name()).isLessThan(100);
			assertThat(allocated).as(corrupt.name()).isLessThan(FIXED_ALLOCATION);
		}
	}

	/** Decodes under each policy; returns what the failing decode allocated. */
	private long checkOutcomes(byte[] input) {
		long before = THREADS.getCurrentThreadAllocatedBytes();
		List<UserRecord> userRecords;
		CorruptAggregateException corruption = null;
		try {
			userRecords = this.failing.deaggregate(ByteBuffer.wrap(input), "a", "1");
		}
		catch (CorruptAggregateException ex) {
			corruption = ex;
			userRecords = null;
		}
		long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;

		if (corruption != null) {
			assertThat(corruption.reason()).isNotNull();
			assertThat(this.passing.deaggregate(ByteBuffer.wrap(input), "a", "1")).singleElement()
				.satisfies((only) -> assertThat(only.bytes()).isEqualTo(input));
			assertThat(this.skipping.deaggregate(ByteBuffer.wrap(input), "a", "1")).isEmpty();
		}
		else {
			long dataBytes = 0;
			for (int i = 0; i < userRecords.size(); i++) {
				UserRecord userRecord = userRecords.get(i);
				assertThat(userRecord.subSequenceNumber()).isEqualTo(userRecords.get(i).aggregated() ? i : 0);
				userRecord.effectiveHashKey();
				dataBytes += userRecord.dataLength();
			}
			assertThat(dataBytes).isLessThanOrEqualTo(input.length);
			assertThat(this.passing.deaggregate(ByteBuffer.wrap(input), "a", "1")).isEqualTo(userRecords);
		}
		return allocated;
	}

}
