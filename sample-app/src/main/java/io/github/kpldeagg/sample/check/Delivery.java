package io.github.kpldeagg.sample.check;

import io.github.kpldeagg.sample.Reading;
import org.jspecify.annotations.Nullable;

/**
 * One user record as the sample identifies it, on either side: what the producer put and
 * where Kinesis stored it, or what a binding received. Equal deliveries mean the user
 * record arrived as it was sent.
 *
 * @param reading the payload, or null when it is not a sample reading
 * @param partitionKey the user record's partition key; null when a received message
 * lacked the header, which makes the delivery a wrong one
 * @param explicitHashKey null when the producer gave none
 * @param sequenceNumber the sequence number of the Kinesis record that carries the user
 * record; null as the partition key
 * @param subSequenceNumber the user record's position in its aggregate, 0 for a plain
 * record
 * @param aggregated the aggregated
 * @author The kpl-deagg maintainers
 */
public record Delivery(@Nullable Reading reading, @Nullable String partitionKey, @Nullable String explicitHashKey,
		@Nullable String sequenceNumber, long subSequenceNumber, boolean aggregated) {
}
