package io.github.kpldeagg.it.support;

import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.messaging.support.ErrorMessage;

/**
 * A {@link ConsumerApp} running in this JVM, until closed (a clean shutdown that releases
 * its shard locks), with a {@link SimpleMeterRegistry} of its own, where the starter
 * counts what it deaggregates and filters.
 */
public final class ConsumerInstance implements AutoCloseable {

	private static final String ERROR_HANDLER = "userRecordErrors";

	private final ConfigurableApplicationContext context;

	private ConsumerInstance(ConfigurableApplicationContext context) {
		this.context = context;
	}

	public static ConsumerInstance start(ConsumerSettings settings, DeliveryHandler handler) {
		return new ConsumerInstance(new SpringApplicationBuilder(ConsumerApp.class).properties(settings.asMap())
			.initializers((context) -> registerBeans((GenericApplicationContext) context, handler))
			.run());
	}

	/**
	 * Starts with {@code errorHandler} as the binding's error handler (Spring Cloud
	 * Stream's {@code error-handler-definition}), which receives the error message of
	 * each failed user record.
	 */
	public static ConsumerInstance start(ConsumerSettings settings, DeliveryHandler handler,
			Consumer<ErrorMessage> errorHandler) {
		return new ConsumerInstance(
				new SpringApplicationBuilder(ConsumerApp.class).properties(settings.errorHandler(ERROR_HANDLER).asMap())
					.initializers((context) -> {
						GenericApplicationContext registry = (GenericApplicationContext) context;
						registerBeans(registry, handler);
						// Typed, so that the function catalog hands
						// it the ErrorMessage itself.
						RootBeanDefinition definition = new RootBeanDefinition();
						definition
							.setTargetType(ResolvableType.forClassWithGenerics(Consumer.class, ErrorMessage.class));
						definition.setInstanceSupplier(() -> errorHandler);
						registry.registerBeanDefinition(ERROR_HANDLER, definition);
					})
					.run());
	}

	private static void registerBeans(GenericApplicationContext registry, DeliveryHandler handler) {
		registry.registerBean(DeliveryHandler.class, () -> handler);
		registry.registerBean(MeterRegistry.class, SimpleMeterRegistry::new);
	}

	/**
	 * The count of the starter's counter {@code name} for the consumer binding, 0 before
	 * it counted anything.
	 */
	public double count(String name) {
		Counter counter = this.context.getBean(MeterRegistry.class)
			.find(name)
			.tag("binding", ConsumerApp.BINDING)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
