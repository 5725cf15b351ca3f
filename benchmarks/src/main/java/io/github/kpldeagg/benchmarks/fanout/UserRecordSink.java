package io.github.kpldeagg.benchmarks.fanout;

import io.github.kpldeagg.core.UserRecord;
import java.util.function.Consumer;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The application's {@code Consumer<UserRecord>}: hands each user record to JMH's
 * blackhole and counts them.
 */
final class UserRecordSink implements Consumer<UserRecord> {

	/** Set by {@link #drainInto} in the benchmark's setup, before any user record. */
	@SuppressWarnings("NullAway.Init")
	private Blackhole blackhole;

	private long received;

	private long aggregated;

	void drainInto(Blackhole blackhole) {
		this.blackhole = blackhole;
	}

	@Override
	public void accept(UserRecord userRecord) {
		blackhole.consume(userRecord);
		blackhole.consume(userRecord.partitionKey());
		blackhole.consume(userRecord.dataLength());
		received++;
		if (userRecord.aggregated()) {
			aggregated++;
		}
	}

	long received() {
		return received;
	}

	long aggregated() {
		return aggregated;
	}

}
