package io.github.kpldeagg.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The {@code kpl_*} message headers of a user record, the one contract of the Spring
 * Cloud Stream Kinesis binder's starters (both Spring lines) and of the Lambda starter:
 * their names, and {@link #of(UserRecord)}, the headers of a user record that every one
 * of them sets.
 * <p>
 * On every path a user-record message carries {@link #PARTITION_KEY},
 * {@link #EXPLICIT_HASH_KEY} (absent when the user record has none),
 * {@link #SEQUENCE_NUMBER}, {@link #SUB_SEQUENCE_NUMBER} and {@link #AGGREGATED}. The
 * Lambda starter adds {@link #EVENT_SOURCE_ARN} and {@link #SHARD_ID} from the event
 * record, which with the sequence and sub-sequence numbers identify the user record; on
 * the binder, its own stream and shard headers play that part. {@link #USER_RECORDS} is
 * the binder's, in its batch listener mode only. Plain names and values: nothing here
 * depends on Spring.
 *
 * @author The kpl-deagg maintainers
 */
public final class KplHeaders {

	/** The user record's partition key ({@code String}). */
	public static final String PARTITION_KEY = "kpl_partitionKey";

	/**
	 * The user record's explicit hash key ({@code String}); absent when the producer gave
	 * none.
	 */
	public static final String EXPLICIT_HASH_KEY = "kpl_explicitHashKey";

	/**
	 * The sequence number of the Kinesis record that carried the user record
	 * ({@code String}).
	 */
	public static final String SEQUENCE_NUMBER = "kpl_sequenceNumber";

	/**
	 * The user record's position in its aggregate ({@code long}), 0 for a plain record.
	 */
	public static final String SUB_SEQUENCE_NUMBER = "kpl_subSequenceNumber";

	/** Whether the user record came out of a KPL aggregate ({@code boolean}). */
	public static final String AGGREGATED = "kpl_aggregated";

	/**
	 * Lambda starter only: the ARN of the stream, the event record's
	 * {@code eventSourceARN} ({@code String}); absent when the event lacks it.
	 */
	public static final String EVENT_SOURCE_ARN = "kpl_eventSourceArn";

	/**
	 * Lambda starter only: the shard, the part of the event record's {@code eventID}
	 * before the colon ({@code String}); absent when the event lacks it.
	 */
	public static final String SHARD_ID = "kpl_shardId";

	/**
	 * Binder starters only, in the binder's batch listener mode without embedded headers
	 * or native decoding: the batch's
	 * {@code io.github.kpldeagg.autoconfigure.UserRecordBatch}. The other headers are
	 * then lists parallel to the payload list.
	 */
	public static final String USER_RECORDS = "kpl_userRecords";

	private KplHeaders() {
	}

	/**
	 * Returns the headers of a user record: {@link #PARTITION_KEY},
	 * {@link #EXPLICIT_HASH_KEY} (left out when the user record has none),
	 * {@link #SEQUENCE_NUMBER}, {@link #SUB_SEQUENCE_NUMBER} ({@code Long}) and
	 * {@link #AGGREGATED} ({@code Boolean}), in that order, unmodifiable. Who copies them
	 * over other headers removes {@link #EXPLICIT_HASH_KEY} first, or uses
	 * {@link #write(UserRecord, Map)}.
	 * @param userRecord the user record
	 * @return the headers of a user record
	 */
	public static Map<String, Object> of(UserRecord userRecord) {
		Map<String, Object> headers = new LinkedHashMap<>(8);
		write(userRecord, headers);
		return Collections.unmodifiableMap(headers);
	}

	/**
	 * Writes the headers of a user record, those {@link #of(UserRecord)} gives, into the
	 * headers of the message that is to carry it, in place of what these held under the
	 * same names: {@link #EXPLICIT_HASH_KEY} is removed when the user record has none.
	 * @param userRecord the user record
	 * @param headers the message's headers
	 */
	public static void write(UserRecord userRecord, Map<String, Object> headers) {
		write(userRecord.partitionKey(), userRecord.explicitHashKey().orElse(null), userRecord.sequenceNumber(),
				userRecord.subSequenceNumber(), userRecord.aggregated(), headers);
	}

	/**
	 * Writes the headers of a user record given by its parts, as another reader (such as
	 * KCL) hands them over: the same as {@link #write(UserRecord, Map)} of a user record
	 * with these parts.
	 * @param partitionKey the user record's partition key
	 * @param explicitHashKey its explicit hash key, or null
	 * @param sequenceNumber the sequence number of the Kinesis record that carried it
	 * @param subSequenceNumber its position in the aggregate, 0 for a plain record
	 * @param aggregated whether it came out of an aggregate
	 * @param headers the message's headers
	 */
	public static void write(String partitionKey, @Nullable String explicitHashKey, String sequenceNumber,
			long subSequenceNumber, boolean aggregated, Map<String, Object> headers) {
		headers.put(PARTITION_KEY, partitionKey);
		if (explicitHashKey != null) {
			headers.put(EXPLICIT_HASH_KEY, explicitHashKey);
		}
		else {
			headers.remove(EXPLICIT_HASH_KEY);
		}
		headers.put(SEQUENCE_NUMBER, sequenceNumber);
		headers.put(SUB_SEQUENCE_NUMBER, subSequenceNumber);
		headers.put(AGGREGATED, aggregated);
	}

}
