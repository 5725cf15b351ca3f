/**
 * The sample's own Kinesis: kinesis-local on 127.0.0.1 unless
 * {@code spring.cloud.aws.endpoint} names another, with the fake region and credentials a
 * loopback emulator takes. Nothing is null unless marked {@code @Nullable}.
 */
@NullMarked
package io.github.kpldeagg.sample.embedded;

import org.jspecify.annotations.NullMarked;
