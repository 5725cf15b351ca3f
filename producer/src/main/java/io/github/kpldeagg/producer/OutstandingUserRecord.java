package io.github.kpldeagg.producer;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * A user record from its arrival until its future completes; guarded by the producer's
 * lock.
 *
 * @author The kpl-deagg maintainers
 */
final class OutstandingUserRecord {

	final String partitionKey;

	final @Nullable String explicitHashKey;

	final BigInteger hashKey;

	final byte[] data;

	final long arrivalNanos;

	final long expiresAtNanos;

	final CompletableFuture<UserRecordResult> future = new CompletableFuture<>();

	final List<Attempt> attempts = new ArrayList<>(1);

	private long lastAttemptEndNanos;

	OutstandingUserRecord(String partitionKey, @Nullable String explicitHashKey, BigInteger hashKey, byte[] data,
			long arrivalNanos, long ttlNanos) {
		this.partitionKey = partitionKey;
		this.explicitHashKey = explicitHashKey;
		this.hashKey = hashKey;
		this.data = data;
		this.arrivalNanos = arrivalNanos;
		this.expiresAtNanos = arrivalNanos + ttlNanos;
		this.lastAttemptEndNanos = arrivalNanos;
	}

	boolean expired(long nowNanos) {
		return nowNanos - this.expiresAtNanos >= 0;
	}

	void attempt(long startNanos, long endNanos, @Nullable String errorCode, @Nullable String errorMessage) {
		this.attempts.add(new Attempt(Duration.ofNanos(Math.max(0, startNanos - this.lastAttemptEndNanos)),
				Duration.ofNanos(endNanos - startNanos), errorCode, errorMessage));
		this.lastAttemptEndNanos = endNanos;
	}

}
