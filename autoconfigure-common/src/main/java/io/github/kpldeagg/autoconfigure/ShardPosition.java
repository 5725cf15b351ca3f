package io.github.kpldeagg.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.metadata.ConcurrentMetadataStore;

/**
 * Where one binding stands on one shard: the last user record handled (its Kinesis
 * record's sequence number and its sub-sequence number), so that what the adapter reads
 * again is not handed to the function twice. The adapter reads again after a failure (it
 * rewinds to its last checkpoint, which may lie many user records back) and the next
 * owner of the shard reads again from the binder's checkpoint; for the latter, the
 * position is saved in the binder's checkpoint store under {@link #positionKey}, beside
 * the binder's own key, on a manual checkpoint taken inside an aggregate and, when the
 * binding sets a save interval, at most once per interval.
 * <p>
 * The adapter consumes a shard on one thread at a time, handing it over between tasks
 * with volatile writes; the fields that the checkpoint store's notifications touch from
 * elsewhere are volatile themselves.
 *
 * @author The kpl-deagg maintainers
 */
final class ShardPosition {

	/** {@link #handledThrough}: no user record of the Kinesis record was handled. */
	static final long NONE = -1;

	/** {@link #handledThrough}: the whole Kinesis record was handled. */
	static final long ALL = Long.MAX_VALUE;

	/** Appended to the binder's checkpoint key of the shard, for the saved position. */
	static final String KEY_SUFFIX = ":kpl-deagg-position";

	private static final Log logger = LogFactory.getLog(ShardPosition.class);

	private final @Nullable ConcurrentMetadataStore store;

	private final long saveIntervalNanos;

	private @Nullable String sequenceNumber;

	private long subSequenceNumber;

	/** The binder's checkpoint key of this shard, once the adapter has used it. */
	private volatile @Nullable String checkpointKey;

	/** The binder's checkpoint, as last read or written through the store. */
	private volatile @Nullable String binderCheckpoint;

	/**
	 * Whether the binder read its checkpoint without writing one since: the shard's
	 * consumer (re)started, perhaps after another owner saved a position.
	 */
	private volatile boolean checkpointRead;

	/** The sequence number of the position under {@link #positionKey}, if any. */
	private volatile @Nullable String savedSequenceNumber;

	private long nextSaveNanos;

	/**
	 * Creates the position of one shard, before any user record is handled.
	 * @param store the binder's checkpoint store, where positions are saved and read
	 * back; null not to save them (an anonymous group, whose checkpoints no one resumes)
	 * @param saveIntervalNanos at most how often to save the position while user records
	 * are handled; 0 for never
	 */
	ShardPosition(@Nullable ConcurrentMetadataStore store, long saveIntervalNanos) {
		this.store = store;
		this.saveIntervalNanos = saveIntervalNanos;
	}

	/**
	 * Returns the sub-sequence number up to which the Kinesis record with this sequence
	 * number was handled: {@link #NONE}, a sub-sequence number, or {@link #ALL}.
	 * @param sequenceNumber the sequence number
	 * @return the sub-sequence number up to which the Kinesis record with this sequence
	 * number was handled: {@link #NONE}, a sub-sequence number, or {@link #ALL}
	 */
	long handledThrough(String sequenceNumber) {
		String handled = this.sequenceNumber;
		if (handled == null) {
			return NONE;
		}
		int comparison = SequenceNumbers.compare(sequenceNumber, handled);
		return (comparison < 0) ? ALL : (comparison == 0) ? this.subSequenceNumber : NONE;
	}

	/**
	 * Records that a user record was handled, and saves the position if the save interval
	 * has passed.
	 * @param sequenceNumber the sequence number
	 * @param subSequenceNumber the sub sequence number
	 */
	void handled(String sequenceNumber, long subSequenceNumber) {
		this.sequenceNumber = sequenceNumber;
		this.subSequenceNumber = subSequenceNumber;
		if (this.saveIntervalNanos > 0 && System.nanoTime() - this.nextSaveNanos >= 0) {
			this.nextSaveNanos = System.nanoTime() + this.saveIntervalNanos;
			saveQuietly();
		}
	}

	/**
	 * A manual checkpoint of a user record inside its aggregate: saves its position for
	 * the next owner of the shard.
	 * @param sequenceNumber the sequence number
	 * @param subSequenceNumber the sub sequence number
	 * @return whether the position was saved; not in an anonymous group
	 */
	boolean checkpoint(String sequenceNumber, long subSequenceNumber) {
		String key = positionKey();
		if (this.store == null || key == null) {
			return false;
		}
		save(this.store, key, sequenceNumber, subSequenceNumber);
		return true;
	}

	/**
	 * Adopts a position that another owner of the shard saved, once after each time the
	 * binder read its checkpoint without writing one (a consumer's start).
	 */
	void resume() {
		if (!this.checkpointRead) {
			return;
		}
		this.checkpointRead = false;
		String key = positionKey();
		if (this.store == null || key == null) {
			return;
		}
		String saved = this.store.get(key);
		if (saved == null) {
			return;
		}
		int separator = saved.indexOf('/');
		String savedSequence = saved.substring(0, separator);
		long savedSubSequence = Long.parseLong(saved.substring(separator + 1));
		String checkpoint = this.binderCheckpoint;
		if (checkpoint != null && SequenceNumbers.compare(savedSequence, checkpoint) <= 0) {
			removeSaved(this.store, key);
			return;
		}
		this.savedSequenceNumber = savedSequence;
		long handledThrough = handledThrough(savedSequence);
		if (handledThrough == NONE || handledThrough != ALL && handledThrough < savedSubSequence) {
			logger.debug("Resuming shard " + this.checkpointKey + " after user record " + saved
					+ ", saved by its previous owner");
			this.sequenceNumber = savedSequence;
			this.subSequenceNumber = savedSubSequence;
		}
	}

	/**
	 * The binder read its checkpoint of this shard.
	 * @param checkpointKey the checkpoint key
	 * @param checkpoint the checkpoint
	 */
	void binderCheckpointRead(String checkpointKey, @Nullable String checkpoint) {
		this.checkpointKey = checkpointKey;
		this.binderCheckpoint = checkpoint;
		this.checkpointRead = true;
	}

	/**
	 * The binder checkpointed this shard: a saved position that the checkpoint covers is
	 * removed.
	 * @param checkpointKey the checkpoint key
	 * @param checkpoint the checkpoint
	 */
	void binderCheckpointWritten(String checkpointKey, String checkpoint) {
		this.checkpointKey = checkpointKey;
		this.binderCheckpoint = checkpoint;
		this.checkpointRead = false;
		String saved = this.savedSequenceNumber;
		String key = positionKey();
		if (this.store != null && key != null && saved != null && SequenceNumbers.compare(saved, checkpoint) <= 0) {
			removeSaved(this.store, key);
		}
	}

	/**
	 * The binder removed its checkpoint of this shard, to read it from the start again:
	 * so does this position.
	 * @param checkpointKey the checkpoint key
	 */
	void binderCheckpointRemoved(String checkpointKey) {
		this.checkpointKey = checkpointKey;
		this.binderCheckpoint = null;
		this.sequenceNumber = null;
		this.subSequenceNumber = 0;
		String key = positionKey();
		if (this.store != null && key != null) {
			removeSaved(this.store, key);
		}
	}

	private @Nullable String positionKey() {
		String key = this.checkpointKey;
		return (key != null) ? key + KEY_SUFFIX : null;
	}

	/**
	 * An interval's save: a failing store must not fail the user record already handled;
	 * the next save or the binder's checkpoint covers it.
	 */
	private void saveQuietly() {
		String key = positionKey();
		String handled = this.sequenceNumber;
		String checkpoint = this.binderCheckpoint;
		if (this.store == null || key == null || handled == null
				|| checkpoint != null && SequenceNumbers.compare(handled, checkpoint) <= 0) {
			return;
		}
		try {
			save(this.store, key, handled, this.subSequenceNumber);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not save the position of shard " + this.checkpointKey + "; a crash now repeats more",
					ex);
		}
	}

	private void save(ConcurrentMetadataStore store, String key, String sequenceNumber, long subSequenceNumber) {
		String position = sequenceNumber + '/' + subSequenceNumber;
		store.put(key, position);
		this.savedSequenceNumber = sequenceNumber;
		if (logger.isDebugEnabled()) {
			logger.debug("Saved position " + position + " of shard " + this.checkpointKey);
		}
	}

	private void removeSaved(ConcurrentMetadataStore store, String key) {
		store.remove(key);
		this.savedSequenceNumber = null;
		if (logger.isDebugEnabled()) {
			logger.debug("Removed the saved position of shard " + this.checkpointKey);
		}
	}

}
