/**
 * A pure-Java KPL-aggregating Kinesis producer on the AWS SDK v2's
 * {@code KinesisAsyncClient}: {@link io.github.kpldeagg.producer.AggregatingProducer}
 * packs user records into KPL aggregates per predicted shard, collects them into
 * PutRecords requests, retries what failed and puts again what landed on a shard whose
 * hash-key range does not hold it, as the KPL's native daemon does, with the KPL's
 * settings and defaults ({@link io.github.kpldeagg.producer.ProducerConfiguration}).
 * Everything public here is the module's API; nothing is null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package io.github.kpldeagg.producer;

import org.jspecify.annotations.NullMarked;
