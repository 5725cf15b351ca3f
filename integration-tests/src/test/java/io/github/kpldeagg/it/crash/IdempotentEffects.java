package io.github.kpldeagg.it.crash;

import io.github.kpldeagg.it.support.Delivery;
import io.github.kpldeagg.it.support.DeliveryHandler;
import io.github.kpldeagg.it.support.DeliveryLog;
import io.github.kpldeagg.it.support.UserRecordId;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * How a consumer gets exactly-once effects from at-least-once delivery: it drops a user record whose
 * identity (stream, shard, sequence and sub-sequence number) it has already applied. The effect is a
 * line in a file, and that same line records the identity as applied, so a crash cannot separate them;
 * a restarted consumer reads the identities back from the file.
 */
final class IdempotentEffects implements DeliveryHandler {

    private final DeliveryLog effects;
    private final Set<UserRecordId> applied = new HashSet<>();

    IdempotentEffects(Path file) {
        DeliveryLog.read(file).forEach(effect -> applied.add(effect.id()));
        this.effects = new DeliveryLog(file);
    }

    @Override
    public synchronized void handle(Delivery delivery) {
        if (applied.add(delivery.id())) {
            effects.handle(delivery);
        }
    }
}
