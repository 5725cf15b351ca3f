package io.github.kpldeagg.autoconfigure;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.kinesis.checkpoint.ShardRecordProcessorCheckpointer;
import software.amazon.kinesis.exceptions.KinesisClientLibException;
import software.amazon.kinesis.exceptions.KinesisClientLibRetryableException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.exceptions.ThrottlingException;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

/**
 * The checkpoints of one deaggregating binding in KCL mode, taken here in place of the
 * binder's KCL adapter, whose checkpoint mode is set to manual. The adapter checkpoints a
 * record's sequence number alone, which KCL stores with sub-sequence number 0, so that
 * after a restart KCL delivered the rest of a fully handled aggregate again. Here every
 * checkpoint is the extended sequence number (sequence and sub-sequence number) of the
 * last user record handled, and KCL, which drops the user records at or below the
 * checkpoint when it reads a shard again, delivers none of them again.
 * <p>
 * The binding's checkpoint mode keeps its meaning: {@code record} after each user record
 * (after each batch in batch listener mode, as the adapter does), {@code batch} after the
 * last user record of each batch KCL hands over, {@code periodic} at most once per
 * checkpoint interval, and {@code manual} when the application calls a message's
 * checkpointer, which checkpoints that message's user record (a batch's last). But for
 * manual mode, what was handled and not yet checkpointed is checkpointed when the
 * application stops ({@link #stopping}).
 * <p>
 * A user record (or batch) that fails with nothing handling the failure stops its shard
 * there: the user records handled before it are checkpointed (but in manual mode), the
 * shard's later records are not delivered, and no checkpoint goes past the last user
 * record handled, not even KCL's own at a graceful shutdown or a lease hand-over. When
 * KCL gives the shard out again (a restart, or another instance taking its lease), it
 * reads on from the failed user record.
 * <p>
 * See docs/upstream/kcl-adapter-checkpoints.md.
 *
 * @author The kpl-deagg maintainers
 */
final class KclCheckpoints {

	private static final Log logger = LogFactory.getLog(KclCheckpoints.class);

	private final String bindingName;

	private final Mode mode;

	private final long intervalMillis;

	private final LongSupplier clock;

	private final Map<ShardKey, Shard> shards = new ConcurrentHashMap<>();

	private volatile boolean stopping;

	/**
	 * Creates the checkpoints of one binding in its checkpoint mode.
	 * @param mode the checkpoint mode the binding's adapter had
	 * @param intervalMillis the binding's checkpoint interval (periodic mode)
	 * @param clock the current time in milliseconds
	 * @param bindingName the binding name
	 */
	KclCheckpoints(String bindingName, Mode mode, long intervalMillis, LongSupplier clock) {
		this.bindingName = bindingName;
		this.mode = mode;
		this.intervalMillis = intervalMillis;
		this.clock = clock;
	}

	Mode mode() {
		return this.mode;
	}

	/**
	 * The shard a message came from, with the checkpointer KCL gave its record processor.
	 * A shard that KCL gave out again, with a new checkpointer, starts afresh: KCL reads
	 * it again from its checkpoint.
	 * @param stream the stream
	 * @param shardId the shard id
	 * @param checkpointer the checkpointer
	 * @return the shard a message came from, with the checkpointer KCL gave its record
	 * processor
	 */
	Shard shard(@Nullable String stream, String shardId, ShardRecordProcessorCheckpointer checkpointer) {
		return this.shards.compute(new ShardKey(stream, shardId), (key,
				shard) -> (shard != null && shard.checkpointer == checkpointer) ? shard : new Shard(key, checkpointer));
	}

	/**
	 * The application stops: checkpoints what was handled since the last checkpoint, and
	 * from now on each user record at once.
	 */
	void stopping() {
		this.stopping = true;
		this.shards.values().forEach(Shard::checkpointPending);
	}

	/** The application starts (again): checkpoints as the mode says. */
	void started() {
		this.stopping = false;
	}

	/** The binder's checkpoint modes, named alike on both lines. */
	enum Mode {

		RECORD, BATCH, PERIODIC, MANUAL;

		static Mode of(Enum<?> binderMode) {
			return valueOf(binderMode.name().toUpperCase(Locale.ROOT));
		}

	}

	private record ShardKey(@Nullable String stream, String shardId) {

		@Override
		public String toString() {
			return (this.stream != null) ? this.stream + "/" + this.shardId : this.shardId;
		}

	}

	/**
	 * One record processor's shard: driven by KCL's thread for the shard, and by the
	 * thread that stops the application.
	 */
	final class Shard {

		private final ShardKey key;

		private final ShardRecordProcessorCheckpointer checkpointer;

		/** The last user record handled. */
		private @Nullable ExtendedSequenceNumber handled;

		/** The last user record handled while no checkpoint has covered it yet. */
		private @Nullable ExtendedSequenceNumber pending;

		/** 0: the first periodic checkpoint is taken at once, as the adapter takes it. */
		private long nextPeriodicCheckpointMillis;

		/** Whether a failure stopped the shard. */
		private boolean stopped;

		/**
		 * Once stopped, the furthest any checkpoint may go: the last user record handled,
		 * or the last checkpoint if that is further.
		 */
		private @Nullable ExtendedSequenceNumber stoppedAt;

		private Shard(ShardKey key, ShardRecordProcessorCheckpointer checkpointer) {
			this.key = key;
			this.checkpointer = checkpointer;
		}

		/**
		 * The last user record KCL handed over, so far: that of the batch being
		 * processed.
		 * @return the last user record KCL handed over, so far
		 */
		ExtendedSequenceNumber handedOver() {
			return this.checkpointer.largestPermittedCheckpointValue();
		}

		/**
		 * Whether a failure stopped the shard, so that its records are not to be
		 * delivered.
		 * @return whether a failure stopped the shard, so that its records are not to be
		 * delivered
		 */
		synchronized boolean isStopped() {
			if (this.stopped) {
				holdCheckpointsBack();
			}
			return this.stopped;
		}

		/**
		 * A user record, or a batch ending with it, was handled (or its failure was):
		 * checkpoints as the mode says.
		 * @param userRecord the user record
		 */
		synchronized void handled(ExtendedSequenceNumber userRecord) {
			this.handled = userRecord;
			if (KclCheckpoints.this.mode == Mode.MANUAL) {
				return;
			}
			this.pending = userRecord;
			long now = KclCheckpoints.this.clock.getAsLong();
			if (KclCheckpoints.this.mode == Mode.PERIODIC && now > this.nextPeriodicCheckpointMillis) {
				this.nextPeriodicCheckpointMillis = now + KclCheckpoints.this.intervalMillis;
				checkpointPending();
			}
			else if (KclCheckpoints.this.mode == Mode.RECORD
					|| (KclCheckpoints.this.mode == Mode.BATCH && userRecord.equals(handedOver()))
					|| KclCheckpoints.this.stopping) {
				checkpointPending();
			}
		}

		/**
		 * A user record or batch failed, and nothing handled the failure: stops the shard
		 * at the last user record handled before it.
		 */
		synchronized void failed() {
			checkpointPending();
			ExtendedSequenceNumber checkpointed = this.checkpointer.lastCheckpointValue();
			this.stopped = true;
			this.stoppedAt = (this.handled == null
					|| (checkpointed != null && checkpointed.compareTo(this.handled) > 0)) ? checkpointed
							: this.handled;
			holdCheckpointsBack();
			logger.warn("KPL deaggregation on Kinesis binding " + KclCheckpoints.this.bindingName
					+ ": a failure in shard " + this.key
					+ " was not handled, so the shard stops there, with no checkpoint past " + this.stoppedAt
					+ ": its later records are not delivered until KCL gives the shard out again (a restart, or"
					+ " another instance taking its lease), which reads on from the failed user record. An error"
					+ " handler on the binding (error-handler-definition) would take such failures.");
		}

		/**
		 * The checkpointer a message of the user record (or batch ending with it) carries
		 * in manual mode.
		 * @param userRecord the user record
		 * @return the checkpointer a message of the user record (or batch ending with it)
		 * carries in manual mode
		 */
		RecordProcessorCheckpointer userCheckpointer(ExtendedSequenceNumber userRecord) {
			return new KclUserRecordCheckpointer(this.checkpointer, userRecord, this::allows);
		}

		/**
		 * Whether a checkpoint may go as far: not past the failure that stopped it.
		 * @param checkpoint the checkpoint
		 * @return whether a checkpoint may go as far
		 */
		private synchronized boolean allows(ExtendedSequenceNumber checkpoint) {
			return !this.stopped || (this.stoppedAt != null && checkpoint.compareTo(this.stoppedAt) <= 0);
		}

		/**
		 * KCL's own checkpoint, at a graceful shutdown or a lease hand-over, goes to the
		 * last user record it handed over, a bound it raises with each batch: kept down,
		 * it cannot pass the failure.
		 */
		private void holdCheckpointsBack() {
			if (this.stoppedAt != null) {
				this.checkpointer.largestPermittedCheckpointValue(this.stoppedAt);
			}
		}

		private synchronized void checkpointPending() {
			ExtendedSequenceNumber userRecord = this.pending;
			if (userRecord == null) {
				return;
			}
			try {
				this.checkpointer.checkpoint(userRecord.sequenceNumber(), userRecord.subSequenceNumber());
				this.pending = null;
			}
			catch (ShutdownException | ThrottlingException ex) {
				// As the adapter: the lease is gone (its next owner reads on from the
				// last checkpoint), or the next checkpoint will do.
				logger.info("Kinesis binding " + KclCheckpoints.this.bindingName + ", shard " + this.key
						+ ": no checkpoint at " + userRecord + " (" + ex + ")");
			}
			catch (KinesisClientLibException | KinesisClientLibRetryableException | IllegalArgumentException ex) {
				logger.error("Kinesis binding " + KclCheckpoints.this.bindingName + ", shard " + this.key
						+ ": cannot checkpoint at " + userRecord, ex);
			}
		}

	}

}
