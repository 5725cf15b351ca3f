package io.github.kpldeagg.autoconfigure;

import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationContext;

/**
 * The mode of each consumer binding of a Kinesis binder bound so far, by binding name,
 * for the tests outside this package ({@code DeaggregatingBindings} is package-private).
 */
public final class BindingModes {

	private BindingModes() {
	}

	/**
	 * {@return each binding's mode ({@code DEAGGREGATED}, {@code KCL}, {@code DISABLED}
	 * or {@code DYNAMODB_STREAMS}), by binding name}
	 * @param context the application's context
	 */
	public static Map<String, String> of(ApplicationContext context) {
		return context.getBean(DeaggregatingBindings.class)
			.modes()
			.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, (entry) -> entry.getValue().name()));
	}

}
