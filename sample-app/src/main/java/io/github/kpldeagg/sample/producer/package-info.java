/**
 * The sample's producer, written as the KPL behaves: readings buffered for a window,
 * aggregated per shard with the core's {@code Aggregator} and put with PutRecords
 * ({@code CoreAggregatorWrites}), then, on the current Spring line, added to
 * kpl-deagg-producer's {@code AggregatingProducer} ({@code KplDeaggProducerWrites}).
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.github.kpldeagg.sample.producer;

import org.jspecify.annotations.NullMarked;
