package io.github.kpldeagg.autoconfigure;

import io.github.kpldeagg.producer.AggregatingProducer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;

import org.springframework.cloud.stream.binder.AbstractMessageChannelBinder;
import org.springframework.cloud.stream.binder.Binder;
import org.springframework.cloud.stream.binder.BinderCustomizer;
import org.springframework.cloud.stream.binder.ConsumerProperties;
import org.springframework.cloud.stream.binder.ProducerProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.config.ProducerMessageHandlerCustomizer;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.messaging.MessageHandler;

/**
 * Makes the Kinesis producer bindings that opt in
 * ({@code kpl.producer.bindings.<name>.enabled} or {@code kpl.producer.all-bindings})
 * write through the application's {@link AggregatingProducer}. The binder still creates
 * its own handler and configures it (partition key, conversion, embedded headers, sync,
 * send timeout, error channel, record metadata channel); a producer message handler
 * customizer, installed in each Kinesis binder, then gives that handler an
 * {@link AggregatingKinesisClient} in place of the binder's client, before the binder
 * starts it. The binder takes a single producer message handler customizer: this one runs
 * the one it had first (a user's keeps working).
 * <p>
 * The customizer is told the binding's destination, not its name: a binding's setting
 * applies to the producer bindings of its destination.
 *
 * @author The kpl-deagg maintainers
 */
public final class AggregatingProducerBindings implements BinderCustomizer {

	private static final Log logger = LogFactory.getLog(AggregatingProducerBindings.class);

	private static final SpelExpressionParser EXPRESSIONS = new SpelExpressionParser();

	private final KplProducerProperties properties;

	private final BindingServiceProperties bindingService;

	private final BinderLine line;

	private final AggregatingKinesisClient aggregatingClient;

	private final KinesisAsyncClient applicationClient;

	/**
	 * Created by the line's auto-configuration when the application starts, which is when
	 * an unsupported binder version should fail.
	 * @param properties the opt-in of each binding
	 * @param bindingService the bindings' destinations
	 * @param line the binder line
	 * @param producer the producer that opted-in bindings write through
	 * @param applicationClient the client the binder must be using for the opt-in to work
	 */
	public AggregatingProducerBindings(KplProducerProperties properties, BindingServiceProperties bindingService,
			BinderLine line, AggregatingProducer producer, KinesisAsyncClient applicationClient) {
		BinderInternals.verify(line);
		this.properties = properties;
		this.bindingService = bindingService;
		this.line = line;
		this.aggregatingClient = new AggregatingKinesisClient(producer);
		this.applicationClient = applicationClient;
	}

	@Override
	public void customize(Binder<?, ? extends ConsumerProperties, ? extends ProducerProperties> binder,
			String binderName) {
		if (this.line.binderType().isInstance(binder)) {
			AbstractMessageChannelBinder<?, ?, ?> kinesisBinder = (AbstractMessageChannelBinder<?, ?, ?>) binder;
			// See docs/upstream/binder-customizer-getters.md.
			ProducerMessageHandlerCustomizer<MessageHandler> current = BinderInternals
				.producerMessageHandlerCustomizer(kinesisBinder);
			// Spring Cloud Stream customizes a binder each time it hands it out.
			if (!(current instanceof WritingThroughProducer)) {
				kinesisBinder.setProducerMessageHandlerCustomizer(
						new WritingThroughProducer(current, kinesisBinder, binderName));
			}
		}
	}

	/**
	 * The settings of the producer binding to {@code destination}: those of the first
	 * binding configured under {@code kpl.producer.bindings} whose destination it is.
	 * @param destination the destination
	 * @return the settings of the producer binding to {@code destination}
	 */
	private KplProducerProperties.@Nullable Binding bindingTo(String destination) {
		return this.properties.getBindings()
			.entrySet()
			.stream()
			.filter((binding) -> destination.equals(this.bindingService.getBindingDestination(binding.getKey())))
			.map((binding) -> binding.getValue())
			.findFirst()
			.orElse(null);
	}

	private boolean writesThroughProducer(KplProducerProperties.@Nullable Binding binding) {
		Boolean enabled = (binding != null) ? binding.getEnabled() : null;
		return (enabled != null) ? enabled : this.properties.isAllBindings();
	}

	private final class WritingThroughProducer implements ProducerMessageHandlerCustomizer<MessageHandler> {

		private final ProducerMessageHandlerCustomizer<MessageHandler> binders;

		private final AbstractMessageChannelBinder<?, ?, ?> binder;

		private final String binderName;

		WritingThroughProducer(ProducerMessageHandlerCustomizer<MessageHandler> binders,
				AbstractMessageChannelBinder<?, ?, ?> binder, String binderName) {
			this.binders = binders;
			this.binder = binder;
			this.binderName = binderName;
		}

		@Override
		public void configure(MessageHandler handler, String destinationName) {
			this.binders.configure(handler, destinationName);
			KplProducerProperties.Binding binding = bindingTo(destinationName);
			if (!writesThroughProducer(binding)) {
				return;
			}
			if (!AggregatingProducerBindings.this.line.kinesisHandlerType().isInstance(handler)) {
				throw new IllegalStateException("The producer binding to '" + destinationName
						+ "' is to write through the AggregatingProducer (kpl.producer), but binder '" + this.binderName
						+ "' writes with a " + handler.getClass().getName()
						+ ": with spring.cloud.stream.kinesis.binder.kpl-kcl-enabled=true it runs the native KPL;"
						+ " unset that or the binding's kpl.producer setting");
			}
			if (AggregatingProducerBindings.this.line
				.kinesisClient(this.binder) != AggregatingProducerBindings.this.applicationClient) {
				throw new IllegalStateException("The producer binding to '" + destinationName
						+ "' is to write through the AggregatingProducer (kpl.producer), which puts with the"
						+ " application's Kinesis client, but binder '" + this.binderName
						+ "' has a client of its own (a binder with its own environment)");
			}
			String explicitHashKeyExpression = (binding != null) ? binding.getExplicitHashKeyExpression() : null;
			if (explicitHashKeyExpression != null) {
				AggregatingProducerBindings.this.line.explicitHashKeyExpression(handler,
						EXPRESSIONS.parseExpression(explicitHashKeyExpression));
			}
			// See docs/upstream/kinesis-producer-client-per-binding.md.
			BinderInternals.replaceKinesisClient(handler, AggregatingProducerBindings.this.aggregatingClient);
			logger.info("The producer binding to '" + destinationName + "' writes through the AggregatingProducer");
		}

	}

}
