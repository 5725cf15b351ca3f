package io.github.kpldeagg.autoconfigure;

import io.github.kpldeagg.core.Deaggregator;
import io.github.kpldeagg.core.UserRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Builds the batch message of the binder's batch listener mode with user records in place
 * of Kinesis records, in each of the binder's three batch shapes: a list of messages
 * (embedded headers), a list of SDK records (native decoding; they become
 * {@link UserRecord}s), or a list of payloads with parallel header lists (which are
 * extended per user record, plus a {@link UserRecordBatch}).
 */
final class UserRecordBatches {

	private final UserRecordMessages messages;

	private final BinderHeaders binderHeaders;

	UserRecordBatches(UserRecordMessages messages, BinderHeaders binderHeaders) {
		this.messages = messages;
		this.binderHeaders = binderHeaders;
	}

	Message<?> of(Message<?> carrier, List<?> records, Deaggregator deaggregator) {
		if (records.isEmpty()) {
			return carrier;
		}
		Object first = records.get(0);
		if (first instanceof Message) {
			return ofMessages(carrier, records, deaggregator);
		}
		if (first instanceof Record) {
			@SuppressWarnings("unchecked")
			List<Record> sdkRecords = (List<Record>) records;
			return MessageBuilder.withPayload(deaggregator.deaggregate(sdkRecords))
				.copyHeaders(carrier.getHeaders())
				.build();
		}
		return ofPayloads(carrier, records, deaggregator);
	}

	private Message<?> ofMessages(Message<?> carrier, List<?> records, Deaggregator deaggregator) {
		List<Message<?>> userRecordMessages = new ArrayList<>(records.size());
		for (Object element : records) {
			Message<?> recordMessage = (Message<?>) element;
			for (UserRecord userRecord : deaggregator.deaggregate(List.of(SourceRecords.of(recordMessage)))) {
				userRecordMessages.add(messages.of(recordMessage, userRecord, null));
			}
		}
		return MessageBuilder.withPayload(userRecordMessages).copyHeaders(carrier.getHeaders()).build();
	}

	private Message<?> ofPayloads(Message<?> carrier, List<?> payloads, Deaggregator deaggregator) {
		List<?> partitionKeys = carrier.getHeaders().get(binderHeaders.receivedPartitionKey(), List.class);
		List<?> sequenceNumbers = carrier.getHeaders().get(binderHeaders.receivedSequenceNumber(), List.class);
		if (partitionKeys == null || sequenceNumbers == null) {
			throw new IllegalStateException("Batch of " + payloads.get(0).getClass().getName()
					+ " without partition key and sequence number lists: cannot deaggregate");
		}
		List<Object> userRecordPayloads = new ArrayList<>(payloads.size());
		List<UserRecord> userRecords = new ArrayList<>(payloads.size());
		for (int i = 0; i < payloads.size(); i++) {
			if (!(payloads.get(i) instanceof byte[] data)) {
				throw new IllegalStateException(
						"Cannot deaggregate a batch element of type " + payloads.get(i).getClass().getName());
			}
			for (UserRecord userRecord : deaggregator.deaggregate(ByteBuffer.wrap(data), (String) partitionKeys.get(i),
					(String) sequenceNumbers.get(i))) {
				userRecordPayloads.add(userRecord.aggregated() ? userRecord.bytes() : data);
				userRecords.add(userRecord);
			}
		}
		return messages.headers()
			.writeLists(MessageBuilder.withPayload(userRecordPayloads).copyHeaders(carrier.getHeaders()),
					userRecordPayloads, userRecords)
			.build();
	}

}
