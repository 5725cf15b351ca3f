package io.github.kpldeagg.autoconfigure.binder;

import io.github.kpldeagg.autoconfigure.KplHeaders;
import io.github.kpldeagg.autoconfigure.UserRecordBatch;
import io.github.kpldeagg.core.Deaggregator;
import io.github.kpldeagg.core.UserRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.springframework.integration.aws.support.AwsHeaders;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Builds the batch message of the binder's batch listener mode with user records in place of Kinesis
 * records, in each of the binder's three batch shapes: a list of messages (embedded headers), a list of
 * SDK records (native decoding; they become {@link UserRecord}s), or a list of payloads with parallel
 * header lists (which are extended per user record, plus a {@link UserRecordBatch}).
 */
final class UserRecordBatches {

    private final UserRecordMessages messages;

    UserRecordBatches(UserRecordMessages messages) {
        this.messages = messages;
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
            return MessageBuilder.withPayload(deaggregator.deaggregate(sdkRecords)).copyHeaders(carrier.getHeaders())
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
        List<?> partitionKeys = carrier.getHeaders().get(AwsHeaders.RECEIVED_PARTITION_KEY, List.class);
        List<?> sequenceNumbers = carrier.getHeaders().get(AwsHeaders.RECEIVED_SEQUENCE_NUMBER, List.class);
        if (partitionKeys == null || sequenceNumbers == null) {
            throw new IllegalStateException("Batch of " + payloads.get(0).getClass().getName()
                    + " without partition key and sequence number lists: cannot deaggregate");
        }
        ParallelLists lists = new ParallelLists(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            if (!(payloads.get(i) instanceof byte[] data)) {
                throw new IllegalStateException("Cannot deaggregate a batch element of type "
                        + payloads.get(i).getClass().getName());
            }
            for (UserRecord userRecord : deaggregator.deaggregate(ByteBuffer.wrap(data),
                    (String) partitionKeys.get(i), (String) sequenceNumbers.get(i))) {
                lists.add(userRecord.aggregated() ? userRecord.bytes() : data, userRecord);
            }
        }
        return lists.headersOn(MessageBuilder.withPayload(lists.payloads).copyHeaders(carrier.getHeaders())).build();
    }

    /** The payloads and, parallel to them, each header of each user record. */
    private static final class ParallelLists {

        final List<Object> payloads;
        final List<UserRecord> userRecords;
        final List<String> partitionKeys;
        final List<String> explicitHashKeys;
        final List<String> sequenceNumbers;
        final List<Long> subSequenceNumbers;
        final List<Boolean> aggregated;

        ParallelLists(int capacity) {
            payloads = new ArrayList<>(capacity);
            userRecords = new ArrayList<>(capacity);
            partitionKeys = new ArrayList<>(capacity);
            explicitHashKeys = new ArrayList<>(capacity);
            sequenceNumbers = new ArrayList<>(capacity);
            subSequenceNumbers = new ArrayList<>(capacity);
            aggregated = new ArrayList<>(capacity);
        }

        void add(Object payload, UserRecord userRecord) {
            payloads.add(payload);
            userRecords.add(userRecord);
            partitionKeys.add(userRecord.partitionKey());
            explicitHashKeys.add(userRecord.explicitHashKey().orElse(null));
            sequenceNumbers.add(userRecord.sequenceNumber());
            subSequenceNumbers.add(userRecord.subSequenceNumber());
            aggregated.add(userRecord.aggregated());
        }

        MessageBuilder<?> headersOn(MessageBuilder<?> builder) {
            return builder.setHeader(AwsHeaders.RECEIVED_PARTITION_KEY, partitionKeys)
                    .setHeader(AwsHeaders.RECEIVED_SEQUENCE_NUMBER, sequenceNumbers)
                    .setHeader(KplHeaders.PARTITION_KEY, partitionKeys)
                    .setHeader(KplHeaders.EXPLICIT_HASH_KEY, explicitHashKeys)
                    .setHeader(KplHeaders.SEQUENCE_NUMBER, sequenceNumbers)
                    .setHeader(KplHeaders.SUB_SEQUENCE_NUMBER, subSequenceNumbers)
                    .setHeader(KplHeaders.AGGREGATED, aggregated)
                    .setHeader(KplHeaders.USER_RECORDS, new UserRecordBatch(payloads, userRecords));
        }
    }
}
