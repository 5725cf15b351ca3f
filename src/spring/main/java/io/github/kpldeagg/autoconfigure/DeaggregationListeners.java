package io.github.kpldeagg.autoconfigure;

import io.github.kpldeagg.core.DeaggregationListener;

/** Gives each deaggregating binding its listener, for metrics. */
@FunctionalInterface
interface DeaggregationListeners {

	/** Listeners that ignore everything. */
	DeaggregationListeners NONE = bindingName -> DeaggregationListener.NONE;

	DeaggregationListener forBinding(String bindingName);

}
