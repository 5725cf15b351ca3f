package io.github.kpldeagg.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import io.github.kpldeagg.core.UserRecord;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.mapping.InboundMessageMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

/**
 * Builds the message of one user record on the headers of the message that carried its
 * Kinesis record: the binder's stream, shard, sequence-number and source-data headers
 * stay, and the user record's headers are set.
 *
 * @author The kpl-deagg maintainers
 */
final class UserRecordMessages {

	private static final Log logger = LogFactory.getLog(UserRecordMessages.class);

	private final UserRecordHeaders headers;

	private final String checkpointerHeader;

	private final @Nullable InboundMessageMapper<byte[]> embeddedHeadersMapper;

	/**
	 * Creates the message builder of one binding.
	 * @param embeddedHeadersMapper the binder's embedded-headers mapper of the binding,
	 * applied to each user record of an aggregate as the binder applies it to each
	 * Kinesis record; null when the binding does not embed headers
	 * @param binderHeaders the binder headers
	 */
	UserRecordMessages(BinderHeaders binderHeaders, @Nullable InboundMessageMapper<byte[]> embeddedHeadersMapper) {
		this.headers = new UserRecordHeaders(binderHeaders);
		this.checkpointerHeader = binderHeaders.checkpointer();
		this.embeddedHeadersMapper = embeddedHeadersMapper;
	}

	UserRecordHeaders headers() {
		return this.headers;
	}

	/**
	 * The message of {@code userRecord}; {@code checkpointer}, when not null, replaces
	 * the carrier's. A plain record keeps the carrier's payload, which the binder has
	 * already decoded. Built as one map of headers, copied once into the message: this
	 * runs for every user record.
	 * @param carrier the carrier
	 * @param userRecord the user record
	 * @param checkpointer the checkpointer
	 * @return the message of {@code userRecord}
	 */
	Message<?> of(Message<?> carrier, UserRecord userRecord, @Nullable Object checkpointer) {
		Object payload = carrier.getPayload();
		Message<?> embedded = null;
		if (userRecord.aggregated()) {
			byte[] data = userRecord.bytes();
			embedded = decodeEmbeddedHeaders(data);
			payload = (embedded != null) ? embedded.getPayload() : data;
		}
		// Room for the carrier's headers and the user record's, without a resize.
		Map<String, @Nullable Object> messageHeaders = new HashMap<>((carrier.getHeaders().size() + 8) * 4 / 3);
		messageHeaders.putAll(carrier.getHeaders());
		this.headers.write(messageHeaders, userRecord);
		if (checkpointer != null) {
			messageHeaders.put(this.checkpointerHeader, checkpointer);
		}
		if (embedded != null) {
			embedded.getHeaders().forEach(messageHeaders::putIfAbsent);
		}
		return new GenericMessage<>(payload, messageHeaders);
	}

	/**
	 * As the binder does: a user record that does not parse keeps its bytes.
	 * @param data the data
	 * @return the decoded message, or null for data that does not parse (it keeps its
	 * bytes, as the binder does)
	 */
	private @Nullable Message<?> decodeEmbeddedHeaders(byte[] data) {
		if (this.embeddedHeadersMapper == null) {
			return null;
		}
		try {
			return this.embeddedHeadersMapper.toMessage(data);
		}
		catch (Exception ex) {
			logger.warn("Could not parse embedded headers of a user record; its payload stays untouched", ex);
			return null;
		}
	}

}
