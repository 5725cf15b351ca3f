package io.github.kpldeagg.autoconfigure;

import java.time.Duration;

import io.github.kpldeagg.core.CorruptAggregatePolicy;
import org.jspecify.annotations.Nullable;

/**
 * How one consumer binding deaggregates.
 *
 * @param bindingName the binding's name, such as {@code process-in-0}
 * @param enabled whether the binding deaggregates at all
 * @param corruptAggregatePolicy what to do with a corrupt aggregate
 * @param shardFilter whether user records outside the shard's hash-key range are dropped
 * @param positionSaveInterval at most how often a shard's position is saved while it is
 * read; null for only on manual checkpoints
 * @author The kpl-deagg maintainers
 */
record BindingSettings(String bindingName, boolean enabled, CorruptAggregatePolicy corruptAggregatePolicy,
		boolean shardFilter, @Nullable Duration positionSaveInterval) {
}
