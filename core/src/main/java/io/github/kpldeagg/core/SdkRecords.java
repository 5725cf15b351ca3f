package io.github.kpldeagg.core;

import java.util.Objects;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Reads AWS SDK v2 records; loaded only when such a record is passed in.
 *
 * @author The kpl-deagg maintainers
 */
final class SdkRecords {

	private SdkRecords() {
	}

	static Deaggregator.Input input(Record record) {
		SdkBytes data = record.data();
		// The SDK's own bytes are never written to, so reading them without
		// a copy is safe.
		byte[] source = (data != null) ? data.asByteArrayUnsafe() : new byte[0];
		// Kinesis always sets both; a record built without them fails here,
		// as raw input does.
		return new Deaggregator.Input(source, 0, source.length,
				Objects.requireNonNull(record.partitionKey(), "partitionKey"), null,
				Objects.requireNonNull(record.sequenceNumber(), "sequenceNumber"),
				record.approximateArrivalTimestamp());
	}

}
