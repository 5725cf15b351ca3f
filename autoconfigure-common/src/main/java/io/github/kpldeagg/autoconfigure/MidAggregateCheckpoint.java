package io.github.kpldeagg.autoconfigure;

import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * A manual checkpoint taken with a user record before its aggregate's last one. The
 * binder's checkpointer commits whole Kinesis records: committing the aggregate there
 * would lose the rest of it on restart. So, as KCL's
 * {@code checkpoint(sequenceNumber, subSequenceNumber)} does, a checkpoint without a
 * sequence number or of the aggregate itself saves this user record's position for the
 * next owner of the shard; a checkpoint of an earlier Kinesis record goes to the binder;
 * one of a later record, not read yet, is declined. Each {@link BinderLine} wraps it in
 * its binder's checkpointer type.
 *
 * @author The kpl-deagg maintainers
 */
public final class MidAggregateCheckpoint {

	private final ShardPosition position;

	private final String aggregateSequenceNumber;

	private final long subSequenceNumber;

	MidAggregateCheckpoint(ShardPosition position, String aggregateSequenceNumber, long subSequenceNumber) {
		this.position = position;
		this.aggregateSequenceNumber = aggregateSequenceNumber;
		this.subSequenceNumber = subSequenceNumber;
	}

	/**
	 * Takes the checkpoint.
	 * @param sequenceNumber the sequence number the function checkpoints; null for the
	 * user record it was handed
	 * @param binderCheckpoint the binder's checkpoint of a Kinesis record
	 * @return whether the checkpoint was taken
	 */
	public boolean checkpoint(@Nullable String sequenceNumber, Predicate<String> binderCheckpoint) {
		if (sequenceNumber == null) {
			return this.position.checkpoint(this.aggregateSequenceNumber, this.subSequenceNumber);
		}
		int comparison = SequenceNumbers.compare(sequenceNumber, this.aggregateSequenceNumber);
		if (comparison < 0) {
			return binderCheckpoint.test(sequenceNumber);
		}
		return comparison == 0 && this.position.checkpoint(this.aggregateSequenceNumber, this.subSequenceNumber);
	}

}
