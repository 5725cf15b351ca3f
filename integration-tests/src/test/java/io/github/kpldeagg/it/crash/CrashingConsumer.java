package io.github.kpldeagg.it.crash;

import io.github.kpldeagg.it.support.ConsumerApp;
import io.github.kpldeagg.it.support.DeliveryHandler;
import io.github.kpldeagg.it.support.DeliveryLog;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The consumer of the crash test, run in a JVM of its own: logs every user record it receives to
 * {@code it.received}, applies it once to {@code it.effects} through {@link IdempotentEffects}, and, having
 * handled the user record {@code it.halt-after} (an identity {@code stream/shard/sequence/sub-sequence}),
 * halts the JVM at once: no shutdown hook, no clean stop of the binder, no final checkpoint.
 */
@Configuration(proxyBeanMethods = false)
public class CrashingConsumer {

    /** The exit status of a halted consumer. */
    public static final int HALT_STATUS = 86;

    public static void main(String[] args) {
        new SpringApplicationBuilder(ConsumerApp.class, CrashingConsumer.class).run(args);
    }

    @Bean
    DeliveryHandler crashingHandler(@Value("${it.received}") Path received, @Value("${it.effects}") Path effects,
            @Value("${it.halt-after:}") String haltAfter) {
        DeliveryLog receivedLog = new DeliveryLog(received);
        IdempotentEffects idempotentEffects = new IdempotentEffects(effects);
        return delivery -> {
            receivedLog.handle(delivery);
            idempotentEffects.handle(delivery);
            if (delivery.id().toString().equals(haltAfter)) {
                Runtime.getRuntime().halt(HALT_STATUS);
            }
        };
    }
}
