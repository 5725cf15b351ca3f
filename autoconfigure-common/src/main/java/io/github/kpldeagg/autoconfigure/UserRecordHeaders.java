package io.github.kpldeagg.autoconfigure;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.kpldeagg.core.KplHeaders;
import io.github.kpldeagg.core.UserRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageHeaders;

/**
 * Where the binder maps a user record to message headers and back: the {@link KplHeaders}
 * (whose {@link KplHeaders#write(UserRecord, Map)} the Lambda starter uses too), and the
 * binder's received partition key, which becomes the user record's (the aggregate's is
 * {@code "a"}).
 *
 * @author The kpl-deagg maintainers
 */
final class UserRecordHeaders {

	private final BinderHeaders binderHeaders;

	UserRecordHeaders(BinderHeaders binderHeaders) {
		this.binderHeaders = binderHeaders;
	}

	/**
	 * The headers of one user record, into the headers of the message that is to carry
	 * it; a header without a value is removed, as a message builder does.
	 * @param headers the headers
	 * @param userRecord the user record
	 */
	void write(Map<String, @Nullable Object> headers, UserRecord userRecord) {
		headers.put(this.binderHeaders.receivedPartitionKey(), userRecord.partitionKey());
		KplHeaders.write(userRecord, headers);
	}

	/**
	 * The headers of one user record from its parts, as KCL hands them over.
	 * @param <T> the payload type
	 * @param builder the builder
	 * @param partitionKey the partition key
	 * @param explicitHashKey the explicit hash key
	 * @param sequenceNumber the sequence number
	 * @param subSequenceNumber the sub sequence number
	 * @param aggregated the aggregated
	 * @return the headers of one user record from its parts, as KCL hands them over
	 */
	<T> MessageBuilder<T> write(MessageBuilder<T> builder, String partitionKey, @Nullable String explicitHashKey,
			String sequenceNumber, long subSequenceNumber, boolean aggregated) {
		Map<String, Object> kplHeaders = new LinkedHashMap<>(8);
		KplHeaders.write(partitionKey, explicitHashKey, sequenceNumber, subSequenceNumber, aggregated, kplHeaders);
		return builder.setHeader(this.binderHeaders.receivedPartitionKey(), partitionKey)
			.removeHeader(KplHeaders.EXPLICIT_HASH_KEY)
			.copyHeaders(kplHeaders);
	}

	/**
	 * The headers of a batch whose payload is a list of user records' data: each header a
	 * list parallel to the payloads (the binder's sequence numbers too), and the
	 * {@link UserRecordBatch}.
	 * @param <T> the payload type
	 * @param builder the builder
	 * @param payloads the payloads
	 * @param userRecords the user records
	 * @return the headers of a batch whose payload is a list of user records' data
	 */
	<T> MessageBuilder<T> writeLists(MessageBuilder<T> builder, List<?> payloads, List<UserRecord> userRecords) {
		int size = userRecords.size();
		List<String> partitionKeys = new ArrayList<>(size);
		List<@Nullable String> explicitHashKeys = new ArrayList<>(size);
		List<String> sequenceNumbers = new ArrayList<>(size);
		List<Long> subSequenceNumbers = new ArrayList<>(size);
		List<Boolean> aggregated = new ArrayList<>(size);
		for (UserRecord userRecord : userRecords) {
			partitionKeys.add(userRecord.partitionKey());
			explicitHashKeys.add(userRecord.explicitHashKey().orElse(null));
			sequenceNumbers.add(userRecord.sequenceNumber());
			subSequenceNumbers.add(userRecord.subSequenceNumber());
			aggregated.add(userRecord.aggregated());
		}
		return builder.setHeader(this.binderHeaders.receivedPartitionKey(), partitionKeys)
			.setHeader(this.binderHeaders.receivedSequenceNumber(), sequenceNumbers)
			.setHeader(KplHeaders.PARTITION_KEY, partitionKeys)
			.setHeader(KplHeaders.EXPLICIT_HASH_KEY, explicitHashKeys)
			.setHeader(KplHeaders.SEQUENCE_NUMBER, sequenceNumbers)
			.setHeader(KplHeaders.SUB_SEQUENCE_NUMBER, subSequenceNumbers)
			.setHeader(KplHeaders.AGGREGATED, aggregated)
			.setHeader(KplHeaders.USER_RECORDS, new UserRecordBatch(payloads, userRecords));
	}

	/**
	 * The user record whose data and headers these are; null when the headers are not a
	 * user record's.
	 * @param data the data
	 * @param headers the headers
	 * @param approximateArrivalTimestamp the approximate arrival timestamp
	 * @return the user record whose data and headers these are
	 */
	static @Nullable UserRecord read(byte[] data, MessageHeaders headers,
			@Nullable Instant approximateArrivalTimestamp) {
		String partitionKey = headers.get(KplHeaders.PARTITION_KEY, String.class);
		String sequenceNumber = headers.get(KplHeaders.SEQUENCE_NUMBER, String.class);
		Long subSequenceNumber = headers.get(KplHeaders.SUB_SEQUENCE_NUMBER, Long.class);
		Boolean aggregated = headers.get(KplHeaders.AGGREGATED, Boolean.class);
		if (partitionKey == null || sequenceNumber == null || subSequenceNumber == null || aggregated == null) {
			return null;
		}
		return UserRecord.of(ByteBuffer.wrap(data), partitionKey,
				headers.get(KplHeaders.EXPLICIT_HASH_KEY, String.class), sequenceNumber, subSequenceNumber, aggregated,
				approximateArrivalTimestamp);
	}

}
