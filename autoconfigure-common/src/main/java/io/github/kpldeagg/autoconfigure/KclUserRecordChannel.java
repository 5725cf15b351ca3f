package io.github.kpldeagg.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.github.kpldeagg.core.KplHeaders;
import org.jspecify.annotations.Nullable;
import software.amazon.kinesis.checkpoint.ShardRecordProcessorCheckpointer;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessageHeaders;

/**
 * The output channel of the binder's KCL adapter ({@code kpl-kcl-enabled}) on a
 * deaggregating binding. KCL has already deaggregated, so each message is one user
 * record: this channel adds the {@link KplHeaders} from the {@link KinesisClientRecord}
 * in {@code sourceData}. In batch mode, the elements of a list of messages get them; a
 * list of payloads carries no per-record source and passes unchanged.
 * <p>
 * It also takes the checkpoints over from the adapter ({@link KclCheckpoints}), and the
 * binding's error channel, so as to know whether anything handled a failure: one that
 * nothing handled stops the shard, and reaches the adapter, which logs it. See
 * docs/upstream/kcl-adapter-checkpoints.md.
 *
 * @author The kpl-deagg maintainers
 */
final class KclUserRecordChannel implements MessageChannel {

	private final MessageChannel bindingChannel;

	private final BindingErrors errors;

	private final UserRecordHeaders headers;

	private final BinderHeaders binderHeaders;

	private final KclCheckpoints checkpoints;

	/**
	 * Creates the channel between the KCL adapter and the binding.
	 * @param bindingChannel the binding's input channel
	 * @param errorChannel the binding's error channel, taken over from the adapter; null
	 * to throw failures
	 * @param checkpoints the binding's checkpoints, taken over from the adapter
	 * @param line the binder's headers and error messages
	 */
	KclUserRecordChannel(MessageChannel bindingChannel, @Nullable MessageChannel errorChannel,
			KclCheckpoints checkpoints, BinderLine line) {
		this.bindingChannel = bindingChannel;
		this.errors = new BindingErrors(errorChannel, line.errorMessageStrategy(), line.headers().rawRecord());
		this.headers = new UserRecordHeaders(line.headers());
		this.binderHeaders = line.headers();
		this.checkpoints = checkpoints;
	}

	/**
	 * Returns when the user record or batch has been handled, or held back because its
	 * shard stopped; throws when it failed and nothing handled the failure.
	 */
	@Override
	public boolean send(Message<?> message, long timeout) {
		KclCheckpoints.Shard shard = shardOf(message);
		if (shard.isStopped()) {
			return true;
		}
		ExtendedSequenceNumber handled;
		MessageBuilder<?> userRecords;
		Object rawRecord;
		if (message.getPayload() instanceof List<?> batch) {
			handled = shard.handedOver();
			userRecords = withHeaders(message, batch);
			rawRecord = kclRecords(batch);
		}
		else {
			KinesisClientRecord record = kclRecordOf(message);
			handled = new ExtendedSequenceNumber(record.sequenceNumber(), record.subSequenceNumber());
			userRecords = withHeaders(MessageBuilder.fromMessage(message), record);
			rawRecord = record;
		}
		// The adapter hands KCL's checkpointer over with every message, as it
		// checkpoints manually now: in the binding's own manual mode, it goes to the
		// application as the user record's.
		if (this.checkpoints.mode() == KclCheckpoints.Mode.MANUAL) {
			userRecords.setHeader(this.binderHeaders.checkpointer(), shard.userCheckpointer(handled));
		}
		else {
			userRecords.removeHeader(this.binderHeaders.checkpointer());
		}
		Message<?> userRecordMessage = userRecords.build();
		try {
			if (!this.bindingChannel.send(userRecordMessage, timeout)) {
				throw new MessageDeliveryException(userRecordMessage, "The binding channel did not accept the message");
			}
		}
		catch (RuntimeException ex) {
			try {
				this.errors.handle(userRecordMessage, rawRecord, ex);
			}
			catch (RuntimeException unhandled) {
				shard.failed();
				throw unhandled;
			}
		}
		shard.handled(handled);
		return true;
	}

	private KclCheckpoints.Shard shardOf(Message<?> message) {
		MessageHeaders messageHeaders = message.getHeaders();
		String shardId = messageHeaders.get(this.binderHeaders.shard(), String.class);
		if (shardId == null || !(messageHeaders
			.get(this.binderHeaders.checkpointer()) instanceof ShardRecordProcessorCheckpointer checkpointer)) {
			throw new IllegalStateException("A message of the KCL adapter without its shard and KCL's checkpointer: "
					+ message + " (did a consumer endpoint customizer change the adapter's checkpoint mode?)");
		}
		return this.checkpoints.shard(messageHeaders.get(this.binderHeaders.receivedStream(), String.class), shardId,
				checkpointer);
	}

	private static KinesisClientRecord kclRecordOf(Message<?> message) {
		if (!(message.getHeaders()
			.get(IntegrationMessageHeaderAccessor.SOURCE_DATA) instanceof KinesisClientRecord record)) {
			throw new IllegalStateException("A message of the KCL adapter without its KCL record in sourceData: "
					+ message + " (did a consumer endpoint customizer call setBindSourceRecord(false)?)");
		}
		return record;
	}

	private MessageBuilder<?> withHeaders(Message<?> batchMessage, List<?> batch) {
		if (batch.isEmpty() || !(batch.get(0) instanceof Message)) {
			return MessageBuilder.fromMessage(batchMessage);
		}
		List<Message<?>> elements = new ArrayList<>(batch.size());
		for (Object element : batch) {
			elements.add(withHeaders((Message<?>) element));
		}
		return MessageBuilder.withPayload(elements).copyHeaders(batchMessage.getHeaders());
	}

	private Message<?> withHeaders(Message<?> message) {
		if (!(message.getHeaders()
			.get(IntegrationMessageHeaderAccessor.SOURCE_DATA) instanceof KinesisClientRecord record)) {
			return message;
		}
		return withHeaders(MessageBuilder.fromMessage(message), record).build();
	}

	private <T> MessageBuilder<T> withHeaders(MessageBuilder<T> builder, KinesisClientRecord record) {
		return this.headers.write(builder, record.partitionKey(), record.explicitHashKey(), record.sequenceNumber(),
				record.subSequenceNumber(), record.aggregated());
	}

	/**
	 * A batch's KCL records, as the adapter puts them on an error message: the elements'
	 * own where they carry them.
	 * @param batch the batch
	 * @return a batch's KCL records, as the adapter puts them on an error message
	 */
	private static List<?> kclRecords(List<?> batch) {
		return batch.stream()
			.map((element) -> (element instanceof Message<?> message && message.getHeaders()
				.get(IntegrationMessageHeaderAccessor.SOURCE_DATA) instanceof KinesisClientRecord record) ? record
						: element)
			.toList();
	}

}
