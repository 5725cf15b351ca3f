/**
 * KPL deaggregation for AWS Lambda functions run by Spring Cloud Function's
 * {@code FunctionInvoker}: a consumer of user records is called once per user record of a
 * Kinesis event, and the handler answers with the partial batch response. Each user
 * record's message carries the {@link io.github.kpldeagg.core.KplHeaders}, the same
 * contract as the binder's starters. The auto-configuration and its properties are the
 * public API; the function wrapper and the event reading behind it are internal. Nothing
 * is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.github.kpldeagg.lambda;

import org.jspecify.annotations.NullMarked;
