package io.github.kpldeagg.autoconfigure.binder;

import java.math.BigInteger;
import org.springframework.integration.aws.inbound.kinesis.Checkpointer;

/**
 * The checkpointer given to every user record of an aggregate but the last. The binder's checkpointer
 * commits whole Kinesis records, so committing the aggregate (or anything after it) before its last
 * user record is processed would lose the rest of the aggregate on restart: such checkpoints are
 * declined. Checkpoints of earlier records still go through.
 */
final class LastUserRecordCheckpointer implements Checkpointer {

    private final Checkpointer delegate;
    private final BigInteger aggregateSequenceNumber;

    LastUserRecordCheckpointer(Checkpointer delegate, String aggregateSequenceNumber) {
        this.delegate = delegate;
        this.aggregateSequenceNumber = new BigInteger(aggregateSequenceNumber);
    }

    /** Declined: it would commit the highest sequence number read, which is at or after this aggregate. */
    @Override
    public boolean checkpoint() {
        return false;
    }

    @Override
    public boolean checkpoint(String sequenceNumber) {
        return new BigInteger(sequenceNumber).compareTo(aggregateSequenceNumber) < 0
                && delegate.checkpoint(sequenceNumber);
    }
}
