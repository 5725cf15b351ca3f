package io.github.kpldeagg.autoconfigure;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.stream.binding.BindingService;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * Which consumer bindings deaggregate, and how; logged in one INFO line once the bindings
 * of the application context are bound (bindings bound later are logged one by one), with
 * a WARN naming the Kinesis consumer bindings that Spring Cloud Stream bound without
 * applying the deaggregating customizer.
 *
 * @author The kpl-deagg maintainers
 */
final class DeaggregatingBindings implements ApplicationListener<ContextRefreshedEvent>, ApplicationContextAware {

	private static final Log logger = LogFactory.getLog(DeaggregatingBindings.class);

	/** How a binding gets its user records. */
	enum Mode {

		/** The starter deaggregates the records of the binder's polling adapter. */
		DEAGGREGATED,
		/**
		 * The binder's KCL adapter deaggregates; the starter adds the headers and
		 * checkpoints each user record at its sub-sequence number.
		 */
		KCL,
		/** Switched off for the binding. */
		DISABLED,
		/**
		 * A DynamoDB Streams binding (current line): its records are no KPL records and
		 * pass untouched.
		 */
		DYNAMODB_STREAMS

	}

	private final Map<String, Mode> modes = new ConcurrentSkipListMap<>();

	private final BinderLine line;

	private @Nullable ApplicationContext context;

	private volatile boolean started;

	DeaggregatingBindings(BinderLine line) {
		this.line = line;
	}

	void bound(String bindingName, Mode mode) {
		this.modes.put(bindingName, mode);
		if (this.started) {
			logger.info("KPL deaggregation on Kinesis binding " + bindingName + ": " + mode);
		}
	}

	/**
	 * Returns the mode of each consumer binding of a Kinesis binder bound so far, by
	 * binding name. A snapshot: later bindings do not change it.
	 * @return the mode of each consumer binding of a Kinesis binder bound so far, by
	 * binding name
	 */
	Map<String, Mode> modes() {
		return Map.copyOf(this.modes);
	}

	@Override
	public void setApplicationContext(ApplicationContext context) {
		this.context = context;
	}

	/**
	 * Binders run in child contexts whose refresh events reach this listener too: only
	 * this context's counts.
	 */
	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		if (event.getApplicationContext() != this.context || this.started) {
			return;
		}
		this.started = true;
		logger.info("KPL deaggregation on Kinesis bindings " + bindingsIn(Mode.DEAGGREGATED)
				+ ", headers and checkpoints only (KCL deaggregates) on " + bindingsIn(Mode.KCL) + ", disabled on "
				+ bindingsIn(Mode.DISABLED) + (this.modes.containsValue(Mode.DYNAMODB_STREAMS)
						? ", DynamoDB Streams (untouched) on " + bindingsIn(Mode.DYNAMODB_STREAMS) : ""));
		List<String> uncustomized = kinesisConsumerBindingsNotSeen(event.getApplicationContext());
		if (!uncustomized.isEmpty()) {
			logger.warn("KPL deaggregation is not installed on Kinesis bindings " + uncustomized
					+ ": Spring Cloud Stream applied no DeaggregatingBinderCustomizer to their binder. It applies"
					+ " a single BinderCustomizer bean, the only one or the @Primary one; the auto-configured"
					+ " DeaggregatingBinderCustomizer is @Primary and runs the other ones, so it must be the one"
					+ " applied: leave it in place and declare your BinderCustomizer without @Primary.");
		}
	}

	/**
	 * Kinesis consumer bindings bound without the deaggregating customizer seeing them.
	 * @param context the context
	 * @return the Kinesis consumer bindings bound without the deaggregating customizer
	 * seeing them
	 */
	private List<String> kinesisConsumerBindingsNotSeen(ApplicationContext context) {
		BindingService bindingService = context.getBeanProvider(BindingService.class).getIfAvailable();
		if (bindingService == null) {
			return List.of();
		}
		return Arrays.stream(bindingService.getConsumerBindingNames())
			.filter((name) -> !this.modes.containsKey(name))
			.filter((name) -> bindingService.getConsumerBindings(name)
				.stream()
				.anyMatch((binding) -> this.line.isKinesisConsumerExtension(binding.getExtension())))
			.sorted()
			.toList();
	}

	private String bindingsIn(Mode mode) {
		return this.modes.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() == mode)
			.map(Map.Entry::getKey)
			.toList()
			.toString();
	}

}
