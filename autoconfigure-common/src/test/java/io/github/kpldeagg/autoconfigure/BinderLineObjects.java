package io.github.kpldeagg.autoconfigure;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.leases.LeaseManagementConfig;

import org.springframework.beans.BeanUtils;
import org.springframework.cloud.stream.binder.AbstractMessageChannelBinder;
import org.springframework.cloud.stream.binder.BinderSpecificPropertiesProvider;
import org.springframework.cloud.stream.binder.ExtendedPropertiesBinder;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.cloud.stream.messaging.DirectWithAttributesChannel;
import org.springframework.integration.core.MessageProducer;
import org.springframework.integration.endpoint.MessageProducerSupport;
import org.springframework.messaging.MessageChannel;

/**
 * The line's adapters and checkpointers, built and driven through the types its
 * {@link BinderLine} declares: both binder lines give them the same constructors and
 * setters in other packages, so the shared tests need no code per line for them (and
 * check that the declared types are the adapters' own).
 */
public final class BinderLineObjects {

	private BinderLineObjects() {
	}

	/**
	 * The polling adapter as the binder builds it for a binding (record listener mode):
	 * reading stream {@code stream}, sending to a binding channel named after the
	 * binding.
	 */
	static MessageProducerSupport pollingAdapter(KinesisAsyncClient kinesis, String bindingName,
			@Nullable MessageChannel errorChannel) {
		MessageProducerSupport adapter = construct(TestedBinderLine.LINE.pollingAdapterType(),
				new Class<?>[] { KinesisAsyncClient.class, String[].class }, kinesis, new String[] { "stream" });
		bindSourceRecord(adapter, true);
		adapter.setOutputChannel(bindingChannel(bindingName));
		adapter.setErrorChannel(errorChannel);
		return adapter;
	}

	/** What the binder binds: a channel named after the binding. */
	static DirectWithAttributesChannel bindingChannel(String bindingName) {
		DirectWithAttributesChannel channel = new DirectWithAttributesChannel();
		channel.setComponentName(bindingName);
		return channel;
	}

	static MessageProducerSupport kclAdapter(KinesisAsyncClient kinesis, CloudWatchAsyncClient cloudWatch,
			DynamoDbAsyncClient dynamoDb, String stream) {
		return (MessageProducerSupport) construct(
				TestedBinderLine.LINE.kclAdapterType(), new Class<?>[] { KinesisAsyncClient.class,
						CloudWatchAsyncClient.class, DynamoDbAsyncClient.class, String[].class },
				kinesis, cloudWatch, dynamoDb, new String[] { stream });
	}

	static void bindSourceRecord(MessageProducer adapter, boolean bindSourceRecord) {
		invoke(adapter, method(adapter.getClass(), "setBindSourceRecord", boolean.class), bindSourceRecord);
	}

	/**
	 * Sets the batch listener mode on an adapter, or on the binder's Kinesis consumer
	 * properties of a binding.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	static void batchListenerMode(Object adapterOrProperties) {
		Method setter = setter(adapterOrProperties, "setListenerMode");
		invoke(adapterOrProperties, setter,
				Enum.valueOf((Class<? extends Enum>) setter.getParameterTypes()[0], "batch"));
	}

	/**
	 * The binder's Kinesis consumer properties of a binding, to set before the binding is
	 * bound: the binder configures the binding's adapter from them, and deaggregation
	 * reads them.
	 */
	@SuppressWarnings("unchecked")
	static Object consumerProperties(AbstractMessageChannelBinder<?, ?, ?> binder, String bindingName) {
		Method setter = setter(binder, "setExtendedBindingProperties");
		Object extendedProperties = BeanUtils.instantiateClass(setter.getParameterTypes()[0]);
		BinderSpecificPropertiesProvider bindingProperties = (BinderSpecificPropertiesProvider) BeanUtils
			.instantiateClass(((ExtendedPropertiesBinder<?, ?, ?>) binder).getExtendedPropertiesEntryClass());
		((Map<String, Object>) invoke(extendedProperties, method(extendedProperties.getClass(), "getBindings")))
			.put(bindingName, bindingProperties);
		invoke(binder, setter, extendedProperties);
		return bindingProperties.getConsumer();
	}

	/** A binder checkpointer that does what {@code checkpointer} does. */
	static Object binderCheckpointer(TestCheckpointer checkpointer) {
		return Proxy.newProxyInstance(TestedBinderLine.CHECKPOINTER.getClassLoader(),
				new Class<?>[] { TestedBinderLine.CHECKPOINTER },
				(proxy, method, arguments) -> switch (method.getName()) {
					case "checkpoint" -> (arguments != null) ? checkpointer.checkpoint((String) arguments[0])
							: checkpointer.checkpoint();
					case "toString" -> "checkpointer";
					default -> throw new UnsupportedOperationException(method.getName());
				});
	}

	/** The binder checkpointer of a message, as a test calls it. */
	static TestCheckpointer testCheckpointer(Object binderCheckpointer) {
		if (!TestedBinderLine.CHECKPOINTER.isInstance(binderCheckpointer)) {
			throw new AssertionError(binderCheckpointer + " is no " + TestedBinderLine.CHECKPOINTER.getName());
		}
		return new TestCheckpointer() {

			@Override
			public boolean checkpoint() {
				return (Boolean) invoke(binderCheckpointer, method(TestedBinderLine.CHECKPOINTER, "checkpoint"));
			}

			@Override
			public boolean checkpoint(String sequenceNumber) {
				return (Boolean) invoke(binderCheckpointer,
						method(TestedBinderLine.CHECKPOINTER, "checkpoint", String.class), sequenceNumber);
			}
		};
	}

	/**
	 * Fits the binder's KCL adapters to the emulators, and runs {@code onEach} for each
	 * adapter it customizes. KCL syncs shards once a minute by default, so that the first
	 * record takes over a minute: a second here. Typed as the binder injects it: see
	 * docs/upstream/kinesis-consumer-endpoint-customizer-generic.md.
	 */
	public static ConsumerEndpointCustomizer<MessageProducerSupport> kclOnEmulators(Runnable onEach) {
		Consumer<LeaseManagementConfig> leases = (config) -> config.shardSyncIntervalMillis(1_000);
		return (adapter, destination, group) -> {
			if (TestedBinderLine.LINE.kclAdapterType().isInstance(adapter)) {
				onEach.run();
				invoke(adapter, setter(adapter, "setLeaseManagementConfigCustomizer"), leases);
			}
		};
	}

	private static <T> T construct(Class<T> type, Class<?>[] parameterTypes, Object... arguments) {
		try {
			return type.getConstructor(parameterTypes).newInstance(arguments);
		}
		catch (InvocationTargetException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Method method(Class<?> type, String name, Class<?>... parameterTypes) {
		try {
			return type.getMethod(name, parameterTypes);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Method setter(Object target, String name) {
		return Arrays.stream(target.getClass().getMethods())
			.filter((method) -> method.getName().equals(name) && method.getParameterCount() == 1)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No setter " + name + " in " + target));
	}

	private static Object invoke(Object target, Method method, Object... arguments) {
		try {
			return method.invoke(target, arguments);
		}
		catch (InvocationTargetException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
