/**
 * The sample's check: what the producer put against what each binding received, user
 * record by user record, by the identity Kinesis gave it (sequence and sub-sequence
 * number). Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.github.kpldeagg.sample.check;

import org.jspecify.annotations.NullMarked;
