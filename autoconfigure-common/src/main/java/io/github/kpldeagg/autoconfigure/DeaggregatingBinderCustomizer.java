package io.github.kpldeagg.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.binder.AbstractMessageChannelBinder;
import org.springframework.cloud.stream.binder.Binder;
import org.springframework.cloud.stream.binder.BinderCustomizer;
import org.springframework.cloud.stream.binder.ConsumerProperties;
import org.springframework.cloud.stream.binder.ProducerProperties;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.integration.core.MessageProducer;

/**
 * Installs deaggregation in every Kinesis binder, including binders with their own
 * environment, whose context does not see the application's beans. The binder takes a
 * single consumer endpoint customizer, so this one wraps whatever the binder was given (a
 * user's customizer keeps working), once per binder.
 * <p>
 * Spring Cloud Stream applies a single {@link BinderCustomizer} bean, the only one or the
 * {@code @Primary} one. This one is {@code @Primary} and runs every other
 * {@link BinderCustomizer} bean, first, in their order: declare yours as a plain bean,
 * without {@code @Primary}. A second {@code @Primary} one fails the application at
 * start-up (no unique primary bean), and there is no way to put this one aside but
 * switching deaggregation off ({@code kpl.deaggregation.enabled=false}).
 *
 * @author The kpl-deagg maintainers
 */
final class DeaggregatingBinderCustomizer implements BinderCustomizer {

	private final KplDeaggregationProperties properties;

	private final DeaggregationListeners listeners;

	private final DeaggregatingBindings bindings;

	private final BinderLine line;

	private final ObjectProvider<BinderCustomizer> binderCustomizers;

	private final KclStopCheckpoints kclStopCheckpoints;

	DeaggregatingBinderCustomizer(KplDeaggregationProperties properties, DeaggregationListeners listeners,
			DeaggregatingBindings bindings, BinderLine line, ObjectProvider<BinderCustomizer> binderCustomizers,
			KclStopCheckpoints kclStopCheckpoints) {
		this.properties = properties;
		this.listeners = listeners;
		this.bindings = bindings;
		this.line = line;
		this.binderCustomizers = binderCustomizers;
		this.kclStopCheckpoints = kclStopCheckpoints;
	}

	@Override
	public void customize(Binder<?, ? extends ConsumerProperties, ? extends ProducerProperties> binder,
			String binderName) {
		this.binderCustomizers.orderedStream()
			.filter((customizer) -> customizer != this)
			.forEach((customizer) -> customizer.customize(binder, binderName));
		if (this.line.binderType().isInstance(binder)) {
			AbstractMessageChannelBinder<?, ?, ?> kinesisBinder = (AbstractMessageChannelBinder<?, ?, ?>) binder;
			// See docs/upstream/binder-customizer-getters.md.
			ConsumerEndpointCustomizer<MessageProducer> current = BinderInternals
				.consumerEndpointCustomizer(kinesisBinder);
			// Spring Cloud Stream customizes a binder each time it hands it out.
			if (!(current instanceof DeaggregatingConsumerEndpointCustomizer)) {
				kinesisBinder
					.setConsumerEndpointCustomizer(new DeaggregatingConsumerEndpointCustomizer(current, this.properties,
							this.listeners, this.bindings, this.line, kinesisBinder, this.kclStopCheckpoints));
			}
		}
	}

}
