package io.github.kpldeagg.autoconfigure;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.github.kpldeagg.core.Aggregator;
import io.github.kpldeagg.core.CorruptAggregateException;
import io.github.kpldeagg.core.CorruptAggregatePolicy;
import io.github.kpldeagg.core.DeaggregationListener;
import io.github.kpldeagg.core.KinesisRecord;
import io.github.kpldeagg.core.KplHeaders;
import io.github.kpldeagg.core.UserRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;

import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.channel.PublishSubscribeChannel;
import org.springframework.integration.metadata.ConcurrentMetadataStore;
import org.springframework.integration.metadata.SimpleMetadataStore;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.integration.support.json.EmbeddedJsonHeadersMessageMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.ErrorMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fan-out driven as the binder's adapter drives it, without a network. */
@TestedBinderLine.Required
class DeaggregatingChannelTests {

	private static final String SEQUENCE_NUMBER = "49590338271490256608559692538361571095921575989136588898";

	private static final String EXPLICIT_HASH_KEY = "170141183460469231731687303715884105728";

	private static final String CHECKPOINT_KEY = "group:stream:shardId-000000000000";

	private static final String POSITION_KEY = CHECKPOINT_KEY + ShardPosition.KEY_SUFFIX;

	private static final BinderHeaders HEADERS = TestedBinderLine.LINE.headers();

	private final List<Message<?>> delivered = new ArrayList<>();

	private final List<ErrorMessage> errors = new ArrayList<>();

	private final SimpleMetadataStore store = new SimpleMetadataStore();

	private final AtomicLong skipped = new AtomicLong();

	private final ShardPositions positions = new ShardPositions(this.store, null, this.skipped::addAndGet);

	@Test
	void sendsEachUserRecordInOrderWithItsHeadersOnTheBindersHeaders() {
		Record aggregate = aggregate(List.of("k0", "k1", "k2"), List.of("zero", "one", ""), EXPLICIT_HASH_KEY);
		MessageChannel channel = channel(consumingAll(), null, CorruptAggregatePolicy.PASS_THROUGH);

		assertThat(channel.send(carrier(aggregate))).isTrue();

		assertThat(this.delivered)
			.extracting((message) -> new String((byte[]) message.getPayload(), StandardCharsets.UTF_8))
			.containsExactly("zero", "one", "");
		for (int i = 0; i < 3; i++) {
			Message<?> message = this.delivered.get(i);
			assertThat(message.getHeaders()).containsEntry(HEADERS.receivedPartitionKey(), "k" + i)
				.containsEntry(KplHeaders.PARTITION_KEY, "k" + i)
				.containsEntry(KplHeaders.SEQUENCE_NUMBER, SEQUENCE_NUMBER)
				.containsEntry(KplHeaders.SUB_SEQUENCE_NUMBER, (long) i)
				.containsEntry(KplHeaders.AGGREGATED, true)
				.containsEntry(HEADERS.receivedSequenceNumber(), SEQUENCE_NUMBER)
				.containsEntry(HEADERS.receivedStream(), "stream")
				.containsEntry(HEADERS.shard(), "shardId-000000000000")
				.containsEntry(IntegrationMessageHeaderAccessor.SOURCE_DATA, aggregate);
		}
		assertThat(this.delivered.get(0).getHeaders()).containsEntry(KplHeaders.EXPLICIT_HASH_KEY, EXPLICIT_HASH_KEY);
		assertThat(this.delivered.get(1).getHeaders()).doesNotContainKey(KplHeaders.EXPLICIT_HASH_KEY);
	}

	@Test
	void sendsAPlainRecordAsOneUserRecord() {
		Record plain = record("plain".getBytes(StandardCharsets.UTF_8), "pk");
		channel(consumingAll(), null, CorruptAggregatePolicy.PASS_THROUGH).send(carrier(plain));

		assertThat(this.delivered).singleElement().satisfies((message) -> {
			assertThat(message.getPayload()).isEqualTo("plain".getBytes(StandardCharsets.UTF_8));
			assertThat(message.getHeaders()).containsEntry(KplHeaders.PARTITION_KEY, "pk")
				.containsEntry(KplHeaders.SUB_SEQUENCE_NUMBER, 0L)
				.containsEntry(KplHeaders.AGGREGATED, false)
				.doesNotContainKey(KplHeaders.EXPLICIT_HASH_KEY);
		});
	}

	@Test
	void anUnhandledFailureStopsTheAggregateAndReachesTheAdapter() {
		Record aggregate = aggregate(List.of("k0", "k1", "k2"), List.of("a", "b", "c"), null);
		PublishSubscribeChannel rethrowing = new PublishSubscribeChannel();
		rethrowing.subscribe((message) -> {
			this.errors.add((ErrorMessage) message);
			throw (MessagingException) message.getPayload();
		});
		MessageChannel channel = channel(failingOn("k1"), rethrowing, CorruptAggregatePolicy.PASS_THROUGH);

		assertThatThrownBy(() -> channel.send(carrier(aggregate))).isInstanceOf(MessagingException.class)
			.hasRootCauseMessage("user record k1 failed");
		assertThat(this.delivered).extracting((message) -> message.getHeaders().get(KplHeaders.PARTITION_KEY))
			.containsExactly("k0");
		assertThat(this.errors).hasSize(1);
	}

	@Test
	void aHandledFailureLetsTheRestOfTheAggregateThrough() {
		Record aggregate = aggregate(List.of("k0", "k1", "k2"), List.of("a", "b", "c"), null);
		assertThat(channel(failingOn("k1"), handlingErrors(), CorruptAggregatePolicy.PASS_THROUGH)
			.send(carrier(aggregate))).isTrue();

		assertThat(this.delivered).extracting((message) -> message.getHeaders().get(KplHeaders.PARTITION_KEY))
			.containsExactly("k0", "k2");
		assertThat(this.errors).singleElement().satisfies((error) -> {
			assertThat(error.getOriginalMessage().getHeaders()).containsEntry(KplHeaders.PARTITION_KEY, "k1");
			assertThat(error.getHeaders()).containsEntry(HEADERS.rawRecord(), aggregate);
		});
	}

	@Test
	void aBindingChannelThatDoesNotAcceptIsAFailure() {
		Record plain = record("x".getBytes(StandardCharsets.UTF_8), "pk");
		MessageChannel refusing = (message, timeout) -> false;
		ShardDeaggregators deaggregators = deaggregators(CorruptAggregatePolicy.PASS_THROUGH);

		assertThatThrownBy(() -> new DeaggregatingChannel(refusing, null, deaggregators, this.positions,
				new UserRecordMessages(HEADERS, null), TestedBinderLine.LINE)
			.send(carrier(plain))).isInstanceOf(MessageDeliveryException.class);
	}

	@Test
	void aCorruptAggregateFollowsThePolicy() {
		Record corrupt = corrupt(aggregate(List.of("k0", "k1"), List.of("a", "b"), null));

		channel(consumingAll(), null, CorruptAggregatePolicy.PASS_THROUGH).send(carrier(corrupt));
		assertThat(this.delivered).singleElement().satisfies((message) -> {
			assertThat(message.getPayload()).isEqualTo(corrupt.data().asByteArray());
			assertThat(message.getHeaders()).containsEntry(KplHeaders.AGGREGATED, false);
		});

		this.delivered.clear();
		channel(consumingAll(), null, CorruptAggregatePolicy.SKIP).send(carrier(corrupt));
		assertThat(this.delivered).isEmpty();

		channel(consumingAll(), handlingErrors(), CorruptAggregatePolicy.FAIL).send(carrier(corrupt));
		assertThat(this.delivered).isEmpty();
		assertThat(this.errors).singleElement()
			.satisfies((error) -> assertThat(error.getPayload()).hasCauseInstanceOf(CorruptAggregateException.class));
	}

	@Test
	void aRecordWhoseShardRangeCannotBeLookedUpGoesWholeToTheErrorChannel() {
		Record aggregate = aggregate(List.of("k0", "k1"), List.of("a", "b"), null);
		ShardDeaggregators filtering = new ShardDeaggregators(
				new BindingSettings("in-0", true, CorruptAggregatePolicy.PASS_THROUGH, true, null),
				DeaggregationListener.NONE, new ShardHashKeyRanges(ListShardsOnlyKinesis.failing()));
		DeaggregatingChannel channel = new DeaggregatingChannel(consumingAll(), handlingErrors(), filtering,
				this.positions, new UserRecordMessages(HEADERS, null), TestedBinderLine.LINE);

		assertThat(channel.send(carrier(aggregate))).isTrue();

		assertThat(this.delivered).isEmpty();
		assertThat(this.errors).singleElement().satisfies((error) -> {
			assertThat(error.getPayload()).hasRootCauseInstanceOf(LimitExceededException.class);
			assertThat(error.getHeaders()).containsEntry(HEADERS.rawRecord(), aggregate);
		});
	}

	@Test
	void aBatchThatCannotBeDeaggregatedGoesWholeToTheErrorChannel() {
		List<String> converted = List.of("not bytes");
		Message<?> batch = batch(converted).setHeader(HEADERS.receivedPartitionKey(), List.of("k0"))
			.setHeader(HEADERS.receivedSequenceNumber(), List.of("1"))
			.build();

		assertThat(channel(consumingAll(), handlingErrors(), CorruptAggregatePolicy.PASS_THROUGH).send(batch)).isTrue();

		assertThat(this.delivered).isEmpty();
		assertThat(this.errors).singleElement().satisfies((error) -> {
			assertThat(error.getPayload())
				.hasRootCauseMessage("Cannot deaggregate a batch element of type " + String.class.getName());
			assertThat(error.getHeaders()).containsEntry(HEADERS.rawRecord(), converted);
		});
	}

	@Test
	void aCheckpointInsideAnAggregateSavesTheUserRecordsPositionAndOnlyTheLastCommitsTheAggregate() {
		Record aggregate = aggregate(List.of("k0", "k1", "k2"), List.of("a", "b", "c"), null);
		TestCheckpointer.Recording binders = new TestCheckpointer.Recording();
		DirectChannel checkpointing = new DirectChannel();
		List<Boolean> results = new ArrayList<>();
		List<@Nullable String> saved = new ArrayList<>();
		checkpointing.subscribe((message) -> {
			TestCheckpointer checkpointer = BinderLineObjects
				.testCheckpointer(message.getHeaders().get(HEADERS.checkpointer()));
			results.add(checkpointer.checkpoint());
			saved.add(this.store.get(POSITION_KEY));
			results.add(checkpointer.checkpoint(SEQUENCE_NUMBER));
			results.add(checkpointer.checkpoint(after(SEQUENCE_NUMBER)));
		});
		Message<?> carrier = MessageBuilder.fromMessage(carrier(aggregate))
			.setHeader(HEADERS.checkpointer(), BinderLineObjects.binderCheckpointer(binders))
			.build();
		startConsumer();

		channel(checkpointing, null, CorruptAggregatePolicy.PASS_THROUGH).send(carrier);

		assertThat(results).containsExactly(true, true, false, true, true, false, true, true, true);
		assertThat(saved).containsExactly(SEQUENCE_NUMBER + "/0", SEQUENCE_NUMBER + "/1", SEQUENCE_NUMBER + "/1");
		assertThat(binders.committed()).containsExactly("highest", SEQUENCE_NUMBER, after(SEQUENCE_NUMBER));
	}

	@Test
	void checkpointsOfEarlierRecordsGoToTheBinderInsideAnAggregate() {
		Record aggregate = aggregate(List.of("k0", "k1"), List.of("a", "b"), null);
		TestCheckpointer.Recording binders = new TestCheckpointer.Recording();
		DirectChannel checkpointing = new DirectChannel();
		String previous = new BigInteger(SEQUENCE_NUMBER).subtract(BigInteger.ONE).toString();
		// Fewer digits, greater as text: sequence numbers compare as numbers.
		String muchEarlier = "9";
		checkpointing.subscribe((message) -> {
			if (Long.valueOf(0).equals(message.getHeaders().get(KplHeaders.SUB_SEQUENCE_NUMBER))) {
				TestCheckpointer checkpointer = BinderLineObjects
					.testCheckpointer(message.getHeaders().get(HEADERS.checkpointer()));
				assertThat(checkpointer.checkpoint(previous)).isTrue();
				assertThat(checkpointer.checkpoint(muchEarlier)).isTrue();
			}
		});

		channel(checkpointing, null, CorruptAggregatePolicy.PASS_THROUGH)
			.send(MessageBuilder.fromMessage(carrier(aggregate))
				.setHeader(HEADERS.checkpointer(), BinderLineObjects.binderCheckpointer(binders))
				.build());

		assertThat(binders.committed()).containsExactly(previous, muchEarlier);
	}

	@Test
	void whatTheAdapterSendsAgainAfterAFailureStartsAtTheFailedUserRecord() {
		Record aggregate = aggregate(List.of("k0", "k1", "k2"), List.of("a", "b", "c"), null);
		Record plain = record("p".getBytes(StandardCharsets.UTF_8), "pk", after(SEQUENCE_NUMBER));
		DeaggregatingChannel channel = channel(failingOnceOn("k1"), null, CorruptAggregatePolicy.PASS_THROUGH);

		assertThatThrownBy(() -> channel.send(carrier(aggregate))).hasRootCauseMessage("user record k1 failed");
		channel.send(carrier(aggregate));
		channel.send(carrier(plain));
		// The adapter rewinds to its last checkpoint, before all of them.
		channel.send(carrier(aggregate));
		channel.send(carrier(plain));

		assertThat(this.delivered).extracting((message) -> message.getHeaders().get(KplHeaders.PARTITION_KEY))
			.containsExactly("k0", "k1", "k2", "pk");
		assertThat(this.skipped).hasValue(1 + 3 + 1);
	}

	@Test
	void aUserRecordThatKeepsFailingIsTheOnlyOneHandedOutAgain() {
		Record aggregate = aggregate(List.of("k0", "k1", "k2"), List.of("a", "b", "c"), null);
		List<Object> attempts = new ArrayList<>();
		DirectChannel alwaysFailingOnK1 = new DirectChannel();
		alwaysFailingOnK1.subscribe((message) -> {
			attempts.add(message.getHeaders().get(KplHeaders.PARTITION_KEY));
			if ("k1".equals(message.getHeaders().get(KplHeaders.PARTITION_KEY))) {
				throw new IllegalStateException("k1 always fails");
			}
		});
		DeaggregatingChannel channel = channel(alwaysFailingOnK1, null, CorruptAggregatePolicy.PASS_THROUGH);
		for (int rewind = 0; rewind < 5; rewind++) {
			assertThatThrownBy(() -> channel.send(carrier(aggregate))).isInstanceOf(MessagingException.class);
		}

		assertThat(attempts).containsExactly("k0", "k1", "k1", "k1", "k1", "k1");
		assertThat(this.skipped).hasValue(4);
	}

	@Test
	void aRecordWhoseFailureAnErrorHandlerTookIsNotHandedOutAgain() {
		Record corrupt = corrupt(aggregate(List.of("k0", "k1"), List.of("a", "b"), null));
		DeaggregatingChannel channel = channel(consumingAll(), handlingErrors(), CorruptAggregatePolicy.FAIL);

		channel.send(carrier(corrupt));
		channel.send(carrier(corrupt));

		assertThat(this.errors).hasSize(1);
	}

	@Test
	void theNextOwnerOfTheShardSkipsWhatAPositionSavedInsideAnAggregateCovers() {
		Record aggregate = aggregate(List.of("k0", "k1", "k2"), List.of("a", "b", "c"), null);
		DirectChannel checkpointingK1 = new DirectChannel();
		checkpointingK1.subscribe((message) -> {
			this.delivered.add(message);
			if ("k1".equals(message.getHeaders().get(KplHeaders.PARTITION_KEY))) {
				BinderLineObjects.testCheckpointer(message.getHeaders().get(HEADERS.checkpointer())).checkpoint();
				throw new IllegalStateException("crash after the checkpoint of k1");
			}
		});
		startConsumer();
		Message<?> carrier = MessageBuilder.fromMessage(carrier(aggregate))
			.setHeader(HEADERS.checkpointer(), BinderLineObjects.binderCheckpointer(new TestCheckpointer.Recording()))
			.build();
		assertThatThrownBy(() -> channel(checkpointingK1, null, CorruptAggregatePolicy.PASS_THROUGH).send(carrier))
			.isInstanceOf(MessagingException.class);
		this.delivered.clear();

		ShardPositions nextOwner = new ShardPositions(this.store, null, this.skipped::addAndGet);
		nextOwner.following(this.store).get(CHECKPOINT_KEY);
		new DeaggregatingChannel(consumingAll(), null, deaggregators(CorruptAggregatePolicy.PASS_THROUGH), nextOwner,
				new UserRecordMessages(HEADERS, null), TestedBinderLine.LINE)
			.send(carrier(aggregate));

		assertThat(this.delivered).extracting((message) -> message.getHeaders().get(KplHeaders.PARTITION_KEY))
			.containsExactly("k2");
	}

	@Test
	void aSavedPositionIsRemovedOnceTheBindersCheckpointPassesItAndIgnoredWhenItDid() {
		Record aggregate = aggregate(List.of("k0", "k1", "k2"), List.of("a", "b", "c"), null);
		ShardPositions intervals = new ShardPositions(this.store, Duration.ofNanos(1), this.skipped::addAndGet);
		ConcurrentMetadataStore following = intervals.following(this.store);
		following.get(CHECKPOINT_KEY);
		new DeaggregatingChannel(consumingAll(), null, deaggregators(CorruptAggregatePolicy.PASS_THROUGH), intervals,
				new UserRecordMessages(HEADERS, null), TestedBinderLine.LINE)
			.send(carrier(aggregate));
		assertThat(this.store.get(POSITION_KEY)).isEqualTo(SEQUENCE_NUMBER + "/2");

		following.putIfAbsent(CHECKPOINT_KEY, SEQUENCE_NUMBER);
		assertThat(this.store.get(POSITION_KEY)).isNull();

		this.store.put(POSITION_KEY, SEQUENCE_NUMBER + "/1");
		ShardPositions nextOwner = new ShardPositions(this.store, null, this.skipped::addAndGet);
		nextOwner.following(this.store).get(CHECKPOINT_KEY);
		nextOwner.of("stream", "shardId-000000000000").resume();
		assertThat(this.store.get(POSITION_KEY)).isNull();
		assertThat(nextOwner.of("stream", "shardId-000000000000").handledThrough(SEQUENCE_NUMBER))
			.isEqualTo(ShardPosition.NONE);
	}

	@Test
	void aShardReadFromTheStartAgainIsHandedOutAgain() {
		Record aggregate = aggregate(List.of("k0", "k1"), List.of("a", "b"), null);
		DeaggregatingChannel channel = channel(consumingAll(), null, CorruptAggregatePolicy.PASS_THROUGH);
		channel.send(carrier(aggregate));

		this.positions.following(this.store).remove(CHECKPOINT_KEY);
		channel.send(carrier(aggregate));

		assertThat(this.delivered).hasSize(4);
	}

	@Test
	void aBatchSentAgainLeavesOutWhatWasHandledAndIsNotSentWhenNothingIsLeft() {
		Record aggregate = aggregate(List.of("k0", "k1"), List.of("a", "b"), null);
		Record plain = record("c".getBytes(StandardCharsets.UTF_8), "k2", after(SEQUENCE_NUMBER));
		DeaggregatingChannel channel = channel(consumingAll(), null, CorruptAggregatePolicy.PASS_THROUGH);

		channel.send(batch(List.of(aggregate)).build());
		channel.send(batch(List.of(aggregate)).build());
		channel.send(batch(List.of(aggregate, plain)).build());

		assertThat(this.delivered)
			.extracting((message) -> ((List<?>) message.getPayload()).stream()
				.map((userRecord) -> ((UserRecord) userRecord).partitionKey())
				.toList())
			.containsExactly(List.of("k0", "k1"), List.of("k2"));
		assertThat(this.skipped).hasValue(4);
	}

	/**
	 * The binders of both lines embed headers with this mapper, deprecated in Spring
	 * Integration 7.
	 */
	@Test
	@SuppressWarnings("removal")
	void decodesTheEmbeddedHeadersOfEachUserRecord() {
		EmbeddedJsonHeadersMessageMapper mapper = new EmbeddedJsonHeadersMessageMapper("custom");
		byte[] first = mapper.fromMessage(
				MessageBuilder.withPayload("one".getBytes(StandardCharsets.UTF_8)).setHeader("custom", "x1").build());
		byte[] second = mapper.fromMessage(
				MessageBuilder.withPayload("two".getBytes(StandardCharsets.UTF_8)).setHeader("custom", "x2").build());
		Record aggregate = aggregateOf(List.of("k0", "k1"), List.of(first, second), null);

		new DeaggregatingChannel(consumingAll(), null, deaggregators(CorruptAggregatePolicy.PASS_THROUGH),
				this.positions, new UserRecordMessages(HEADERS, mapper), TestedBinderLine.LINE)
			.send(carrier(aggregate));

		assertThat(this.delivered)
			.extracting((message) -> new String((byte[]) message.getPayload(), StandardCharsets.UTF_8))
			.containsExactly("one", "two");
		assertThat(this.delivered).extracting((message) -> message.getHeaders().get("custom"))
			.containsExactly("x1", "x2");
	}

	@Test
	void aBatchOfRecordMessagesBecomesABatchOfUserRecordMessages() {
		Record aggregate = aggregate(List.of("k0", "k1"), List.of("a", "b"), null);
		Record plain = record("c".getBytes(StandardCharsets.UTF_8), "k2");
		Message<?> batch = batch(List.of(carrier(aggregate), carrier(plain))).build();

		channel(consumingAll(), null, CorruptAggregatePolicy.PASS_THROUGH).send(batch);

		assertThat(this.delivered).singleElement()
			.satisfies((message) -> assertThat((List<?>) message.getPayload())
				.extracting((element) -> ((Message<?>) element).getHeaders().get(KplHeaders.PARTITION_KEY))
				.containsExactly("k0", "k1", "k2"));
	}

	@Test
	void aBatchOfPayloadsGetsParallelHeaderListsPerUserRecord() {
		Record aggregate = aggregate(List.of("k0", "k1"), List.of("a", "b"), null);
		Message<?> batch = batch(List.of(aggregate.data().asByteArray(), "c".getBytes()))
			.setHeader(HEADERS.receivedPartitionKey(), List.of("a", "k2"))
			.setHeader(HEADERS.receivedSequenceNumber(), List.of("1", "2"))
			.build();

		channel(consumingAll(), null, CorruptAggregatePolicy.PASS_THROUGH).send(batch);

		assertThat(this.delivered).singleElement().satisfies((message) -> {
			assertThat((List<?>) message.getPayload()).extracting((payload) -> new String((byte[]) payload))
				.containsExactly("a", "b", "c");
			assertThat(message.getHeaders()).containsEntry(HEADERS.receivedPartitionKey(), List.of("k0", "k1", "k2"))
				.containsEntry(HEADERS.receivedSequenceNumber(), List.of("1", "1", "2"))
				.containsEntry(KplHeaders.SUB_SEQUENCE_NUMBER, List.of(0L, 1L, 0L))
				.containsEntry(KplHeaders.AGGREGATED, List.of(true, true, false));
			assertThat(message.getHeaders().get(KplHeaders.USER_RECORDS, UserRecordBatch.class).userRecords())
				.extracting(UserRecord::partitionKey)
				.containsExactly("k0", "k1", "k2");
		});
	}

	@Test
	void aBatchOfSdkRecordsBecomesABatchOfUserRecords() {
		Record aggregate = aggregate(List.of("k0", "k1"), List.of("a", "b"), null);
		channel(consumingAll(), null, CorruptAggregatePolicy.PASS_THROUGH).send(batch(List.of(aggregate)).build());

		assertThat(this.delivered).singleElement().satisfies((message) -> {
			assertThat((List<?>) message.getPayload())
				.extracting((userRecord) -> ((UserRecord) userRecord).partitionKey())
				.containsExactly("k0", "k1");
			assertThat(message.getHeaders().keySet()).noneMatch((header) -> header.startsWith("kpl_"));
		});
	}

	private DeaggregatingChannel channel(MessageChannel bindingChannel, @Nullable MessageChannel errorChannel,
			CorruptAggregatePolicy policy) {
		return new DeaggregatingChannel(bindingChannel, errorChannel, deaggregators(policy), this.positions,
				new UserRecordMessages(HEADERS, null), TestedBinderLine.LINE);
	}

	private static ShardDeaggregators deaggregators(CorruptAggregatePolicy policy) {
		return new ShardDeaggregators(new BindingSettings("in-0", true, policy, false, null),
				DeaggregationListener.NONE, null);
	}

	/** What the adapter does when a shard's consumer starts: it reads its checkpoint. */
	private void startConsumer() {
		this.positions.following(this.store).get(CHECKPOINT_KEY);
	}

	private DirectChannel consumingAll() {
		DirectChannel channel = new DirectChannel();
		channel.subscribe(this.delivered::add);
		return channel;
	}

	private PublishSubscribeChannel handlingErrors() {
		PublishSubscribeChannel channel = new PublishSubscribeChannel();
		channel.subscribe((message) -> this.errors.add((ErrorMessage) message));
		return channel;
	}

	private DirectChannel failingOn(String partitionKey) {
		DirectChannel channel = new DirectChannel();
		channel.subscribe((message) -> {
			if (partitionKey.equals(message.getHeaders().get(KplHeaders.PARTITION_KEY))) {
				throw new IllegalStateException("user record " + partitionKey + " failed");
			}
			this.delivered.add(message);
		});
		return channel;
	}

	private DirectChannel failingOnceOn(String partitionKey) {
		DirectChannel channel = new DirectChannel();
		Set<String> failed = new HashSet<>();
		channel.subscribe((message) -> {
			if (partitionKey.equals(message.getHeaders().get(KplHeaders.PARTITION_KEY)) && failed.add(partitionKey)) {
				throw new IllegalStateException("user record " + partitionKey + " failed");
			}
			this.delivered.add(message);
		});
		return channel;
	}

	/** The message the binder's adapter sends for a batch in batch mode. */
	private static MessageBuilder<?> batch(List<?> payload) {
		return MessageBuilder.withPayload(payload)
			.setHeader(HEADERS.receivedStream(), "stream")
			.setHeader(HEADERS.shard(), "shardId-000000000000");
	}

	private static String after(String sequenceNumber) {
		return new BigInteger(sequenceNumber).add(BigInteger.ONE).toString();
	}

	/** The message the binder's adapter sends for one Kinesis record in record mode. */
	private static Message<?> carrier(Record record) {
		return MessageBuilder.withPayload(record.data().asByteArray())
			.setHeader(HEADERS.receivedPartitionKey(), record.partitionKey())
			.setHeader(HEADERS.receivedSequenceNumber(), record.sequenceNumber())
			.setHeader(IntegrationMessageHeaderAccessor.SOURCE_DATA, record)
			.setHeader(HEADERS.receivedStream(), "stream")
			.setHeader(HEADERS.shard(), "shardId-000000000000")
			.build();
	}

	private static Record aggregate(List<String> partitionKeys, List<String> data,
			@Nullable String firstExplicitHashKey) {
		return aggregateOf(partitionKeys, data.stream().map((value) -> value.getBytes(StandardCharsets.UTF_8)).toList(),
				firstExplicitHashKey);
	}

	private static Record aggregateOf(List<String> partitionKeys, List<byte[]> data,
			@Nullable String firstExplicitHashKey) {
		Aggregator aggregator = Aggregator.create();
		for (int i = 0; i < data.size(); i++) {
			assertThat(aggregator.add(partitionKeys.get(i), (i == 0) ? firstExplicitHashKey : null, data.get(i)))
				.isEmpty();
		}
		KinesisRecord kinesisRecord = aggregator.flush().orElseThrow();
		assertThat(kinesisRecord.aggregated()).isTrue();
		return record(kinesisRecord.data(), kinesisRecord.partitionKey());
	}

	private static Record corrupt(Record aggregate) {
		byte[] data = aggregate.data().asByteArray();
		data[data.length - 1] ^= 1;
		return record(data, aggregate.partitionKey());
	}

	private static Record record(byte[] data, String partitionKey) {
		return record(data, partitionKey, SEQUENCE_NUMBER);
	}

	private static Record record(byte[] data, String partitionKey, String sequenceNumber) {
		return Record.builder()
			.data(SdkBytes.fromByteArray(Arrays.copyOf(data, data.length)))
			.partitionKey(partitionKey)
			.sequenceNumber(sequenceNumber)
			.build();
	}

}
