package io.github.kpldeagg.autoconfigure.binder;

import io.github.kpldeagg.autoconfigure.BindingSettings;
import io.github.kpldeagg.autoconfigure.KplDeaggregationProperties;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.integration.aws.inbound.kinesis.KclMessageDrivenChannelAdapter;
import org.springframework.integration.aws.inbound.kinesis.KinesisMessageDrivenChannelAdapter;
import org.springframework.integration.aws.inbound.kinesis.ListenerMode;
import org.springframework.integration.core.MessageProducer;
import org.springframework.integration.mapping.InboundMessageMapper;
import org.springframework.integration.support.context.NamedComponent;
import org.springframework.lang.Nullable;
import org.springframework.messaging.MessageChannel;

/**
 * Where deaggregation enters a binding. The binder calls its consumer endpoint customizer after it has
 * set the adapter's output channel (the binding channel) and before it starts the adapter; this one first
 * applies the customizer the binder had (the user's), then puts a deaggregating channel between the
 * adapter and the binding channel.
 */
public final class DeaggregatingConsumerEndpointCustomizer implements ConsumerEndpointCustomizer<MessageProducer> {

    private final ConsumerEndpointCustomizer<MessageProducer> binderCustomizer;
    private final KplDeaggregationProperties properties;
    private final DeaggregationListeners listeners;
    private final ShardHashKeyRanges shardHashKeyRanges;
    private final DeaggregatingBindings bindings;

    /**
     * @param binderCustomizer   the customizer the binder had before, applied first
     * @param shardHashKeyRanges the shard ranges of the binder's streams, for the shard filter
     */
    public DeaggregatingConsumerEndpointCustomizer(ConsumerEndpointCustomizer<MessageProducer> binderCustomizer,
            KplDeaggregationProperties properties, DeaggregationListeners listeners,
            ShardHashKeyRanges shardHashKeyRanges, DeaggregatingBindings bindings) {
        this.binderCustomizer = binderCustomizer;
        this.properties = properties;
        this.listeners = listeners;
        this.shardHashKeyRanges = shardHashKeyRanges;
        this.bindings = bindings;
    }

    @Override
    public void configure(MessageProducer endpoint, String destinationName, String group) {
        binderCustomizer.configure(endpoint, destinationName, group);
        MessageChannel bindingChannel = endpoint.getOutputChannel();
        // The binder names each binding channel after its binding; the destination can be shared.
        String bindingName = bindingChannel instanceof NamedComponent named && named.getComponentName() != null
                ? named.getComponentName() : destinationName;
        BindingSettings settings = properties.settingsFor(bindingName);
        if (!settings.enabled()) {
            bindings.bound(bindingName, DeaggregatingBindings.Mode.DISABLED);
        }
        else if (endpoint instanceof KinesisMessageDrivenChannelAdapter adapter) {
            InboundMessageMapper<byte[]> embeddedHeadersMapper = BinderInternals.embeddedHeadersMapper(adapter);
            requireSourceRecords(adapter, embeddedHeadersMapper, bindingName);
            // The channel routes each user record's failure itself; the adapter would route the whole record again.
            MessageChannel errorChannel = adapter.getErrorChannel();
            adapter.setErrorChannel(null);
            adapter.setOutputChannel(new DeaggregatingChannel(bindingChannel, errorChannel,
                    new ShardDeaggregators(settings, listeners.forBinding(bindingName), shardHashKeyRanges),
                    new UserRecordMessages(embeddedHeadersMapper)));
            bindings.bound(bindingName, DeaggregatingBindings.Mode.DEAGGREGATED);
        }
        else if (endpoint instanceof KclMessageDrivenChannelAdapter) {
            endpoint.setOutputChannel(new KclUserRecordChannel(bindingChannel));
            bindings.bound(bindingName, DeaggregatingBindings.Mode.KCL);
        }
    }

    /**
     * A message of one Kinesis record (record mode, or each element of a batch of messages) carries the record
     * only in {@code sourceData}: without it every record would fail, so the binding fails instead.
     */
    private static void requireSourceRecords(KinesisMessageDrivenChannelAdapter adapter,
            @Nullable InboundMessageMapper<byte[]> embeddedHeadersMapper, String bindingName) {
        boolean messagePerRecord = BinderInternals.listenerMode(adapter) == ListenerMode.record
                || embeddedHeadersMapper != null;
        if (messagePerRecord && !BinderInternals.bindsSourceRecord(adapter)) {
            throw new IllegalStateException("KPL deaggregation on Kinesis binding " + bindingName
                    + " needs each Kinesis record in the sourceData header, but the binding's adapter does not bind"
                    + " it (did a consumer endpoint customizer call setBindSourceRecord(false)?); set"
                    + " kpl.deaggregation.bindings." + bindingName + ".enabled=false to receive the records unchanged");
        }
    }
}
