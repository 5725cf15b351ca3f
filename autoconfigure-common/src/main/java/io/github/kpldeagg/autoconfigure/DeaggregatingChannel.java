package io.github.kpldeagg.autoconfigure;

import java.util.List;

import io.github.kpldeagg.core.UserRecord;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.kinesis.model.Record;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessagingException;

/**
 * Where a Kinesis record fans out: the output channel of the binder's polling adapter
 * ({@code KinesisMessageDrivenChannelAdapter}) on a deaggregating binding.
 * <p>
 * The adapter sends one message per Kinesis record (or per batch) and checkpoints when
 * the send returns. This channel sends one message per user record, synchronously and in
 * order, to the binding channel, so the checkpoint waits for all of them and each user
 * record passes the binding's interceptors once. A user record that fails goes to the
 * binding's error channel; if that rethrows (the binder's default), the rest of the
 * aggregate is not sent and the exception reaches the adapter, which reads the records
 * since its last checkpoint again; if an error handler takes it, the remaining user
 * records are still sent. A record that cannot be deaggregated at all (a corrupt
 * aggregate under the fail policy, a shard whose hash-key range cannot be looked up) goes
 * to the error channel whole, the same way.
 * <p>
 * What the adapter sends again is not handed out again: each shard's
 * {@link ShardPosition} knows the last user record handled, and everything at or before
 * it is skipped. A batch is handled, or not, as a whole.
 *
 * @author The kpl-deagg maintainers
 */
final class DeaggregatingChannel implements MessageChannel {

	private static final Log logger = LogFactory.getLog(DeaggregatingChannel.class);

	private final MessageChannel bindingChannel;

	private final BindingErrors errors;

	private final ShardDeaggregators deaggregators;

	private final ShardPositions positions;

	private final UserRecordMessages messages;

	private final UserRecordBatches batches;

	private final BinderLine line;

	/**
	 * Creates the channel that fans one binding's records out.
	 * @param bindingChannel the binding's input channel, where user-record messages go
	 * @param errorChannel the binding's error channel, taken over from the adapter; null
	 * to throw failures
	 * @param deaggregators the binding's deaggregators
	 * @param positions the binding's positions on its shards
	 * @param messages builds each user record's message
	 * @param line the binder's headers and checkpointer
	 */
	DeaggregatingChannel(MessageChannel bindingChannel, @Nullable MessageChannel errorChannel,
			ShardDeaggregators deaggregators, ShardPositions positions, UserRecordMessages messages, BinderLine line) {
		this.bindingChannel = bindingChannel;
		this.errors = new BindingErrors(errorChannel, line.errorMessageStrategy(), line.headers().rawRecord());
		this.deaggregators = deaggregators;
		this.positions = positions;
		this.messages = messages;
		this.batches = new UserRecordBatches(messages, line.headers());
		this.line = line;
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
		Shard shard = null;
		ShardPosition position = null;
		List<UserRecord> userRecords;
		try {
			record = SourceRecords.of(carrier);
			shard = Shard.of(carrier, this.line.headers());
			position = positionOf(shard);
			userRecords = this.deaggregators.forShard(shard.stream(), shard.id()).deaggregate(record);
		}
		catch (RuntimeException ex) {
			if (position != null && record != null && shard != null) {
				failedWhole(carrier, shard, record, position, ex);
			}
			else {
				this.errors.handle(carrier, record, new MessagingException(carrier, ex));
			}
			return;
		}
		String sequenceNumber = record.sequenceNumber();
		long handledThrough = position.handledThrough(sequenceNumber);
		Object checkpointer = carrier.getHeaders().get(this.line.headers().checkpointer());
		int last = userRecords.size() - 1;
		int skipped = 0;
		try {
			for (int i = 0; i <= last; i++) {
				UserRecord userRecord = userRecords.get(i);
				long subSequenceNumber = userRecord.subSequenceNumber();
				if (subSequenceNumber <= handledThrough) {
					skipped++;
					continue;
				}
				Object userRecordCheckpointer = (checkpointer == null || i == last) ? null
						: this.line.checkpointerBeforeLast(checkpointer,
								new MidAggregateCheckpoint(position, sequenceNumber, subSequenceNumber));
				deliver(this.messages.of(carrier, userRecord, userRecordCheckpointer), record, timeout);
				position.handled(sequenceNumber, subSequenceNumber);
			}
		}
		finally {
			if (skipped > 0) {
				skipped(skipped, shard);
			}
		}
	}

	/**
	 * A record that could not be deaggregated goes to the error channel whole, unless an
	 * error handler already took it.
	 * @param carrier the carrier
	 * @param shard the shard
	 * @param record the record
	 * @param position the position
	 * @param ex the failure
	 */
	private void failedWhole(Message<?> carrier, Shard shard, Record record, ShardPosition position,
			RuntimeException ex) {
		if (position.handledThrough(record.sequenceNumber()) == ShardPosition.ALL) {
			skipped(1, shard);
			return;
		}
		this.errors.handle(carrier, record, new MessagingException(carrier, ex));
		position.handled(record.sequenceNumber(), ShardPosition.ALL);
	}

	private void sendBatch(Message<?> carrier, List<?> records, long timeout) {
		Shard shard;
		ShardPosition position;
		UserRecordBatches.Batch batch;
		try {
			shard = Shard.of(carrier, this.line.headers());
			position = positionOf(shard);
			batch = this.batches.of(carrier, records, this.deaggregators.forShard(shard.stream(), shard.id()),
					position);
		}
		catch (RuntimeException ex) {
			this.errors.handle(carrier, records, new MessagingException(carrier, ex));
			return;
		}
		if (batch.skipped() > 0) {
			skipped(batch.skipped(), shard);
		}
		UserRecord last = batch.last();
		if (last != null) {
			deliver(batch.message(), records, timeout);
			position.handled(last.sequenceNumber(), last.subSequenceNumber());
		}
	}

	/**
	 * The shard's position, once it has adopted what a previous owner saved.
	 * @param shard the shard
	 * @return the shard's position, once it has adopted what a previous owner saved
	 */
	private ShardPosition positionOf(Shard shard) {
		ShardPosition position = this.positions.of(shard.stream(), shard.id());
		position.resume();
		return position;
	}

	private void skipped(int count, Shard shard) {
		this.positions.skipped(count);
		if (logger.isDebugEnabled()) {
			logger.debug("Skipped " + count + " user records already handled, read again from shard " + shard.id()
					+ " of stream " + shard.stream());
		}
	}

	/**
	 * Returns when the message was handled, by the function or by an error handler;
	 * throws when it failed and nothing handled the failure.
	 * @param message the message
	 * @param rawRecord the raw record
	 * @param timeout the timeout
	 */
	private void deliver(Message<?> message, Object rawRecord, long timeout) {
		try {
			if (!this.bindingChannel.send(message, timeout)) {
				throw new MessageDeliveryException(message, "The binding channel did not accept the message");
			}
		}
		catch (RuntimeException ex) {
			this.errors.handle(message, rawRecord, ex);
		}
	}

	/** The stream and shard a message's records come from, read once from its headers. */
	private record Shard(@Nullable String stream, @Nullable String id) {

		static Shard of(Message<?> carrier, BinderHeaders headers) {
			return new Shard(carrier.getHeaders().get(headers.receivedStream(), String.class),
					carrier.getHeaders().get(headers.shard(), String.class));
		}

	}

}
