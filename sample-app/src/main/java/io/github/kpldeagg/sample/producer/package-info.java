/**
 * The sample's producer, written as the KPL behaves: readings buffered for a window,
 * aggregated per shard with the core's {@code Aggregator} and put with PutRecords.
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.github.kpldeagg.sample.producer;

import org.jspecify.annotations.NullMarked;
