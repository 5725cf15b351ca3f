package io.github.kpldeagg.autoconfigure;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

import org.springframework.cloud.stream.binder.AbstractMessageChannelBinder;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.cloud.stream.config.ProducerMessageHandlerCustomizer;
import org.springframework.integration.core.MessageProducer;
import org.springframework.integration.mapping.InboundMessageMapper;
import org.springframework.integration.metadata.ConcurrentMetadataStore;
import org.springframework.messaging.MessageHandler;
import org.springframework.util.ReflectionUtils;

/**
 * What the binder sets but offers no getter for, read rather than rebuilt so that
 * deaggregation wraps exactly what the binder configured; and the one field written, the
 * Kinesis client of a producer binding's handler that writes through an
 * {@code AggregatingProducer}. Every field read here is an {@link InternalField}:
 * {@link #verify} checks them all when the application starts, so that an unsupported
 * binder version fails then, with the supported versions named, not at the first binding;
 * and {@link BinderInternalsRuntimeHints} registers them all for reflection in a native
 * image.
 *
 * @author The kpl-deagg maintainers
 */
final class BinderInternals {

	private BinderInternals() {
	}

	/**
	 * Fails unless the line's binder and polling adapter have the fields read here, of
	 * the types expected.
	 * @param line the line
	 */
	static void verify(BinderLine line) {
		usableFields(line).forEach((internal) -> requireField(line, internal));
	}

	/**
	 * The fields read here, on the line's classes, each as its declaring class declares
	 * it.
	 * @param line the line
	 * @return the fields read here, on the line's classes, each as its declaring class
	 * declares it
	 * @throws IncompatibleKinesisBinderException when one is missing
	 */
	static List<Field> fields(BinderLine line) {
		return usableFields(line).map((internal) -> requireField(line, internal)).toList();
	}

	/**
	 * The fields of the classes this class path can load: an application that leaves out
	 * what only KCL mode needs (KCL's Glue schema registry, docs/spring-binder.md
	 * "Footprint") cannot load the KCL adapter's fields, and never creates a KCL adapter.
	 * @param line the line
	 * @return the fields of the classes this class path can load
	 */
	private static Stream<InternalField> usableFields(BinderLine line) {
		return Arrays.stream(InternalField.values()).filter((internal) -> loadable(internal.owner.apply(line)));
	}

	private static boolean loadable(Class<?> type) {
		try {
			type.getDeclaredFields();
			return true;
		}
		catch (LinkageError missingDependency) {
			return false;
		}
	}

	/**
	 * The consumer endpoint customizer the binder applies: the user's, or a no-op (also
	 * when the binder has none at all). See docs/upstream/binder-customizer-getters.md.
	 * @param binder the binder
	 * @return the consumer endpoint customizer the binder applies
	 */
	@SuppressWarnings("unchecked")
	static ConsumerEndpointCustomizer<MessageProducer> consumerEndpointCustomizer(
			AbstractMessageChannelBinder<?, ?, ?> binder) {
		ConsumerEndpointCustomizer<MessageProducer> customizer = (ConsumerEndpointCustomizer<MessageProducer>) read(
				AbstractMessageChannelBinder.class, binder, InternalField.CONSUMER_CUSTOMIZER);
		return (customizer != null) ? customizer : (endpoint, destinationName, group) -> {
		};
	}

	/**
	 * The producer message handler customizer the binder applies: the user's, or a no-op
	 * (also when the binder has none at all). See
	 * docs/upstream/binder-customizer-getters.md.
	 * @param binder the binder
	 * @return the producer message handler customizer the binder applies
	 */
	@SuppressWarnings("unchecked")
	static ProducerMessageHandlerCustomizer<MessageHandler> producerMessageHandlerCustomizer(
			AbstractMessageChannelBinder<?, ?, ?> binder) {
		ProducerMessageHandlerCustomizer<MessageHandler> customizer = (ProducerMessageHandlerCustomizer<MessageHandler>) read(
				AbstractMessageChannelBinder.class, binder, InternalField.PRODUCER_CUSTOMIZER);
		return (customizer != null) ? customizer : (handler, destinationName) -> {
		};
	}

	/**
	 * Makes a handler of the line's {@link BinderLine#kinesisHandlerType() type} put with
	 * {@code client} in place of the client the binder created it with: the handler's
	 * final field, set before the binder initializes and starts it. The only field
	 * written here. See docs/upstream/kinesis-producer-client-per-binding.md.
	 * @param kinesisHandler the kinesis handler
	 * @param client the client
	 */
	static void replaceKinesisClient(MessageHandler kinesisHandler, KinesisAsyncClient client) {
		Field field = ReflectionUtils.findField(kinesisHandler.getClass(), InternalField.KINESIS_HANDLER_CLIENT.name);
		if (field == null) {
			throw new IllegalStateException(
					"No field " + InternalField.KINESIS_HANDLER_CLIENT.name + " in " + kinesisHandler.getClass());
		}
		ReflectionUtils.makeAccessible(field);
		ReflectionUtils.setField(field, kinesisHandler, client);
	}

	/**
	 * The embedded-headers mapper the binder gave the adapter; null when the binding does
	 * not embed headers. See docs/upstream/kinesis-adapter-getters.md.
	 * @param pollingAdapter the polling adapter
	 * @return the embedded-headers mapper the binder gave the adapter
	 */
	@SuppressWarnings("unchecked")
	static @Nullable InboundMessageMapper<byte[]> embeddedHeadersMapper(MessageProducer pollingAdapter) {
		return (InboundMessageMapper<byte[]>) read(pollingAdapter.getClass(), pollingAdapter,
				InternalField.EMBEDDED_HEADERS_MAPPER);
	}

	/**
	 * Whether the adapter puts each Kinesis record in the {@code sourceData} header of
	 * its message. See docs/upstream/kinesis-adapter-getters.md.
	 * @param pollingAdapter the polling adapter
	 * @return whether the adapter puts each Kinesis record in the {@code sourceData}
	 * header of its message
	 */
	static boolean bindsSourceRecord(MessageProducer pollingAdapter) {
		// A boolean field: never null, but read boxed.
		return Boolean.TRUE.equals(read(pollingAdapter.getClass(), pollingAdapter, InternalField.BIND_SOURCE_RECORD));
	}

	/**
	 * The store where the adapter keeps its checkpoints: the binder's, or the adapter's
	 * in-memory default. See docs/upstream/kinesis-adapter-getters.md.
	 * @param pollingAdapter the polling adapter
	 * @return the store where the adapter keeps its checkpoints
	 */
	static ConcurrentMetadataStore checkpointStore(MessageProducer pollingAdapter) {
		return (ConcurrentMetadataStore) Objects
			.requireNonNull(read(pollingAdapter.getClass(), pollingAdapter, InternalField.CHECKPOINT_STORE));
	}

	/**
	 * The KCL adapter's checkpoint mode, an enum of the binder's line ({@code record},
	 * {@code batch}, {@code periodic} or {@code manual}). See
	 * docs/upstream/kinesis-adapter-getters.md.
	 * @param kclAdapter the kcl adapter
	 * @return the KCL adapter's checkpoint mode, an enum of the binder's line
	 * ({@code record}, {@code batch}, {@code periodic} or {@code manual})
	 */
	static Enum<?> kclCheckpointMode(MessageProducer kclAdapter) {
		return (Enum<?>) Objects
			.requireNonNull(read(kclAdapter.getClass(), kclAdapter, InternalField.KCL_CHECKPOINT_MODE));
	}

	/**
	 * The KCL adapter's interval between periodic checkpoints, in milliseconds. See
	 * docs/upstream/kinesis-adapter-getters.md.
	 * @param kclAdapter the kcl adapter
	 * @return the KCL adapter's interval between periodic checkpoints, in milliseconds
	 */
	static long kclCheckpointsInterval(MessageProducer kclAdapter) {
		return (Long) Objects
			.requireNonNull(read(kclAdapter.getClass(), kclAdapter, InternalField.KCL_CHECKPOINTS_INTERVAL));
	}

	/**
	 * Whether the KCL adapter puts each KCL record in the {@code sourceData} header of
	 * its message. See docs/upstream/kinesis-adapter-getters.md.
	 * @param kclAdapter the kcl adapter
	 * @return whether the KCL adapter puts each KCL record in the {@code sourceData}
	 * header of its message
	 */
	static boolean kclBindsSourceRecord(MessageProducer kclAdapter) {
		return Boolean.TRUE.equals(read(kclAdapter.getClass(), kclAdapter, InternalField.KCL_BIND_SOURCE_RECORD));
	}

	private static Field requireField(BinderLine line, InternalField internal) {
		Class<?> type = internal.owner.apply(line);
		Field field = ReflectionUtils.findField(type, internal.name);
		if (field != null && internal.type.isAssignableFrom(field.getType())) {
			return field;
		}
		String problem = (field != null)
				? "." + internal.name + " is a " + field.getType().getName() + ", not a " + internal.type.getName()
				: " has no field " + internal.name;
		throw new IncompatibleKinesisBinderException(
				type.getName() + problem + " (version " + implementationVersion(type) + ")", line.supportedBinder());
	}

	private static String implementationVersion(Class<?> type) {
		String version = type.getPackage().getImplementationVersion();
		return (version != null) ? version : "unknown";
	}

	/**
	 * Looks from {@code declaringType} up: a subclass's other fields may name classes an
	 * application left out.
	 * @param declaringType the declaring type
	 * @param target the target
	 * @param internal the internal
	 * @return the field's value, looked up from {@code declaringType} up
	 */
	private static @Nullable Object read(Class<?> declaringType, Object target, InternalField internal) {
		Field field = ReflectionUtils.findField(declaringType, internal.name);
		if (field == null) {
			throw new IllegalStateException("No field " + internal.name + " in " + declaringType.getName());
		}
		ReflectionUtils.makeAccessible(field);
		return ReflectionUtils.getField(field, target);
	}

	/**
	 * A private field read here: the class it is looked up from (the binder's or the
	 * line's polling or KCL adapter's), its name and its type. The only way to name a
	 * field to {@link #read}, so that none escapes {@link #verify} or the runtime hints.
	 */
	enum InternalField {

		KCL_CHECKPOINT_MODE(BinderLine::kclAdapterType, "checkpointMode", Enum.class),

		KCL_CHECKPOINTS_INTERVAL(BinderLine::kclAdapterType, "checkpointsInterval", long.class),

		KCL_BIND_SOURCE_RECORD(BinderLine::kclAdapterType, "bindSourceRecord", boolean.class),

		CONSUMER_CUSTOMIZER((line) -> AbstractMessageChannelBinder.class, "consumerCustomizer",
				ConsumerEndpointCustomizer.class),

		EMBEDDED_HEADERS_MAPPER(BinderLine::pollingAdapterType, "embeddedHeadersMapper", InboundMessageMapper.class),

		BIND_SOURCE_RECORD(BinderLine::pollingAdapterType, "bindSourceRecord", boolean.class),

		CHECKPOINT_STORE(BinderLine::pollingAdapterType, "checkpointStore", ConcurrentMetadataStore.class),

		PRODUCER_CUSTOMIZER((line) -> AbstractMessageChannelBinder.class, "handlerCustomizer",
				ProducerMessageHandlerCustomizer.class),

		KINESIS_HANDLER_CLIENT(BinderLine::kinesisHandlerType, "amazonKinesis", KinesisAsyncClient.class);

		private final Function<BinderLine, Class<?>> owner;

		private final String name;

		private final Class<?> type;

		InternalField(Function<BinderLine, Class<?>> owner, String name, Class<?> type) {
			this.owner = owner;
			this.name = name;
			this.type = type;
		}

	}

}
