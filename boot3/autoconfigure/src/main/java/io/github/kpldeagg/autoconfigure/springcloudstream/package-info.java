/**
 * The Boot 3 line: Spring Boot 3.5 with {@code spring-cloud-stream-binder-kinesis} 4.0.x.
 * What differs from the current line is here, in
 * {@link io.github.kpldeagg.autoconfigure.springcloudstream.SpringCloudStreamBinderLine};
 * the rest is in {@code io.github.kpldeagg.autoconfigure}. Nothing is null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package io.github.kpldeagg.autoconfigure.springcloudstream;

import org.jspecify.annotations.NullMarked;
