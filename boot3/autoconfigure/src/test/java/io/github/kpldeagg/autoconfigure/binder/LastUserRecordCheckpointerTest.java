package io.github.kpldeagg.autoconfigure.binder;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.integration.aws.inbound.kinesis.Checkpointer;

class LastUserRecordCheckpointerTest {

    private static final String AGGREGATE = "49590338271490256608559692538361571095921575989136588898";

    private final List<String> committed = new ArrayList<>();
    private final Checkpointer bindersCheckpointer = new Checkpointer() {
        @Override
        public boolean checkpoint() {
            committed.add("highest");
            return true;
        }

        @Override
        public boolean checkpoint(String sequenceNumber) {
            committed.add(sequenceNumber);
            return true;
        }
    };
    private final Checkpointer checkpointer = new LastUserRecordCheckpointer(bindersCheckpointer, AGGREGATE);

    @Test
    void passesCheckpointsOfEarlierRecordsThrough() {
        String previous = new BigInteger(AGGREGATE).subtract(BigInteger.ONE).toString();
        // Fewer digits, greater as text: sequence numbers compare as numbers.
        String muchEarlier = "9";

        assertThat(checkpointer.checkpoint(previous)).isTrue();
        assertThat(checkpointer.checkpoint(muchEarlier)).isTrue();
        assertThat(committed).containsExactly(previous, muchEarlier);
    }

    @Test
    void declinesTheAggregateAndEverythingAfterIt() {
        String next = new BigInteger(AGGREGATE).add(BigInteger.ONE).toString();

        assertThat(checkpointer.checkpoint(AGGREGATE)).isFalse();
        assertThat(checkpointer.checkpoint(next)).isFalse();
        assertThat(checkpointer.checkpoint()).isFalse();
        assertThat(committed).isEmpty();
    }
}
