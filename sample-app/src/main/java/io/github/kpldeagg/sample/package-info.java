/**
 * The sample application: it puts KPL aggregates on a Kinesis stream and reads them back
 * as user records through two bindings, a {@code Consumer<UserRecord>} and a
 * {@code Consumer<Message<Reading>>}, then prints whether every user record arrived once,
 * in order, as sent. Not published. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.github.kpldeagg.sample;

import org.jspecify.annotations.NullMarked;
