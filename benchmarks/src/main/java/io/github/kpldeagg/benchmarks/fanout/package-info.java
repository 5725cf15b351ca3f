/**
 * JMH benchmarks of the starter's fan-out: Kinesis-record messages through a real binding
 * to a {@code Consumer<UserRecord>}, without a network, against plain records through the
 * same binding. Each Spring line supplies its binder's types
 * ({@code BenchmarkedBinderLine}). Not published. Nothing is null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package io.github.kpldeagg.benchmarks.fanout;

import org.jspecify.annotations.NullMarked;
