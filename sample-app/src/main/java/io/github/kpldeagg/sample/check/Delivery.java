package io.github.kpldeagg.sample.check;

import io.github.kpldeagg.sample.Reading;

/**
 * One user record as the sample identifies it, on either side: what the producer put and
 * where Kinesis stored it, or what a binding received. Equal deliveries mean the user
 * record arrived as it was sent.
 *
 * @param reading the payload, or null when it is not a sample reading
 * @param explicitHashKey null when the producer gave none
 * @param sequenceNumber the sequence number of the Kinesis record that carries the user
 * record
 * @param subSequenceNumber the user record's position in its aggregate, 0 for a plain
 * record
 */
public record Delivery(Reading reading, String partitionKey, String explicitHashKey, String sequenceNumber,
		long subSequenceNumber, boolean aggregated) {
}
