package io.github.kpldeagg.autoconfigure.binder;

import org.springframework.beans.DirectFieldAccessor;
import org.springframework.beans.NotReadablePropertyException;
import org.springframework.cloud.stream.binder.AbstractMessageChannelBinder;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.integration.aws.inbound.kinesis.KinesisMessageDrivenChannelAdapter;
import org.springframework.integration.aws.inbound.kinesis.ListenerMode;
import org.springframework.integration.core.MessageProducer;
import org.springframework.integration.mapping.InboundMessageMapper;
import org.springframework.lang.Nullable;

/**
 * What the binder (spring-cloud-stream 4.3, spring-integration-aws 3.0) sets but offers no getter
 * for. Read rather than rebuilt, so that deaggregation wraps exactly what the binder configured.
 */
final class BinderInternals {

    private BinderInternals() {
    }

    /** The consumer endpoint customizer the binder applies: the user's, or a no-op. */
    @SuppressWarnings("unchecked")
    static ConsumerEndpointCustomizer<MessageProducer> consumerEndpointCustomizer(
            AbstractMessageChannelBinder<?, ?, ?> binder) {
        return (ConsumerEndpointCustomizer<MessageProducer>) read(binder, "consumerCustomizer");
    }

    /** The embedded-headers mapper the binder gave the adapter; null when the binding does not embed headers. */
    @SuppressWarnings("unchecked")
    @Nullable
    static InboundMessageMapper<byte[]> embeddedHeadersMapper(KinesisMessageDrivenChannelAdapter adapter) {
        return (InboundMessageMapper<byte[]>) read(adapter, "embeddedHeadersMapper");
    }

    static ListenerMode listenerMode(KinesisMessageDrivenChannelAdapter adapter) {
        return (ListenerMode) read(adapter, "listenerMode");
    }

    /** Whether the adapter puts each Kinesis record in the {@code sourceData} header of its message. */
    static boolean bindsSourceRecord(KinesisMessageDrivenChannelAdapter adapter) {
        return (Boolean) read(adapter, "bindSourceRecord");
    }

    private static Object read(Object target, String field) {
        try {
            return new DirectFieldAccessor(target).getPropertyValue(field);
        }
        catch (NotReadablePropertyException ex) {
            throw new IllegalStateException("KPL deaggregation does not support this version of "
                    + target.getClass().getName() + ": field " + field + " not found", ex);
        }
    }
}
