package io.github.kpldeagg.autoconfigure;

import java.util.function.LongConsumer;

import io.github.kpldeagg.core.DeaggregationListener;

/**
 * Gives each deaggregating binding its listener, for metrics.
 *
 * @author The kpl-deagg maintainers
 */
@FunctionalInterface
interface DeaggregationListeners {

	/** Listeners that ignore everything. */
	DeaggregationListeners NONE = (bindingName) -> DeaggregationListener.NONE;

	DeaggregationListener forBinding(String bindingName);

	/**
	 * Told, per binding, how many user records that the adapter read again were not
	 * handed out again.
	 * @param bindingName the binding name
	 * @return the listener told how many user records the adapter read again were not
	 * handed out again
	 */
	default LongConsumer skipped(String bindingName) {
		return (count) -> {
		};
	}

}
