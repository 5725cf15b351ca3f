package io.github.kpldeagg.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.metadata.ConcurrentMetadataStore;

/**
 * The binder's checkpoint store, given to a deaggregating binding's polling adapter in
 * place of the store itself: every call goes to the store, and what the adapter does with
 * a shard's checkpoint (reads it when a shard's consumer starts or checkpoints, writes
 * it, removes it to read the shard from the start) is told to the shard's
 * {@link ShardPosition}.
 *
 * @author The kpl-deagg maintainers
 */
final class CheckpointFollowingStore implements ConcurrentMetadataStore {

	private final ConcurrentMetadataStore store;

	private final ShardPositions positions;

	CheckpointFollowingStore(ConcurrentMetadataStore store, ShardPositions positions) {
		this.store = store;
		this.positions = positions;
	}

	@Override
	public @Nullable String get(String key) {
		String checkpoint = this.store.get(key);
		this.positions.ofCheckpointKey(key).binderCheckpointRead(key, checkpoint);
		return checkpoint;
	}

	@Override
	public void put(String key, String value) {
		this.store.put(key, value);
		this.positions.ofCheckpointKey(key).binderCheckpointWritten(key, value);
	}

	@Override
	public @Nullable String putIfAbsent(String key, String value) {
		String existing = this.store.putIfAbsent(key, value);
		if (existing == null) {
			this.positions.ofCheckpointKey(key).binderCheckpointWritten(key, value);
		}
		return existing;
	}

	@Override
	public boolean replace(String key, String oldValue, String newValue) {
		boolean replaced = this.store.replace(key, oldValue, newValue);
		if (replaced) {
			this.positions.ofCheckpointKey(key).binderCheckpointWritten(key, newValue);
		}
		return replaced;
	}

	@Override
	public @Nullable String remove(String key) {
		String removed = this.store.remove(key);
		this.positions.ofCheckpointKey(key).binderCheckpointRemoved(key);
		return removed;
	}

}
