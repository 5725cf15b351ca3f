/**
 * The KPL aggregate format, without Spring: {@link io.github.kpldeagg.core.Deaggregator}
 * turns AWS SDK v2 records, Lambda Kinesis events or raw bytes into the
 * {@link io.github.kpldeagg.core.UserRecord}s the producer wrote,
 * {@link io.github.kpldeagg.core.Aggregator} writes aggregates as the KPL does, and
 * {@link io.github.kpldeagg.core.KinesisEventProcessor} answers a Lambda Kinesis event
 * with its partial batch failures. A whole aggregate is validated before any of its user
 * records is delivered; what is wrong with a corrupt one is a
 * {@link io.github.kpldeagg.core.CorruptionReason}. Everything public here is the
 * module's API; nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.github.kpldeagg.core;

import org.jspecify.annotations.NullMarked;
