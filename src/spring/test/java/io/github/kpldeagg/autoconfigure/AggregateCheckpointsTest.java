package io.github.kpldeagg.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * The checkpointer that every user record of an aggregate but the last gets in place of
 * the binder's.
 */
class AggregateCheckpointsTest {

	private static final String AGGREGATE = "49590338271490256608559692538361571095921575989136588898";

	private final TestCheckpointer.Recording binders = new TestCheckpointer.Recording();

	private final TestCheckpointer checkpointer = GenerationObjects.testCheckpointer(BinderLine.GENERATION
		.checkpointerBeforeLast(GenerationObjects.binderCheckpointer(binders), new AggregateCheckpoints(AGGREGATE)));

	@Test
	void passesCheckpointsOfEarlierRecordsThrough() {
		String previous = new BigInteger(AGGREGATE).subtract(BigInteger.ONE).toString();
		// Fewer digits, greater as text: sequence numbers compare as numbers.
		String muchEarlier = "9";

		assertThat(checkpointer.checkpoint(previous)).isTrue();
		assertThat(checkpointer.checkpoint(muchEarlier)).isTrue();
		assertThat(binders.committed()).containsExactly(previous, muchEarlier);
	}

	@Test
	void declinesTheAggregateAndEverythingAfterIt() {
		String next = new BigInteger(AGGREGATE).add(BigInteger.ONE).toString();

		assertThat(checkpointer.checkpoint(AGGREGATE)).isFalse();
		assertThat(checkpointer.checkpoint(next)).isFalse();
		assertThat(checkpointer.checkpoint()).isFalse();
		assertThat(binders.committed()).isEmpty();
	}

}
