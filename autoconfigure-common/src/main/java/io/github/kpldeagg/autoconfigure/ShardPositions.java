package io.github.kpldeagg.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.metadata.ConcurrentMetadataStore;

/**
 * The {@link ShardPosition}s of one deaggregating binding, by stream and shard, and the
 * checkpoint store through which they follow the binder's checkpoints.
 *
 * @author The kpl-deagg maintainers
 */
final class ShardPositions {

	private final Map<String, Map<String, ShardPosition>> byStream = new ConcurrentHashMap<>();

	private final @Nullable ConcurrentMetadataStore store;

	private final long saveIntervalNanos;

	private final LongConsumer skipped;

	/**
	 * Creates the positions of one binding's shards.
	 * @param store the binder's checkpoint store, where positions are saved; null not to
	 * save them
	 * @param saveInterval at most how often to save a shard's position while it is read;
	 * null for only on manual checkpoints
	 * @param skipped told how many user records were not handed out again
	 */
	ShardPositions(@Nullable ConcurrentMetadataStore store, @Nullable Duration saveInterval, LongConsumer skipped) {
		this.store = store;
		this.saveIntervalNanos = (store != null && saveInterval != null) ? saveInterval.toNanos() : 0;
		this.skipped = skipped;
	}

	/**
	 * The position of a shard, as the binder's stream and shard headers name it.
	 * @param stream the stream
	 * @param shardId the shard id
	 * @return the position of a shard, as the binder's stream and shard headers name it
	 */
	ShardPosition of(@Nullable String stream, @Nullable String shardId) {
		if (stream == null || shardId == null) {
			throw new IllegalStateException("A Kinesis record came without its stream or shard header");
		}
		return this.byStream.computeIfAbsent(stream, (name) -> new ConcurrentHashMap<>())
			.computeIfAbsent(shardId, (id) -> new ShardPosition(this.store, this.saveIntervalNanos));
	}

	void skipped(long count) {
		this.skipped.accept(count);
	}

	/**
	 * The binder's checkpoint store as the adapter is to use it: the same store, which
	 * tells each shard's position what the binder does with its checkpoint.
	 * @param binderStore the binder store
	 * @return the binder's checkpoint store as the adapter is to use it
	 */
	ConcurrentMetadataStore following(ConcurrentMetadataStore binderStore) {
		return new CheckpointFollowingStore(binderStore, this);
	}

	/**
	 * The position of the shard whose checkpoint key this is:
	 * {@code group:stream:shardId}, where only the group may hold a colon.
	 * @param checkpointKey the checkpoint key
	 * @return the position of the shard whose checkpoint key this is
	 */
	ShardPosition ofCheckpointKey(String checkpointKey) {
		int shardStart = checkpointKey.lastIndexOf(':');
		int streamStart = checkpointKey.lastIndexOf(':', shardStart - 1);
		return of(checkpointKey.substring(streamStart + 1, shardStart), checkpointKey.substring(shardStart + 1));
	}

}
