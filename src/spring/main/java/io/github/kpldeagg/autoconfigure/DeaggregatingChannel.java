package io.github.kpldeagg.autoconfigure;

import io.github.kpldeagg.core.Deaggregator;
import io.github.kpldeagg.core.UserRecord;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessagingException;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Where a Kinesis record fans out: the output channel of the binder's polling adapter
 * ({@code KinesisMessageDrivenChannelAdapter}) on a deaggregating binding.
 * <p>
 * The adapter sends one message per Kinesis record (or per batch) and checkpoints when
 * the send returns. This channel sends one message per user record, synchronously and in
 * order, to the binding channel, so the checkpoint waits for all of them and each user
 * record passes the binding's interceptors once. A user record that fails goes to the
 * binding's error channel; if that rethrows (the binder's default), the rest of the
 * aggregate is not sent and the exception reaches the adapter, which reads the record
 * again; if an error handler takes it, the remaining user records are still sent. A
 * record that cannot be deaggregated at all (a corrupt aggregate under the fail policy, a
 * shard whose hash-key range cannot be looked up) goes to the error channel whole, the
 * same way.
 */
final class DeaggregatingChannel implements MessageChannel {

	private final MessageChannel bindingChannel;

	private final BindingErrors errors;

	private final ShardDeaggregators deaggregators;

	private final UserRecordMessages messages;

	private final UserRecordBatches batches;

	private final KinesisBinderGeneration generation;

	/**
	 * @param bindingChannel the binding's input channel, where user-record messages go
	 * @param errorChannel the binding's error channel, taken over from the adapter; null
	 * to throw failures
	 * @param deaggregators the binding's deaggregators
	 * @param messages builds each user record's message
	 * @param generation the binder's headers and checkpointer
	 */
	DeaggregatingChannel(MessageChannel bindingChannel, @Nullable MessageChannel errorChannel,
			ShardDeaggregators deaggregators, UserRecordMessages messages, KinesisBinderGeneration generation) {
		this.bindingChannel = bindingChannel;
		this.errors = new BindingErrors(errorChannel, generation.errorMessageStrategy(),
				generation.headers().rawRecord());
		this.deaggregators = deaggregators;
		this.messages = messages;
		this.batches = new UserRecordBatches(messages, generation.headers());
		this.generation = generation;
	}

	/**
	 * Returns when every user record has been handled; throws when one failed and nothing
	 * handled the failure.
	 */
	@Override
	public boolean send(Message<?> message, long timeout) {
		if (message.getPayload() instanceof List<?> records) {
			sendBatch(message, records, timeout);
		}
		else {
			sendRecord(message, timeout);
		}
		return true;
	}

	private void sendRecord(Message<?> carrier, long timeout) {
		Record record = null;
		List<UserRecord> userRecords;
		try {
			record = SourceRecords.of(carrier);
			userRecords = deaggregatorFor(carrier).deaggregate(List.of(record));
		}
		catch (RuntimeException ex) {
			errors.handle(carrier, record, new MessagingException(carrier, ex));
			return;
		}
		Object checkpointer = carrier.getHeaders().get(generation.headers().checkpointer());
		Object beforeLastCheckpointer = checkpointer == null || userRecords.size() < 2 ? null
				: generation.checkpointerBeforeLast(checkpointer, new AggregateCheckpoints(record.sequenceNumber()));
		int last = userRecords.size() - 1;
		for (int i = 0; i <= last; i++) {
			send(messages.of(carrier, userRecords.get(i), i == last ? null : beforeLastCheckpointer), record, timeout);
		}
	}

	private void sendBatch(Message<?> carrier, List<?> records, long timeout) {
		Message<?> batch;
		try {
			batch = batches.of(carrier, records, deaggregatorFor(carrier));
		}
		catch (RuntimeException ex) {
			errors.handle(carrier, records, new MessagingException(carrier, ex));
			return;
		}
		send(batch, records, timeout);
	}

	private Deaggregator deaggregatorFor(Message<?> carrier) {
		return deaggregators.forShard(carrier.getHeaders().get(generation.headers().receivedStream(), String.class),
				carrier.getHeaders().get(generation.headers().shard(), String.class));
	}

	private void send(Message<?> message, Object rawRecord, long timeout) {
		try {
			if (!bindingChannel.send(message, timeout)) {
				throw new MessageDeliveryException(message, "The binding channel did not accept the message");
			}
		}
		catch (RuntimeException ex) {
			errors.handle(message, rawRecord, ex);
		}
	}

}
