package io.github.kpldeagg.lambda.sample;

import java.util.concurrent.atomic.AtomicBoolean;

import io.github.kpldeagg.core.UserRecord;

/**
 * Fails one user record ({@code sequenceNumber/subSequenceNumber}) the first time it
 * comes, as an outage would.
 *
 * @author The kpl-deagg maintainers
 */
class TransientFailure {

	private final String at;

	private final AtomicBoolean failed = new AtomicBoolean();

	TransientFailure(String at) {
		this.at = at;
	}

	void maybeFail(UserRecord userRecord) {
		if ((userRecord.sequenceNumber() + "/" + userRecord.subSequenceNumber()).equals(this.at)
				&& this.failed.compareAndSet(false, true)) {
			throw new IllegalStateException("order store unavailable (simulated) at " + this.at);
		}
	}

}
