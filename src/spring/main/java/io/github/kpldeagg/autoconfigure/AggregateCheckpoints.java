package io.github.kpldeagg.autoconfigure;

import java.math.BigInteger;

/**
 * Which checkpoints a user record of an aggregate may take before the aggregate's last
 * user record. The binder's checkpointer commits whole Kinesis records, so committing the
 * aggregate (or anything after it) earlier would lose the rest of the aggregate on
 * restart: such checkpoints are declined. Checkpoints of earlier records still go
 * through.
 */
final class AggregateCheckpoints {

	private final BigInteger aggregateSequenceNumber;

	AggregateCheckpoints(String aggregateSequenceNumber) {
		this.aggregateSequenceNumber = new BigInteger(aggregateSequenceNumber);
	}

	/**
	 * Never: a checkpoint without a sequence number commits the highest one read, at or
	 * after the aggregate.
	 */
	boolean allowsLatest() {
		return false;
	}

	boolean allows(String sequenceNumber) {
		return new BigInteger(sequenceNumber).compareTo(aggregateSequenceNumber) < 0;
	}

}
