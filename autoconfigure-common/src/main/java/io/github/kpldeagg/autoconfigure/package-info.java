/**
 * KPL deaggregation in the Spring Cloud Stream Kinesis binder, written once for both
 * Spring lines: where a Kinesis record enters (the binder's consumer endpoint
 * customizer), where it fans out into user records (the binding's channel, one send each,
 * before the checkpoint), where their {@link io.github.kpldeagg.core.KplHeaders} are set
 * and where failures go (the binding's error channel). Each line's auto-configuration
 * module ({@code io.github.kpldeagg.autoconfigure.awspring},
 * {@code io.github.kpldeagg.autoconfigure.springcloudstream}) implements
 * {@link io.github.kpldeagg.autoconfigure.BinderLine} for its binder and imports
 * {@link io.github.kpldeagg.autoconfigure.KplDeaggregationConfiguration}; those two,
 * {@link io.github.kpldeagg.autoconfigure.BinderHeaders},
 * {@link io.github.kpldeagg.autoconfigure.MidAggregateCheckpoint},
 * {@link io.github.kpldeagg.autoconfigure.BinderInternalsRuntimeHints},
 * {@link io.github.kpldeagg.autoconfigure.AggregatingProducerBindings} and
 * {@link io.github.kpldeagg.autoconfigure.KplProducerConfiguration} are public for the
 * line modules only. What an application touches: the properties, {@code UserRecordBatch}
 * (which it reads, never builds) and the message converter; the header names are
 * {@code io.github.kpldeagg.core.KplHeaders}; the rest is internal. Nothing is null
 * unless marked {@code @Nullable}.
 */
@NullMarked
package io.github.kpldeagg.autoconfigure;

import org.jspecify.annotations.NullMarked;
