package io.github.kpldeagg.lambda;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * What the test applications' functions and observation handler saw; the poison makes a
 * function throw.
 */
final class Received {

	static final List<Object> PAYLOADS = new CopyOnWriteArrayList<>();
	static final List<String> OBSERVATIONS = new CopyOnWriteArrayList<>();
	static volatile Predicate<Object> poison = (payload) -> false;

	private Received() {
	}

	static void reset() {
		PAYLOADS.clear();
		OBSERVATIONS.clear();
		poison = (payload) -> false;
	}

	/** An observation handler that notes the name of each observation that stops. */
	static ObservationHandler<Observation.Context> observations() {
		return new ObservationHandler<>() {
			@Override
			public void onStop(Observation.Context context) {
				OBSERVATIONS.add(context.getName());
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}
		};
	}

	static void accept(Object payload) {
		PAYLOADS.add(payload);
		if (poison.test(payload)) {
			throw new IllegalStateException("poison user record");
		}
	}

}
