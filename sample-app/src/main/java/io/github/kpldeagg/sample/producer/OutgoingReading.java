package io.github.kpldeagg.sample.producer;

import io.github.kpldeagg.sample.Reading;
import org.jspecify.annotations.Nullable;

/**
 * A reading to put as one user record, with the device as partition key.
 *
 * @param explicitHashKey null for a device routed by its partition key
 * @param reading the reading
 * @author The kpl-deagg maintainers
 */
record OutgoingReading(Reading reading, @Nullable String explicitHashKey) {

	String partitionKey() {
		return this.reading.device();
	}
}
