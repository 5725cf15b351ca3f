package io.github.kpldeagg.autoconfigure.binder;

import io.github.kpldeagg.autoconfigure.KplHeaders;
import io.github.kpldeagg.core.UserRecord;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.integration.aws.inbound.kinesis.Checkpointer;
import org.springframework.integration.aws.support.AwsHeaders;
import org.springframework.integration.mapping.InboundMessageMapper;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.lang.Nullable;
import org.springframework.messaging.Message;

/**
 * Builds the message of one user record on the headers of the message that carried its Kinesis record:
 * the binder's stream, shard, sequence-number and source-data headers stay, the partition key becomes the
 * user record's, and the {@link KplHeaders} are added.
 */
public final class UserRecordMessages {

    private static final Log logger = LogFactory.getLog(UserRecordMessages.class);

    @Nullable
    private final InboundMessageMapper<byte[]> embeddedHeadersMapper;

    /**
     * @param embeddedHeadersMapper the binder's embedded-headers mapper of the binding, applied to each user
     *                              record of an aggregate as the binder applies it to each Kinesis record; null
     *                              when the binding does not embed headers
     */
    public UserRecordMessages(@Nullable InboundMessageMapper<byte[]> embeddedHeadersMapper) {
        this.embeddedHeadersMapper = embeddedHeadersMapper;
    }

    /**
     * The message of {@code userRecord}; {@code checkpointer}, when not null, replaces the carrier's.
     * A plain record keeps the carrier's payload, which the binder has already decoded.
     */
    public Message<?> of(Message<?> carrier, UserRecord userRecord, @Nullable Checkpointer checkpointer) {
        MessageBuilder<?> builder;
        Message<?> embedded = null;
        if (userRecord.aggregated()) {
            byte[] data = userRecord.bytes();
            embedded = decodeEmbeddedHeaders(data);
            builder = MessageBuilder.withPayload(embedded == null ? data : embedded.getPayload())
                    .copyHeaders(carrier.getHeaders());
        }
        else {
            builder = MessageBuilder.fromMessage(carrier);
        }
        builder.setHeader(AwsHeaders.RECEIVED_PARTITION_KEY, userRecord.partitionKey())
                .setHeader(KplHeaders.PARTITION_KEY, userRecord.partitionKey())
                .setHeader(KplHeaders.EXPLICIT_HASH_KEY, userRecord.explicitHashKey().orElse(null))
                .setHeader(KplHeaders.SEQUENCE_NUMBER, userRecord.sequenceNumber())
                .setHeader(KplHeaders.SUB_SEQUENCE_NUMBER, userRecord.subSequenceNumber())
                .setHeader(KplHeaders.AGGREGATED, userRecord.aggregated());
        if (checkpointer != null) {
            builder.setHeader(AwsHeaders.CHECKPOINTER, checkpointer);
        }
        if (embedded != null) {
            builder.copyHeadersIfAbsent(embedded.getHeaders());
        }
        return builder.build();
    }

    /** As the binder does: a user record that does not parse keeps its bytes. */
    @Nullable
    private Message<?> decodeEmbeddedHeaders(byte[] data) {
        if (embeddedHeadersMapper == null) {
            return null;
        }
        try {
            return embeddedHeadersMapper.toMessage(data);
        }
        catch (Exception ex) {
            logger.warn("Could not parse embedded headers of a user record; its payload stays untouched", ex);
            return null;
        }
    }
}
