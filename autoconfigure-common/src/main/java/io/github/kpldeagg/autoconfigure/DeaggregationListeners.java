package io.github.kpldeagg.autoconfigure;

import io.github.kpldeagg.core.DeaggregationListener;
import java.util.function.LongConsumer;

/** Gives each deaggregating binding its listener, for metrics. */
@FunctionalInterface
interface DeaggregationListeners {

	/** Listeners that ignore everything. */
	DeaggregationListeners NONE = bindingName -> DeaggregationListener.NONE;

	DeaggregationListener forBinding(String bindingName);

	/**
	 * Told, per binding, how many user records that the adapter read again were not
	 * handed out again.
	 */
	default LongConsumer skipped(String bindingName) {
		return count -> {
		};
	}

}
