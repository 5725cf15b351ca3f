package io.github.kpldeagg.autoconfigure;

import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.kpldeagg.core.DeaggregationListener;
import io.github.kpldeagg.core.Deaggregator;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;

/**
 * The deaggregator of one binding for each shard: one for all shards, or one per shard
 * range when filtering.
 *
 * @author The kpl-deagg maintainers
 */
final class ShardDeaggregators {

	private final Deaggregator unfiltered;

	private final @Nullable ShardHashKeyRanges ranges;

	private final BindingSettings settings;

	private final DeaggregationListener listener;

	private final Map<String, Deaggregator> filteredByShard = new ConcurrentHashMap<>();

	/**
	 * Creates the deaggregators of one binding.
	 * @param ranges where shard ranges are looked up; may be null when the settings do
	 * not filter
	 * @param settings the settings
	 * @param listener the listener
	 */
	ShardDeaggregators(BindingSettings settings, DeaggregationListener listener, @Nullable ShardHashKeyRanges ranges) {
		if (settings.shardFilter() && ranges == null) {
			throw new IllegalArgumentException(
					"Binding " + settings.bindingName() + " filters by shard: ranges needed");
		}
		this.settings = settings;
		this.listener = listener;
		this.ranges = ranges;
		this.unfiltered = builder().build();
	}

	/**
	 * The deaggregator for records of this stream and shard, as the binder's headers name
	 * them.
	 * @param stream the stream
	 * @param shardId the shard id
	 * @return the deaggregator for records of this stream and shard, as the binder's
	 * headers name them
	 * @throws IllegalStateException if filtering and the binder named no stream or shard
	 */
	Deaggregator forShard(@Nullable String stream, @Nullable String shardId) {
		ShardHashKeyRanges ranges = this.ranges;
		if (!this.settings.shardFilter() || ranges == null) {
			return this.unfiltered;
		}
		if (stream == null || shardId == null) {
			throw new IllegalStateException("Binding " + this.settings.bindingName()
					+ " filters by shard, but a record came without its stream or shard header");
		}
		return this.filteredByShard.computeIfAbsent(stream + '/' + shardId, (key) -> {
			HashKeyRange range = ranges.of(stream, shardId);
			return builder()
				.hashKeyRange(new BigInteger(range.startingHashKey()), new BigInteger(range.endingHashKey()))
				.build();
		});
	}

	private Deaggregator.Builder builder() {
		return Deaggregator.builder()
			.corruptAggregatePolicy(this.settings.corruptAggregatePolicy())
			.listener(this.listener);
	}

}
