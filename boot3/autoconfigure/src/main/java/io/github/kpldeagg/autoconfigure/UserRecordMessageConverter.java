package io.github.kpldeagg.autoconfigure;

import io.github.kpldeagg.core.UserRecord;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.lang.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.util.ClassUtils;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * Turns a user-record message (a {@code byte[]} payload with the {@link KplHeaders}) into a
 * {@link UserRecord}, so that functions can take {@code UserRecord}, {@code Message<UserRecord>} or, in
 * batch mode, {@code List<UserRecord>}. Other target types are left to the other converters; it never
 * writes messages.
 */
public class UserRecordMessageConverter implements MessageConverter {

    /** KCL is optional in the binder: applications may exclude it. */
    private static final boolean KCL_PRESENT = ClassUtils.isPresent(
            "software.amazon.kinesis.retrieval.KinesisClientRecord", UserRecordMessageConverter.class.getClassLoader());

    @Override
    @Nullable
    public Object fromMessage(Message<?> message, Class<?> targetClass) {
        if (targetClass != UserRecord.class) {
            return null;
        }
        // A batch element is converted on its own, with the batch's headers: a payload or a message.
        if (message.getHeaders().get(KplHeaders.USER_RECORDS) instanceof UserRecordBatch batch) {
            return batch.userRecordOf(message.getPayload()).orElse(null);
        }
        Message<?> userRecordMessage = message.getPayload() instanceof Message<?> element ? element : message;
        MessageHeaders headers = userRecordMessage.getHeaders();
        if (!(userRecordMessage.getPayload() instanceof byte[] data) || !headers.containsKey(KplHeaders.PARTITION_KEY)) {
            return null;
        }
        return UserRecord.of(ByteBuffer.wrap(data), headers.get(KplHeaders.PARTITION_KEY, String.class),
                headers.get(KplHeaders.EXPLICIT_HASH_KEY, String.class),
                headers.get(KplHeaders.SEQUENCE_NUMBER, String.class),
                headers.get(KplHeaders.SUB_SEQUENCE_NUMBER, Long.class),
                headers.get(KplHeaders.AGGREGATED, Boolean.class),
                approximateArrivalTimestamp(headers.get(IntegrationMessageHeaderAccessor.SOURCE_DATA)));
    }

    @Nullable
    private static Instant approximateArrivalTimestamp(@Nullable Object sourceData) {
        if (sourceData instanceof Record record) {
            return record.approximateArrivalTimestamp();
        }
        if (KCL_PRESENT && sourceData instanceof KinesisClientRecord record) {
            return record.approximateArrivalTimestamp();
        }
        return null;
    }

    @Override
    @Nullable
    public Message<?> toMessage(Object payload, @Nullable MessageHeaders headers) {
        return null;
    }
}
