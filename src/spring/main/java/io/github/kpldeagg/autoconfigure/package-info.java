/**
 * KPL deaggregation in the Spring Cloud Stream Kinesis binder, for both Spring lines:
 * where a Kinesis record enters (the binder's consumer endpoint customizer), where it
 * fans out into user records (the binding's channel, one send each, before the
 * checkpoint), where their {@link io.github.kpldeagg.autoconfigure.KplHeaders} are set
 * and where failures go (the binding's error channel). Each line's jar adds its
 * {@code KplDeaggregationAutoConfiguration} and its binder's types to these shared
 * sources. Only what an application touches is public: the auto-configuration, its
 * properties, the header names, {@code UserRecordBatch}, the message converter,
 * {@code DeaggregatingBindings} and the binder customizer; the rest is internal. Nothing
 * is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.github.kpldeagg.autoconfigure;

import org.jspecify.annotations.NullMarked;
