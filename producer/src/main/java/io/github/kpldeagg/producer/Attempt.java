package io.github.kpldeagg.producer;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One attempt to put a user record, as the KPL's {@code Attempt} reports it.
 *
 * @param delay the time from the user record's arrival, or the end of its previous
 * attempt, to this attempt's start
 * @param duration how long the attempt took
 * @param errorCode null if the attempt succeeded; else the PutRecords entry's error code
 * (such as {@code ProvisionedThroughputExceededException}), the exception's class name if
 * the whole request failed, {@value #WRONG_SHARD} if the aggregate holding the user
 * record landed on a shard whose hash-key range does not hold all its user records, or
 * {@value #EXPIRED} for the {@code RecordTtl} expiry
 * @param errorMessage null if the attempt succeeded; else what went wrong
 * @author The kpl-deagg maintainers
 */
public record Attempt(Duration delay, Duration duration, @Nullable String errorCode, @Nullable String errorMessage) {

	/**
	 * The error code of a put on the wrong shard, after which the user record is put
	 * again.
	 */
	public static final String WRONG_SHARD = "WrongShard";

	/**
	 * The error code of the last attempt of a user record whose {@code RecordTtl}
	 * expired.
	 */
	public static final String EXPIRED = "Expired";

	/**
	 * {@return whether the attempt put the user record}
	 */
	public boolean successful() {
		return this.errorCode == null;
	}

}
