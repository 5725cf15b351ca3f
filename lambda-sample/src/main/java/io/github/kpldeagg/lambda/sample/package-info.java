/**
 * The Lambda sample: a {@code Consumer<UserRecord>} deployed with Spring Cloud Function's
 * {@code FunctionInvoker}, which drops the repeats a Lambda retry brings and can fail one
 * user record once ({@code sample.fail-once-at}) to show the retry. Not published.
 * Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.github.kpldeagg.lambda.sample;

import org.jspecify.annotations.NullMarked;
