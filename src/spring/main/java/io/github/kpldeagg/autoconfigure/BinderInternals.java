package io.github.kpldeagg.autoconfigure;

import java.lang.reflect.Field;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.stream.binder.AbstractMessageChannelBinder;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.integration.core.MessageProducer;
import org.springframework.integration.mapping.InboundMessageMapper;
import org.springframework.util.ReflectionUtils;

/**
 * What the binder sets but offers no getter for, read rather than rebuilt so that
 * deaggregation wraps exactly what the binder configured. {@link #verify} checks the
 * fields when the application starts, so that an unsupported binder version fails then,
 * with the supported versions named, not at the first binding.
 */
final class BinderInternals {

	private static final String CONSUMER_CUSTOMIZER = "consumerCustomizer";

	private static final String EMBEDDED_HEADERS_MAPPER = "embeddedHeadersMapper";

	private static final String BIND_SOURCE_RECORD = "bindSourceRecord";

	private BinderInternals() {
	}

	/**
	 * Fails unless the generation's binder and polling adapter have the fields read here,
	 * of the types expected.
	 */
	static void verify(KinesisBinderGeneration generation) {
		requireField(generation, AbstractMessageChannelBinder.class, CONSUMER_CUSTOMIZER,
				ConsumerEndpointCustomizer.class);
		requireField(generation, generation.pollingAdapterType(), EMBEDDED_HEADERS_MAPPER, InboundMessageMapper.class);
		requireField(generation, generation.pollingAdapterType(), BIND_SOURCE_RECORD, boolean.class);
	}

	/**
	 * The consumer endpoint customizer the binder applies: the user's, or a no-op (also
	 * when the binder has none at all).
	 */
	@SuppressWarnings("unchecked")
	static ConsumerEndpointCustomizer<MessageProducer> consumerEndpointCustomizer(
			AbstractMessageChannelBinder<?, ?, ?> binder) {
		ConsumerEndpointCustomizer<MessageProducer> customizer = (ConsumerEndpointCustomizer<MessageProducer>) read(
				AbstractMessageChannelBinder.class, binder, CONSUMER_CUSTOMIZER);
		return (customizer != null) ? customizer : (endpoint, destinationName, group) -> {
		};
	}

	/**
	 * The embedded-headers mapper the binder gave the adapter; null when the binding does
	 * not embed headers.
	 */
	@SuppressWarnings("unchecked")
	static @Nullable InboundMessageMapper<byte[]> embeddedHeadersMapper(MessageProducer pollingAdapter) {
		return (InboundMessageMapper<byte[]>) read(pollingAdapter.getClass(), pollingAdapter, EMBEDDED_HEADERS_MAPPER);
	}

	/**
	 * Whether the adapter puts each Kinesis record in the {@code sourceData} header of
	 * its message.
	 */
	static boolean bindsSourceRecord(MessageProducer pollingAdapter) {
		// A boolean field: never null, but read boxed.
		return Boolean.TRUE.equals(read(pollingAdapter.getClass(), pollingAdapter, BIND_SOURCE_RECORD));
	}

	private static void requireField(KinesisBinderGeneration generation, Class<?> type, String name,
			Class<?> fieldType) {
		Field field = ReflectionUtils.findField(type, name);
		if (field == null || !fieldType.isAssignableFrom(field.getType())) {
			throw new IncompatibleKinesisBinderException(type.getName()
					+ (field == null ? " has no field " + name
							: "." + name + " is a " + field.getType().getName() + ", not a " + fieldType.getName())
					+ " (version " + implementationVersion(type) + ")", generation.supportedBinder());
		}
	}

	private static String implementationVersion(Class<?> type) {
		String version = type.getPackage().getImplementationVersion();
		return version != null ? version : "unknown";
	}

	/**
	 * Looks from {@code declaringType} up: a subclass's other fields may name classes an
	 * application left out.
	 */
	private static @Nullable Object read(Class<?> declaringType, Object target, String name) {
		Field field = ReflectionUtils.findField(declaringType, name);
		if (field == null) {
			throw new IllegalStateException("No field " + name + " in " + declaringType.getName());
		}
		ReflectionUtils.makeAccessible(field);
		return ReflectionUtils.getField(field, target);
	}

}
