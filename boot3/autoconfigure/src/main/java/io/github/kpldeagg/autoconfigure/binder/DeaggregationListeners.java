package io.github.kpldeagg.autoconfigure.binder;

import io.github.kpldeagg.core.DeaggregationListener;

/** Gives each deaggregating binding its listener, for metrics. */
@FunctionalInterface
public interface DeaggregationListeners {

    /** Listeners that ignore everything. */
    DeaggregationListeners NONE = bindingName -> DeaggregationListener.NONE;

    DeaggregationListener forBinding(String bindingName);
}
