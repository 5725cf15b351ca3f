/**
 * The current Spring line: Spring Boot 4 with Spring Cloud AWS's Kinesis binder. What
 * differs from the Boot 3 line is here, in
 * {@link io.github.kpldeagg.autoconfigure.awspring.AwspringBinderLine}; the rest is in
 * {@code io.github.kpldeagg.autoconfigure}. Nothing is null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package io.github.kpldeagg.autoconfigure.awspring;

import org.jspecify.annotations.NullMarked;
