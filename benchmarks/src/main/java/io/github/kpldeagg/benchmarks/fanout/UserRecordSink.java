package io.github.kpldeagg.benchmarks.fanout;

import java.util.function.Consumer;

import io.github.kpldeagg.core.UserRecord;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The application's {@code Consumer<UserRecord>}: hands each user record to JMH's
 * blackhole and counts them.
 *
 * @author The kpl-deagg maintainers
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
		this.blackhole.consume(userRecord);
		this.blackhole.consume(userRecord.partitionKey());
		this.blackhole.consume(userRecord.dataLength());
		this.received++;
		if (userRecord.aggregated()) {
			this.aggregated++;
		}
	}

	long received() {
		return this.received;
	}

	long aggregated() {
		return this.aggregated;
	}

}
