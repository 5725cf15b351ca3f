package io.github.kpldeagg.autoconfigure;

import software.amazon.awssdk.services.kinesis.model.Record;

import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.messaging.Message;

/**
 * The raw Kinesis record the binder's adapter puts in each message's {@code sourceData}
 * header.
 *
 * @author The kpl-deagg maintainers
 */
final class SourceRecords {

	private SourceRecords() {
	}

	static Record of(Message<?> message) {
		if (message.getHeaders().get(IntegrationMessageHeaderAccessor.SOURCE_DATA) instanceof Record record) {
			return record;
		}
		throw new IllegalStateException("No Kinesis record in the " + IntegrationMessageHeaderAccessor.SOURCE_DATA
				+ " header of " + message + ": the binder's adapter must bind the source record");
	}

}
