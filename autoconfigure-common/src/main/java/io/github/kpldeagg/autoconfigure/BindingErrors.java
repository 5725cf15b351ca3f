package io.github.kpldeagg.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.core.AttributeAccessor;
import org.springframework.integration.support.ErrorMessageStrategy;
import org.springframework.integration.support.ErrorMessageUtils;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

/**
 * Sends a failed message to the binding's error channel, built as the binder's adapter
 * builds it (the raw Kinesis record in the binder's raw-record header, the failed message
 * as the original). When nothing handles the error (the binder's default handler
 * rethrows), the exception propagates so that the adapter does not checkpoint and reads
 * the record again.
 *
 * @author The kpl-deagg maintainers
 */
final class BindingErrors {

	private final @Nullable MessageChannel errorChannel;

	private final ErrorMessageStrategy errorMessages;

	private final String rawRecordHeader;

	BindingErrors(@Nullable MessageChannel errorChannel, ErrorMessageStrategy errorMessages, String rawRecordHeader) {
		this.errorChannel = errorChannel;
		this.errorMessages = errorMessages;
		this.rawRecordHeader = rawRecordHeader;
	}

	void handle(Message<?> failed, @Nullable Object rawRecord, RuntimeException exception) {
		if (this.errorChannel == null) {
			throw exception;
		}
		AttributeAccessor attributes = ErrorMessageUtils.getAttributeAccessor(failed, null);
		attributes.setAttribute(this.rawRecordHeader, rawRecord);
		if (!this.errorChannel.send(this.errorMessages.buildErrorMessage(exception, attributes))) {
			throw exception;
		}
	}

}
