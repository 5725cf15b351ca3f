package io.github.kpldeagg.autoconfigure.binder;

import org.springframework.core.AttributeAccessor;
import org.springframework.integration.aws.inbound.kinesis.KinesisMessageHeaderErrorMessageStrategy;
import org.springframework.integration.aws.support.AwsHeaders;
import org.springframework.integration.support.ErrorMessageStrategy;
import org.springframework.integration.support.ErrorMessageUtils;
import org.springframework.lang.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

/**
 * Sends a failed message to the binding's error channel, built as the binder's adapter builds it
 * (the raw Kinesis record in {@link AwsHeaders#RAW_RECORD}, the failed message as the original).
 * When nothing handles the error (the binder's default handler rethrows), the exception propagates
 * so that the adapter does not checkpoint and reads the record again.
 */
final class BindingErrors {

    private static final ErrorMessageStrategy ERROR_MESSAGES = new KinesisMessageHeaderErrorMessageStrategy();

    @Nullable
    private final MessageChannel errorChannel;

    BindingErrors(@Nullable MessageChannel errorChannel) {
        this.errorChannel = errorChannel;
    }

    void handle(Message<?> failed, @Nullable Object rawRecord, RuntimeException exception) {
        if (errorChannel == null) {
            throw exception;
        }
        AttributeAccessor attributes = ErrorMessageUtils.getAttributeAccessor(failed, null);
        attributes.setAttribute(AwsHeaders.RAW_RECORD, rawRecord);
        if (!errorChannel.send(ERROR_MESSAGES.buildErrorMessage(exception, attributes))) {
            throw exception;
        }
    }
}
