package io.github.kpldeagg.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.kpldeagg.it.network.LoopbackOnly;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class against the run's local Kinesis and DynamoDB, whose processes must talk to
 * nothing but loopback. The emulators start first, so that their one-time npm install is
 * not part of the watch.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LocalAws.Extension.class)
@ExtendWith(LoopbackOnly.class)
public @interface LocalAwsTest {

}
