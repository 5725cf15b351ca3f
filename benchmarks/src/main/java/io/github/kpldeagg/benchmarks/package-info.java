/**
 * JMH benchmarks of the core: the same aggregates through the core's reader and KCL's
 * {@code AggregatorUtil}, against the floors every reader pays (the MD5, and a bare walk
 * of the protobuf); and {@link io.github.kpldeagg.benchmarks.HeapGrowthReport}, the live
 * heap one deaggregated aggregate holds. Not published. Nothing is null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package io.github.kpldeagg.benchmarks;

import org.jspecify.annotations.NullMarked;
