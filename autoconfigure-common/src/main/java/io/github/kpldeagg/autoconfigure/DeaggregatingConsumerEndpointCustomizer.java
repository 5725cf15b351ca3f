package io.github.kpldeagg.autoconfigure;

import io.github.kpldeagg.autoconfigure.BinderLine.ConsumerBinding;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.stream.binder.AbstractMessageChannelBinder;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.integration.core.MessageProducer;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.integration.mapping.InboundMessageMapper;
import org.springframework.integration.metadata.ConcurrentMetadataStore;
import org.springframework.integration.support.context.NamedComponent;
import org.springframework.messaging.MessageChannel;
import org.springframework.util.StringUtils;

/**
 * Where deaggregation enters a binding. The binder calls its consumer endpoint customizer
 * after it has set the adapter's output channel (the binding channel) and before it
 * starts the adapter; this one first applies the customizer the binder had (the user's),
 * then puts a deaggregating channel between the adapter and the binding channel.
 *
 * @author The kpl-deagg maintainers
 */
final class DeaggregatingConsumerEndpointCustomizer implements ConsumerEndpointCustomizer<MessageProducer> {

	private final ConsumerEndpointCustomizer<MessageProducer> binderCustomizer;

	private final KplDeaggregationProperties properties;

	private final DeaggregationListeners listeners;

	private final DeaggregatingBindings bindings;

	private final BinderLine line;

	private final AbstractMessageChannelBinder<?, ?, ?> binder;

	private final ShardHashKeyRanges shardHashKeyRanges;

	private final KclStopCheckpoints kclStopCheckpoints;

	/**
	 * Creates the customizer of one Kinesis binder's consumer endpoints.
	 * @param binderCustomizer the customizer the binder had before, applied first
	 * @param binder the Kinesis binder whose bindings these are
	 * @param kclStopCheckpoints where KCL-mode bindings register to checkpoint at stop
	 * @param properties the properties
	 * @param listeners the listeners
	 * @param bindings the bindings
	 * @param line the line
	 */
	DeaggregatingConsumerEndpointCustomizer(ConsumerEndpointCustomizer<MessageProducer> binderCustomizer,
			KplDeaggregationProperties properties, DeaggregationListeners listeners, DeaggregatingBindings bindings,
			BinderLine line, AbstractMessageChannelBinder<?, ?, ?> binder, KclStopCheckpoints kclStopCheckpoints) {
		this.binderCustomizer = binderCustomizer;
		this.properties = properties;
		this.listeners = listeners;
		this.bindings = bindings;
		this.line = line;
		this.binder = binder;
		this.shardHashKeyRanges = new ShardHashKeyRanges(line.kinesisClient(binder));
		this.kclStopCheckpoints = kclStopCheckpoints;
	}

	@Override
	public void configure(MessageProducer endpoint, String destinationName, String group) {
		this.binderCustomizer.configure(endpoint, destinationName, group);
		MessageChannel bindingChannel = endpoint.getOutputChannel();
		// The binder names each binding channel after its binding; the
		// destination can be shared.
		String bindingName = (bindingChannel instanceof NamedComponent named && named.getComponentName() != null)
				? named.getComponentName() : destinationName;
		BindingSettings settings = this.properties.settingsFor(bindingName);
		ConsumerBinding consumerBinding = this.line.consumerBinding(this.binder, bindingName);
		if (!settings.enabled()) {
			this.bindings.bound(bindingName, DeaggregatingBindings.Mode.DISABLED);
		}
		else if (consumerBinding.dynamoDbStreams()) {
			this.bindings.bound(bindingName, DeaggregatingBindings.Mode.DYNAMODB_STREAMS);
		}
		else if (this.line.pollingAdapterType().isInstance(endpoint)) {
			deaggregate((MessageProducerSupport) endpoint, required(bindingChannel, bindingName), bindingName, group,
					settings, consumerBinding);
			this.bindings.bound(bindingName, DeaggregatingBindings.Mode.DEAGGREGATED);
		}
		else if (this.line.kclAdapterType().isInstance(endpoint)) {
			endpoint.setOutputChannel(kclUserRecords((MessageProducerSupport) endpoint,
					required(bindingChannel, bindingName), bindingName, consumerBinding));
			this.bindings.bound(bindingName, DeaggregatingBindings.Mode.KCL);
		}
	}

	/**
	 * The binding channel the binder set as the endpoint's output before customizing it.
	 * @param bindingChannel the binding channel
	 * @param bindingName the binding name
	 * @return the binding channel the binder set as the endpoint's output before
	 * customizing it
	 */
	private static MessageChannel required(@Nullable MessageChannel bindingChannel, String bindingName) {
		if (bindingChannel == null) {
			throw new IllegalStateException("Kinesis binding " + bindingName
					+ " has no output channel when its consumer endpoint is customized: no channel to send user"
					+ " records to");
		}
		return bindingChannel;
	}

	private void deaggregate(MessageProducerSupport adapter, MessageChannel bindingChannel, String bindingName,
			@Nullable String group, BindingSettings settings, ConsumerBinding consumerBinding) {
		// See docs/upstream/kinesis-adapter-getters.md.
		@Nullable InboundMessageMapper<byte[]> embeddedHeadersMapper = BinderInternals.embeddedHeadersMapper(adapter);
		if (consumerBinding.recordListenerMode() || embeddedHeadersMapper != null) {
			requireSourceRecords(BinderInternals.bindsSourceRecord(adapter), bindingName,
					"needs each Kinesis record in the sourceData header", "receive the records unchanged");
		}
		MessageChannel errorChannel = takeErrorChannel(adapter);
		// An anonymous group's checkpoints are its own: no one resumes from them.
		ConcurrentMetadataStore checkpointStore = BinderInternals.checkpointStore(adapter);
		ShardPositions positions = new ShardPositions(StringUtils.hasText(group) ? checkpointStore : null,
				settings.positionSaveInterval(), this.listeners.skipped(bindingName));
		this.line.checkpointStore(adapter, positions.following(checkpointStore));
		adapter.setOutputChannel(new DeaggregatingChannel(bindingChannel, errorChannel,
				new ShardDeaggregators(settings, this.listeners.forBinding(bindingName), this.shardHashKeyRanges),
				positions, new UserRecordMessages(this.line.headers(), embeddedHeadersMapper), this.line));
	}

	/**
	 * Takes checkpoints and failures over from the KCL adapter: checkpoints carry the
	 * user records' sub-sequence numbers ({@link KclCheckpoints}). See
	 * docs/upstream/kcl-adapter-checkpoints.md.
	 * @param adapter the adapter
	 * @param bindingChannel the binding channel
	 * @param bindingName the binding name
	 * @param consumerBinding the consumer binding
	 * @return the channel that takes checkpoints and failures over from the KCL adapter
	 */
	private KclUserRecordChannel kclUserRecords(MessageProducerSupport adapter, MessageChannel bindingChannel,
			String bindingName, ConsumerBinding consumerBinding) {
		if (consumerBinding.recordListenerMode()) {
			requireSourceRecords(BinderInternals.kclBindsSourceRecord(adapter), bindingName,
					"checkpoints each KCL record at its sub-sequence number, read from the sourceData header",
					"leave the binding to the binder");
		}
		KclCheckpoints checkpoints = new KclCheckpoints(bindingName,
				KclCheckpoints.Mode.of(BinderInternals.kclCheckpointMode(adapter)),
				BinderInternals.kclCheckpointsInterval(adapter), System::currentTimeMillis);
		this.kclStopCheckpoints.register(checkpoints);
		this.line.checkpointManually(adapter);
		return new KclUserRecordChannel(bindingChannel, takeErrorChannel(adapter), checkpoints, this.line);
	}

	/**
	 * A message of one Kinesis record (record mode, or each element of a batch of
	 * messages) carries the record only in {@code sourceData}: without it every record
	 * would fail, so the binding fails instead.
	 * @param bound whether the adapter binds the source record
	 * @param need what deaggregation does with it
	 * @param disabledMeans what switching deaggregation off for the binding does instead
	 * @param bindingName the binding name
	 */
	private static void requireSourceRecords(boolean bound, String bindingName, String need, String disabledMeans) {
		if (!bound) {
			throw new IllegalStateException("KPL deaggregation on Kinesis binding " + bindingName + " " + need
					+ ", but the binding's adapter does not bind it (did a consumer endpoint customizer call"
					+ " setBindSourceRecord(false)?); set kpl.deaggregation.bindings." + bindingName
					+ ".enabled=false to " + disabledMeans);
		}
	}

	/**
	 * The binding's error channel, taken over from the adapter: the channel routes each
	 * user record's failure itself, where the adapter would route the whole record again.
	 * @param adapter the adapter
	 * @return the adapter's error channel, null when it had none
	 */
	// Spring Integration 7 declares setErrorChannel's parameter non-null; null is what
	// switches the adapter's own error routing off.
	@SuppressWarnings("NullAway")
	private static @Nullable MessageChannel takeErrorChannel(MessageProducerSupport adapter) {
		MessageChannel errorChannel = adapter.getErrorChannel();
		adapter.setErrorChannel(null);
		return errorChannel;
	}

}
