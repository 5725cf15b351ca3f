package io.github.kpldeagg.autoconfigure;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import io.github.kpldeagg.core.Deaggregator;
import io.github.kpldeagg.core.UserRecord;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.kinesis.model.Record;

import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;

/**
 * Builds the batch message of the binder's batch listener mode with user records in place
 * of Kinesis records, in each of the binder's three batch shapes: a list of messages
 * (embedded headers), a list of SDK records (native decoding; they become
 * {@link UserRecord}s), or a list of payloads with parallel header lists (which are
 * extended per user record, plus a {@link UserRecordBatch}). User records that the
 * shard's position says were handled are left out.
 *
 * @author The kpl-deagg maintainers
 */
final class UserRecordBatches {

	private final UserRecordMessages messages;

	private final BinderHeaders binderHeaders;

	UserRecordBatches(UserRecordMessages messages, BinderHeaders binderHeaders) {
		this.messages = messages;
		this.binderHeaders = binderHeaders;
	}

	Batch of(Message<?> carrier, List<?> records, Deaggregator deaggregator, ShardPosition position) {
		if (records.isEmpty()) {
			return new Batch(carrier, null, 0);
		}
		Object first = records.get(0);
		if (first instanceof Message) {
			return ofMessages(carrier, records, deaggregator, position);
		}
		if (first instanceof Record) {
			@SuppressWarnings("unchecked")
			List<Record> sdkRecords = (List<Record>) records;
			return ofSdkRecords(carrier, sdkRecords, deaggregator, position);
		}
		return ofPayloads(carrier, records, deaggregator, position);
	}

	private Batch ofMessages(Message<?> carrier, List<?> records, Deaggregator deaggregator, ShardPosition position) {
		Unhandled unhandled = new Unhandled(position);
		List<Message<?>> userRecordMessages = new ArrayList<>(records.size());
		for (Object element : records) {
			Message<?> recordMessage = (Message<?>) element;
			for (UserRecord userRecord : unhandled.of(deaggregator, SourceRecords.of(recordMessage))) {
				userRecordMessages.add(this.messages.of(recordMessage, userRecord, null));
			}
		}
		return unhandled
			.batch(MessageBuilder.withPayload(userRecordMessages).copyHeaders(carrier.getHeaders()).build());
	}

	private Batch ofSdkRecords(Message<?> carrier, List<Record> records, Deaggregator deaggregator,
			ShardPosition position) {
		Unhandled unhandled = new Unhandled(position);
		List<UserRecord> userRecords = new ArrayList<>(records.size());
		for (Record record : records) {
			userRecords.addAll(unhandled.of(deaggregator, record));
		}
		return unhandled.batch(MessageBuilder.withPayload(userRecords).copyHeaders(carrier.getHeaders()).build());
	}

	private Batch ofPayloads(Message<?> carrier, List<?> payloads, Deaggregator deaggregator, ShardPosition position) {
		List<?> partitionKeys = carrier.getHeaders().get(this.binderHeaders.receivedPartitionKey(), List.class);
		List<?> sequenceNumbers = carrier.getHeaders().get(this.binderHeaders.receivedSequenceNumber(), List.class);
		if (partitionKeys == null || sequenceNumbers == null) {
			throw new IllegalStateException("Batch of " + payloads.get(0).getClass().getName()
					+ " without partition key and sequence number lists: cannot deaggregate");
		}
		Unhandled unhandled = new Unhandled(position);
		List<Object> userRecordPayloads = new ArrayList<>(payloads.size());
		List<UserRecord> userRecords = new ArrayList<>(payloads.size());
		for (int i = 0; i < payloads.size(); i++) {
			if (!(payloads.get(i) instanceof byte[] data)) {
				throw new IllegalStateException(
						"Cannot deaggregate a batch element of type " + payloads.get(i).getClass().getName());
			}
			for (UserRecord userRecord : unhandled.of(deaggregator.deaggregate(ByteBuffer.wrap(data),
					(String) partitionKeys.get(i), (String) sequenceNumbers.get(i)))) {
				userRecordPayloads.add(userRecord.aggregated() ? userRecord.bytes() : data);
				userRecords.add(userRecord);
			}
		}
		return unhandled.batch(this.messages.headers()
			.writeLists(MessageBuilder.withPayload(userRecordPayloads).copyHeaders(carrier.getHeaders()),
					userRecordPayloads, userRecords)
			.build());
	}

	/**
	 * A batch to send.
	 *
	 * @param message the batch message
	 * @param last its last user record; null when it has none, and is not to be sent
	 * @param skipped how many user records were left out as handled
	 */
	record Batch(Message<?> message, @Nullable UserRecord last, int skipped) {
	}

	/** The user records of a batch that the shard's position says were not handled. */
	private static final class Unhandled {

		private final ShardPosition position;

		private @Nullable UserRecord last;

		private int skipped;

		Unhandled(ShardPosition position) {
			this.position = position;
		}

		List<UserRecord> of(Deaggregator deaggregator, Record record) {
			return of(deaggregator.deaggregate(record));
		}

		List<UserRecord> of(List<UserRecord> userRecords) {
			if (userRecords.isEmpty()) {
				return userRecords;
			}
			long handledThrough = this.position.handledThrough(userRecords.get(0).sequenceNumber());
			List<UserRecord> unhandled = userRecords;
			if (handledThrough != ShardPosition.NONE) {
				unhandled = userRecords.stream()
					.filter((userRecord) -> userRecord.subSequenceNumber() > handledThrough)
					.toList();
				this.skipped += userRecords.size() - unhandled.size();
			}
			if (!unhandled.isEmpty()) {
				this.last = unhandled.get(unhandled.size() - 1);
			}
			return unhandled;
		}

		Batch batch(Message<?> message) {
			return new Batch(message, this.last, this.skipped);
		}

	}

}
