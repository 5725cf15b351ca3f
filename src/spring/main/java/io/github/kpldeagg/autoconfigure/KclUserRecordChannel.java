package io.github.kpldeagg.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * The output channel of the binder's KCL adapter ({@code kpl-kcl-enabled}) on a
 * deaggregating binding. KCL has already deaggregated, so each message is one user
 * record: this channel only adds the {@link KplHeaders} from the
 * {@link KinesisClientRecord} in {@code sourceData}. In batch mode, the elements of a
 * list of messages get them; a list of payloads carries no per-record source and passes
 * unchanged.
 */
final class KclUserRecordChannel implements MessageChannel {

	private final MessageChannel bindingChannel;

	private final UserRecordHeaders headers;

	KclUserRecordChannel(MessageChannel bindingChannel, UserRecordHeaders headers) {
		this.bindingChannel = bindingChannel;
		this.headers = headers;
	}

	@Override
	public boolean send(Message<?> message, long timeout) {
		return bindingChannel.send(
				message.getPayload() instanceof List<?> batch ? withHeaders(message, batch) : withHeaders(message),
				timeout);
	}

	private Message<?> withHeaders(Message<?> batchMessage, List<?> batch) {
		if (batch.isEmpty() || !(batch.get(0) instanceof Message)) {
			return batchMessage;
		}
		List<Message<?>> elements = new ArrayList<>(batch.size());
		for (Object element : batch) {
			elements.add(withHeaders((Message<?>) element));
		}
		return MessageBuilder.withPayload(elements).copyHeaders(batchMessage.getHeaders()).build();
	}

	private Message<?> withHeaders(Message<?> message) {
		if (!(message.getHeaders()
			.get(IntegrationMessageHeaderAccessor.SOURCE_DATA) instanceof KinesisClientRecord record)) {
			return message;
		}
		return headers
			.write(MessageBuilder.fromMessage(message), record.partitionKey(), record.explicitHashKey(),
					record.sequenceNumber(), record.subSequenceNumber(), record.aggregated())
			.build();
	}

}
