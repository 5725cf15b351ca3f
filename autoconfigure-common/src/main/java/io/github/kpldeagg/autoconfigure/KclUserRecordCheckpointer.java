package io.github.kpldeagg.autoconfigure;

import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.KinesisClientLibDependencyException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.exceptions.ThrottlingException;
import software.amazon.kinesis.processor.Checkpointer;
import software.amazon.kinesis.processor.PreparedCheckpointer;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

/**
 * The checkpointer of a message in KCL mode with manual checkpoints, in place of KCL's,
 * which the adapter hands over. A checkpoint without a position, or at the sequence
 * number of the message's own user record, goes to that user record's extended sequence
 * number (for a batch, its last user record's): KCL's would go to the last record it
 * handed over, or to sub-sequence number 0. Other positions go to KCL as given. None may
 * pass a failure that stopped the shard ({@link KclCheckpoints}): such a checkpoint
 * throws {@link IllegalArgumentException}, as KCL's does for a position it may not
 * checkpoint.
 *
 * @author The kpl-deagg maintainers
 */
final class KclUserRecordCheckpointer implements RecordProcessorCheckpointer {

	private final RecordProcessorCheckpointer kcl;

	private final ExtendedSequenceNumber userRecord;

	private final Predicate<ExtendedSequenceNumber> allowed;

	/**
	 * Creates the checkpointer of one user record.
	 * @param kcl the checkpointer KCL gave the shard's record processor
	 * @param userRecord the message's user record, or a batch's last
	 * @param allowed whether a checkpoint may go as far
	 */
	KclUserRecordCheckpointer(RecordProcessorCheckpointer kcl, ExtendedSequenceNumber userRecord,
			Predicate<ExtendedSequenceNumber> allowed) {
		this.kcl = kcl;
		this.userRecord = userRecord;
		this.allowed = allowed;
	}

	@Override
	public void checkpoint()
			throws KinesisClientLibDependencyException, InvalidStateException, ThrottlingException, ShutdownException {
		checkpoint(this.userRecord);
	}

	@Override
	public void checkpoint(Record record)
			throws KinesisClientLibDependencyException, InvalidStateException, ThrottlingException, ShutdownException {
		checkpoint(at(record.sequenceNumber()));
	}

	@Override
	public void checkpoint(String sequenceNumber)
			throws KinesisClientLibDependencyException, InvalidStateException, ThrottlingException, ShutdownException {
		checkpoint(at(sequenceNumber));
	}

	@Override
	public void checkpoint(String sequenceNumber, long subSequenceNumber)
			throws KinesisClientLibDependencyException, InvalidStateException, ThrottlingException, ShutdownException {
		checkpoint(new ExtendedSequenceNumber(sequenceNumber, subSequenceNumber));
	}

	@Override
	public PreparedCheckpointer prepareCheckpoint()
			throws KinesisClientLibDependencyException, InvalidStateException, ThrottlingException, ShutdownException {
		return prepareCheckpoint(this.userRecord, null);
	}

	@Override
	public PreparedCheckpointer prepareCheckpoint(byte[] applicationState)
			throws KinesisClientLibDependencyException, InvalidStateException, ThrottlingException, ShutdownException {
		return prepareCheckpoint(this.userRecord, applicationState);
	}

	@Override
	public PreparedCheckpointer prepareCheckpoint(Record record)
			throws KinesisClientLibDependencyException, InvalidStateException, ThrottlingException, ShutdownException {
		return prepareCheckpoint(at(record.sequenceNumber()), null);
	}

	@Override
	public PreparedCheckpointer prepareCheckpoint(Record record, byte[] applicationState)
			throws KinesisClientLibDependencyException, InvalidStateException, ThrottlingException, ShutdownException {
		return prepareCheckpoint(at(record.sequenceNumber()), applicationState);
	}

	@Override
	public PreparedCheckpointer prepareCheckpoint(String sequenceNumber)
			throws KinesisClientLibDependencyException, InvalidStateException, ThrottlingException, ShutdownException {
		return prepareCheckpoint(at(sequenceNumber), null);
	}

	@Override
	public PreparedCheckpointer prepareCheckpoint(String sequenceNumber, byte[] applicationState)
			throws KinesisClientLibDependencyException, InvalidStateException, ThrottlingException, ShutdownException {
		return prepareCheckpoint(at(sequenceNumber), applicationState);
	}

	@Override
	public PreparedCheckpointer prepareCheckpoint(String sequenceNumber, long subSequenceNumber)
			throws KinesisClientLibDependencyException, InvalidStateException, ThrottlingException, ShutdownException {
		return prepareCheckpoint(new ExtendedSequenceNumber(sequenceNumber, subSequenceNumber), null);
	}

	@Override
	public PreparedCheckpointer prepareCheckpoint(String sequenceNumber, long subSequenceNumber,
			byte[] applicationState)
			throws KinesisClientLibDependencyException, InvalidStateException, ThrottlingException, ShutdownException {
		return prepareCheckpoint(new ExtendedSequenceNumber(sequenceNumber, subSequenceNumber), applicationState);
	}

	@Override
	public Checkpointer checkpointer() {
		return this.kcl.checkpointer();
	}

	/**
	 * A sequence number alone: the message's user record's if it is that, else the
	 * Kinesis record's start, as KCL takes it.
	 * @param sequenceNumber the sequence number
	 * @return a sequence number alone
	 */
	private ExtendedSequenceNumber at(String sequenceNumber) {
		return sequenceNumber.equals(this.userRecord.sequenceNumber()) ? this.userRecord
				: new ExtendedSequenceNumber(sequenceNumber);
	}

	private void checkpoint(ExtendedSequenceNumber position)
			throws KinesisClientLibDependencyException, InvalidStateException, ThrottlingException, ShutdownException {
		this.kcl.checkpoint(allowed(position).sequenceNumber(), position.subSequenceNumber());
	}

	private PreparedCheckpointer prepareCheckpoint(ExtendedSequenceNumber position, byte @Nullable [] applicationState)
			throws KinesisClientLibDependencyException, InvalidStateException, ThrottlingException, ShutdownException {
		return this.kcl.prepareCheckpoint(allowed(position).sequenceNumber(), position.subSequenceNumber(),
				applicationState);
	}

	private ExtendedSequenceNumber allowed(ExtendedSequenceNumber position) {
		if (!this.allowed.test(position)) {
			throw new IllegalArgumentException("Could not checkpoint at " + position
					+ ": a failure that nothing handled stopped the shard before it");
		}
		return position;
	}

}
