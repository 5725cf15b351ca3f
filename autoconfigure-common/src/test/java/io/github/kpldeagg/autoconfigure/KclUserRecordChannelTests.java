package io.github.kpldeagg.autoconfigure;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.github.kpldeagg.core.KplHeaders;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.checkpoint.ShardRecordProcessorCheckpointer;
import software.amazon.kinesis.leases.ShardInfo;
import software.amazon.kinesis.processor.Checkpointer;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.integration.channel.PublishSubscribeChannel;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.ErrorMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The KCL-mode channel driven as the binder's KCL adapter drives it in manual checkpoint
 * mode, with KCL's own checkpointer on a checkpoint store that records what it is given:
 * what KCL would keep, and so where it would read on after a restart.
 */
@TestedBinderLine.Required
class KclUserRecordChannelTests {

	private static final String AGGREGATE = "49590338271490256608559692538361571095921575989136588898";

	private static final String PLAIN = "49590338271490256608559692538361571095921575989136588899";

	private static final String NEXT_AGGREGATE = "49590338271490256608559692538361571095921575989136588900";

	private static final BinderHeaders HEADERS = TestedBinderLine.LINE.headers();

	/** What reached the checkpoint store, in order. */
	private final List<ExtendedSequenceNumber> checkpoints = new ArrayList<>();

	private final List<Message<?>> delivered = new ArrayList<>();

	private final List<ErrorMessage> errors = new ArrayList<>();

	private final AtomicLong clock = new AtomicLong(1_000);

	private ShardRecordProcessorCheckpointer kcl = newRecordProcessor();

	@Test
	void recordModeCheckpointsEachUserRecordAtItsSubSequenceNumber() {
		MessageChannel channel = channel(KclCheckpoints.Mode.RECORD, null);

		processRecords(channel, aggregate(AGGREGATE, 3));

		assertThat(this.checkpoints).containsExactly(esn(AGGREGATE, 0), esn(AGGREGATE, 1), esn(AGGREGATE, 2));
		assertThat(this.delivered)
			.allSatisfy((message) -> assertThat(message.getHeaders()).doesNotContainKey(HEADERS.checkpointer()));
	}

	@Test
	void batchModeCheckpointsOnceAtTheLastUserRecordOfEachBatch() {
		MessageChannel channel = channel(KclCheckpoints.Mode.BATCH, null);

		processRecords(channel, plusPlain(aggregate(AGGREGATE, 3)));
		processRecords(channel, aggregate(NEXT_AGGREGATE, 2));

		assertThat(this.delivered).hasSize(6);
		assertThat(this.checkpoints).containsExactly(esn(PLAIN, 0), esn(NEXT_AGGREGATE, 1));
	}

	@Test
	void periodicModeCheckpointsAtMostOncePerIntervalAndWhatRemainsWhenTheApplicationStops() {
		KclCheckpoints modeCheckpoints = new KclCheckpoints("kcl-in-0", KclCheckpoints.Mode.PERIODIC, 5_000,
				this.clock::get);
		MessageChannel channel = channel(modeCheckpoints, null);

		processRecords(channel, aggregate(AGGREGATE, 3));
		assertThat(this.checkpoints).as("the first at once, as the adapter's").containsExactly(esn(AGGREGATE, 0));
		this.clock.addAndGet(5_001);
		processRecords(channel, aggregate(NEXT_AGGREGATE, 2));
		assertThat(this.checkpoints).containsExactly(esn(AGGREGATE, 0), esn(NEXT_AGGREGATE, 0));

		modeCheckpoints.stopping();

		assertThat(this.checkpoints).containsExactly(esn(AGGREGATE, 0), esn(NEXT_AGGREGATE, 0), esn(NEXT_AGGREGATE, 1));
	}

	@Test
	void whenTheApplicationStopsABatchHalfHandledIsCheckpointedAndEachUserRecordThenAtOnce() {
		KclCheckpoints modeCheckpoints = new KclCheckpoints("kcl-in-0", KclCheckpoints.Mode.BATCH, 5_000,
				this.clock::get);
		MessageChannel channel = channel(modeCheckpoints, null);
		List<KinesisClientRecord> batch = aggregate(AGGREGATE, 3);
		handOver(batch);

		channel.send(message(batch.get(0)));
		modeCheckpoints.stopping();
		channel.send(message(batch.get(1)));

		assertThat(this.checkpoints).containsExactly(esn(AGGREGATE, 0), esn(AGGREGATE, 1));
	}

	@Test
	void manualModeGivesEachMessageACheckpointerOfItsOwnUserRecord() throws Exception {
		MessageChannel channel = channel(KclCheckpoints.Mode.MANUAL, null);

		processRecords(channel, plusPlain(aggregate(AGGREGATE, 3)));
		assertThat(this.checkpoints).as("none but the application's").isEmpty();

		userCheckpointer(0).checkpoint();
		userCheckpointer(1).checkpoint(AGGREGATE);
		userCheckpointer(2).prepareCheckpoint().checkpoint();
		userCheckpointer(3).checkpoint(PLAIN, 0);

		assertThat(this.checkpoints).containsExactly(esn(AGGREGATE, 0), esn(AGGREGATE, 1), esn(AGGREGATE, 2),
				esn(PLAIN, 0));
	}

	@Test
	void aFailureNothingHandlesStopsTheShardAtTheLastUserRecordHandled() throws Exception {
		MessageChannel channel = channel(KclCheckpoints.Mode.BATCH, rethrowingErrors(), failingOn(1));

		processRecords(channel, plusPlain(aggregate(AGGREGATE, 3)));
		processRecords(channel, aggregate(NEXT_AGGREGATE, 2));
		// What the adapter does at a graceful shutdown or a lease hand-over.
		this.kcl.checkpoint();

		assertThat(this.delivered).extracting(KclUserRecordChannelTests::subSequenceNumber).containsExactly(0L);
		assertThat(this.errors).singleElement()
			.satisfies((error) -> assertThat(error.getHeaders()).containsEntry(HEADERS.rawRecord(),
					aggregate(AGGREGATE, 3).get(1)));
		assertThat(this.checkpoints).containsExactly(esn(AGGREGATE, 0));
	}

	@Test
	void afterAFailureNothingHandledManualCheckpointsGoNoFurtherThanTheLastUserRecordHandled() throws Exception {
		MessageChannel channel = channel(KclCheckpoints.Mode.MANUAL, rethrowingErrors(), failingOn(2));

		processRecords(channel, aggregate(AGGREGATE, 3));
		RecordProcessorCheckpointer second = userCheckpointer(1);

		assertThatIllegalArgumentException().isThrownBy(() -> second.checkpoint(AGGREGATE, 2));
		second.checkpoint();
		assertThat(this.checkpoints).containsExactly(esn(AGGREGATE, 1));
	}

	@Test
	void aShardGivenOutAgainAfterAFailureIsDeliveredAgain() {
		AtomicLong failures = new AtomicLong();
		MessageChannel channel = channel(KclCheckpoints.Mode.RECORD, rethrowingErrors(), (message) -> {
			if (failures.get() == 0) {
				failingOn(1).accept(message);
			}
		});
		processRecords(channel, aggregate(AGGREGATE, 3));
		failures.set(this.errors.size());

		// KCL gives the shard to a new record processor, which reads on from the
		// checkpoint.
		this.kcl = newRecordProcessor();
		this.kcl.setInitialCheckpointValue(esn(AGGREGATE, 0));
		this.kcl.largestPermittedCheckpointValue(esn(AGGREGATE, 0));
		processRecords(channel, aggregate(AGGREGATE, 3).subList(1, 3));

		assertThat(this.delivered).extracting(KclUserRecordChannelTests::subSequenceNumber).containsExactly(0L, 1L, 2L);
		assertThat(this.checkpoints).containsExactly(esn(AGGREGATE, 0), esn(AGGREGATE, 1), esn(AGGREGATE, 2));
	}

	@Test
	void aFailureAnErrorHandlerTakesCountsAsHandled() {
		MessageChannel channel = channel(KclCheckpoints.Mode.RECORD, handlingErrors(), failingOn(1));

		processRecords(channel, aggregate(AGGREGATE, 3));

		assertThat(this.errors).singleElement()
			.satisfies((error) -> assertThat(error.getOriginalMessage().getHeaders())
				.containsEntry(KplHeaders.SUB_SEQUENCE_NUMBER, 1L));
		assertThat(this.checkpoints).containsExactly(esn(AGGREGATE, 0), esn(AGGREGATE, 1), esn(AGGREGATE, 2));
	}

	@Test
	void aBatchGetsTheHeadersOnEachElementAndIsCheckpointedAtItsLastUserRecord() throws Exception {
		MessageChannel channel = channel(KclCheckpoints.Mode.MANUAL, null);
		List<KinesisClientRecord> batch = plusPlain(aggregate(AGGREGATE, 2));
		handOver(batch);

		channel.send(batchMessage(batch));
		Message<?> delivery = this.delivered.get(0);
		((RecordProcessorCheckpointer) delivery.getHeaders().get(HEADERS.checkpointer())).checkpoint();

		assertThat((List<?>) delivery.getPayload()).extracting((element) -> ((Message<?>) element).getHeaders())
			.extracting((headers) -> headers.get(KplHeaders.SEQUENCE_NUMBER),
					(headers) -> headers.get(KplHeaders.SUB_SEQUENCE_NUMBER))
			.containsExactly(tuple(AGGREGATE, 0L), tuple(AGGREGATE, 1L), tuple(PLAIN, 0L));
		assertThat(this.checkpoints).containsExactly(esn(PLAIN, 0));
	}

	@Test
	void aFailedBatchThatNothingHandlesStopsTheShardBeforeIt() {
		MessageChannel channel = channel(KclCheckpoints.Mode.BATCH, rethrowingErrors(), (message) -> {
			if (message.getPayload() instanceof List<?> batch && batch.size() == 2) {
				throw new IllegalStateException("the second batch fails");
			}
		});
		List<KinesisClientRecord> first = aggregate(AGGREGATE, 3);
		List<KinesisClientRecord> second = aggregate(NEXT_AGGREGATE, 2);
		handOver(first);
		channel.send(batchMessage(first));
		handOver(second);

		assertThatThrownBy(() -> channel.send(batchMessage(second))).isInstanceOf(MessagingException.class);
		handOver(plusPlain(List.of()));
		channel.send(batchMessage(plusPlain(List.of())));

		assertThat(this.delivered).hasSize(1);
		assertThat(this.checkpoints).containsExactly(esn(AGGREGATE, 2));
	}

	/** As the adapter processes a batch KCL hands over: one message per record. */
	private void processRecords(MessageChannel channel, List<KinesisClientRecord> records) {
		handOver(records);
		for (KinesisClientRecord record : records) {
			try {
				channel.send(message(record));
			}
			catch (MessagingException ex) {
				// The adapter logs it and goes on.
			}
		}
	}

	/** What KCL does before it hands a batch over. */
	private void handOver(List<KinesisClientRecord> records) {
		if (!records.isEmpty()) {
			KinesisClientRecord last = records.get(records.size() - 1);
			this.kcl.largestPermittedCheckpointValue(esn(last.sequenceNumber(), last.subSequenceNumber()));
		}
	}

	private Message<byte[]> message(KinesisClientRecord record) {
		return MessageBuilder.withPayload(bytes(record))
			.setHeader(HEADERS.receivedPartitionKey(), record.partitionKey())
			.setHeader(HEADERS.receivedSequenceNumber(), record.sequenceNumber())
			.setHeader(IntegrationMessageHeaderAccessor.SOURCE_DATA, record)
			.setHeader(HEADERS.receivedStream(), "stream")
			.setHeader(HEADERS.shard(), "shardId-000000000000")
			.setHeader(HEADERS.checkpointer(), this.kcl)
			.build();
	}

	/** As the adapter sends a batch with embedded headers: a list of messages. */
	private Message<List<Message<byte[]>>> batchMessage(List<KinesisClientRecord> records) {
		List<Message<byte[]>> elements = records.stream()
			.map((record) -> MessageBuilder.withPayload(bytes(record))
				.setHeader(IntegrationMessageHeaderAccessor.SOURCE_DATA, record)
				.build())
			.toList();
		return MessageBuilder.withPayload(elements)
			.setHeader(HEADERS.receivedStream(), "stream")
			.setHeader(HEADERS.shard(), "shardId-000000000000")
			.setHeader(HEADERS.checkpointer(), this.kcl)
			.build();
	}

	private RecordProcessorCheckpointer userCheckpointer(int delivery) {
		return (RecordProcessorCheckpointer) this.delivered.get(delivery).getHeaders().get(HEADERS.checkpointer());
	}

	private MessageChannel channel(KclCheckpoints.Mode mode, @Nullable MessageChannel errorChannel) {
		return channel(mode, errorChannel, (message) -> {
		});
	}

	private MessageChannel channel(KclCheckpoints.Mode mode, @Nullable MessageChannel errorChannel,
			Consumer<Message<?>> function) {
		return channel(new KclCheckpoints("kcl-in-0", mode, 5_000, this.clock::get), errorChannel, function);
	}

	private MessageChannel channel(KclCheckpoints modeCheckpoints, @Nullable MessageChannel errorChannel) {
		return channel(modeCheckpoints, errorChannel, (message) -> {
		});
	}

	private MessageChannel channel(KclCheckpoints modeCheckpoints, @Nullable MessageChannel errorChannel,
			Consumer<Message<?>> function) {
		PublishSubscribeChannel bindingChannel = new PublishSubscribeChannel();
		bindingChannel.subscribe((message) -> {
			function.accept(message);
			this.delivered.add(message);
		});
		return new KclUserRecordChannel(bindingChannel, errorChannel, modeCheckpoints, TestedBinderLine.LINE);
	}

	private static Consumer<Message<?>> failingOn(long subSequenceNumber) {
		return (message) -> {
			if (Long.valueOf(subSequenceNumber).equals(message.getHeaders().get(KplHeaders.SUB_SEQUENCE_NUMBER))) {
				throw new IllegalStateException("user record " + subSequenceNumber + " fails");
			}
		};
	}

	/** The binder's default: the error channel's handler rethrows. */
	private MessageChannel rethrowingErrors() {
		PublishSubscribeChannel errorChannel = new PublishSubscribeChannel();
		errorChannel.subscribe((message) -> {
			this.errors.add((ErrorMessage) message);
			throw (MessagingException) message.getPayload();
		});
		return errorChannel;
	}

	private MessageChannel handlingErrors() {
		PublishSubscribeChannel errorChannel = new PublishSubscribeChannel();
		errorChannel.subscribe((message) -> this.errors.add((ErrorMessage) message));
		return errorChannel;
	}

	/**
	 * KCL's checkpointer of a new record processor, on a checkpoint store that notes each
	 * checkpoint.
	 */
	private ShardRecordProcessorCheckpointer newRecordProcessor() {
		Checkpointer store = (Checkpointer) Proxy.newProxyInstance(Checkpointer.class.getClassLoader(),
				new Class<?>[] { Checkpointer.class }, (proxy, method, arguments) -> {
					switch (method.getName()) {
						case "setCheckpoint" -> this.checkpoints.add((ExtendedSequenceNumber) arguments[1]);
						case "prepareCheckpoint" -> {
						}
						default -> throw new UnsupportedOperationException(method.getName());
					}
					return null;
				});
		ShardRecordProcessorCheckpointer checkpointer = new ShardRecordProcessorCheckpointer(
				new ShardInfo("shardId-000000000000", "token", List.of(), ExtendedSequenceNumber.TRIM_HORIZON), store);
		checkpointer.setInitialCheckpointValue(ExtendedSequenceNumber.TRIM_HORIZON);
		checkpointer.largestPermittedCheckpointValue(ExtendedSequenceNumber.TRIM_HORIZON);
		return checkpointer;
	}

	/** The user records KCL makes of an aggregate. */
	private static List<KinesisClientRecord> aggregate(String sequenceNumber, int userRecords) {
		List<KinesisClientRecord> records = new ArrayList<>();
		for (int i = 0; i < userRecords; i++) {
			records.add(record(sequenceNumber, i, true));
		}
		return records;
	}

	private static List<KinesisClientRecord> plusPlain(List<KinesisClientRecord> records) {
		List<KinesisClientRecord> withPlain = new ArrayList<>(records);
		withPlain.add(record(PLAIN, 0, false));
		return withPlain;
	}

	private static KinesisClientRecord record(String sequenceNumber, long subSequenceNumber, boolean aggregated) {
		return KinesisClientRecord.builder()
			.sequenceNumber(sequenceNumber)
			.subSequenceNumber(subSequenceNumber)
			.aggregated(aggregated)
			.partitionKey("k" + subSequenceNumber)
			.data(ByteBuffer.wrap(("user record " + subSequenceNumber).getBytes(StandardCharsets.UTF_8)))
			.build();
	}

	private static byte[] bytes(KinesisClientRecord record) {
		byte[] bytes = new byte[record.data().remaining()];
		record.data().duplicate().get(bytes);
		return bytes;
	}

	private static @Nullable Object subSequenceNumber(Message<?> message) {
		return message.getHeaders().get(KplHeaders.SUB_SEQUENCE_NUMBER);
	}

	private static ExtendedSequenceNumber esn(String sequenceNumber, long subSequenceNumber) {
		return new ExtendedSequenceNumber(sequenceNumber, subSequenceNumber);
	}

}
