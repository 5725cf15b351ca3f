package io.github.kpldeagg.autoconfigure;

import java.time.Instant;

import io.github.kpldeagg.core.KplHeaders;
import io.github.kpldeagg.core.UserRecord;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.util.ClassUtils;

/**
 * Turns a user-record message (a {@code byte[]} payload with the {@link KplHeaders}) into
 * a {@link UserRecord}, so that functions can take {@code UserRecord},
 * {@code Message<UserRecord>} or, in batch mode, {@code List<UserRecord>}. Other target
 * types are left to the other converters; it never writes messages.
 *
 * @author The kpl-deagg maintainers
 */
public class UserRecordMessageConverter implements MessageConverter {

	/** KCL's record, the source record of a binding in KCL mode. */
	static final String KCL_RECORD = "software.amazon.kinesis.retrieval.KinesisClientRecord";

	/**
	 * KCL is optional in the binder: applications may exclude it. Looked up by name,
	 * which a native image answers only for a class registered for it:
	 * {@link KclRecordRuntimeHints}.
	 */
	private static final boolean KCL_PRESENT = ClassUtils.isPresent(KCL_RECORD,
			UserRecordMessageConverter.class.getClassLoader());

	@Override
	public @Nullable Object fromMessage(Message<?> message, Class<?> targetClass) {
		if (targetClass != UserRecord.class) {
			return null;
		}
		// A batch element is converted on its own, with the batch's headers: a
		// payload or a message.
		if (message.getHeaders().get(KplHeaders.USER_RECORDS) instanceof UserRecordBatch batch) {
			return batch.userRecordOf(message.getPayload()).orElse(null);
		}
		Message<?> userRecordMessage = (message.getPayload() instanceof Message<?> element) ? element : message;
		MessageHeaders headers = userRecordMessage.getHeaders();
		if (!(userRecordMessage.getPayload() instanceof byte[] data)) {
			return null;
		}
		return UserRecordHeaders.read(data, headers,
				approximateArrivalTimestamp(headers.get(IntegrationMessageHeaderAccessor.SOURCE_DATA)));
	}

	private static @Nullable Instant approximateArrivalTimestamp(@Nullable Object sourceData) {
		if (sourceData instanceof Record record) {
			return record.approximateArrivalTimestamp();
		}
		if (KCL_PRESENT && sourceData instanceof KinesisClientRecord record) {
			return record.approximateArrivalTimestamp();
		}
		return null;
	}

	@Override
	public @Nullable Message<?> toMessage(Object payload, @Nullable MessageHeaders headers) {
		return null;
	}

	/**
	 * Registers KCL's record, when KCL is there when the application is processed ahead
	 * of time, so that the converter finds it in a native image too and gives the user
	 * records of KCL-mode bindings their arrival timestamp.
	 */
	static class KclRecordRuntimeHints implements RuntimeHintsRegistrar {

		@Override
		public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
			hints.reflection().registerTypeIfPresent(classLoader, KCL_RECORD, (type) -> {
			});
		}

	}

}
