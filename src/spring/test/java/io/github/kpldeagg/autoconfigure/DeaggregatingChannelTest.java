package io.github.kpldeagg.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.kpldeagg.core.Aggregator;
import io.github.kpldeagg.core.CorruptAggregateException;
import io.github.kpldeagg.core.CorruptAggregatePolicy;
import io.github.kpldeagg.core.DeaggregationListener;
import io.github.kpldeagg.core.KinesisRecord;
import io.github.kpldeagg.core.UserRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.channel.PublishSubscribeChannel;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.integration.support.json.EmbeddedJsonHeadersMessageMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.ErrorMessage;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;

/** The fan-out driven as the binder's adapter drives it, without a network. */
class DeaggregatingChannelTest {

	private static final String SEQUENCE_NUMBER = "49590338271490256608559692538361571095921575989136588898";

	private static final String EXPLICIT_HASH_KEY = "170141183460469231731687303715884105728";

	private static final BinderHeaders HEADERS = BinderLine.GENERATION.headers();

	private final List<Message<?>> delivered = new ArrayList<>();

	private final List<ErrorMessage> errors = new ArrayList<>();

	@Test
	void sendsEachUserRecordInOrderWithItsHeadersOnTheBindersHeaders() {
		Record aggregate = aggregate(List.of("k0", "k1", "k2"), List.of("zero", "one", ""), EXPLICIT_HASH_KEY);
		MessageChannel channel = channel(consumingAll(), null, CorruptAggregatePolicy.PASS_THROUGH);

		assertThat(channel.send(carrier(aggregate))).isTrue();

		assertThat(delivered).extracting(message -> new String((byte[]) message.getPayload(), StandardCharsets.UTF_8))
			.containsExactly("zero", "one", "");
		for (int i = 0; i < 3; i++) {
			Message<?> message = delivered.get(i);
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
		assertThat(delivered.get(0).getHeaders()).containsEntry(KplHeaders.EXPLICIT_HASH_KEY, EXPLICIT_HASH_KEY);
		assertThat(delivered.get(1).getHeaders()).doesNotContainKey(KplHeaders.EXPLICIT_HASH_KEY);
	}

	@Test
	void sendsAPlainRecordAsOneUserRecord() {
		Record plain = record("plain".getBytes(StandardCharsets.UTF_8), "pk");
		channel(consumingAll(), null, CorruptAggregatePolicy.PASS_THROUGH).send(carrier(plain));

		assertThat(delivered).singleElement().satisfies(message -> {
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
		rethrowing.subscribe(message -> {
			errors.add((ErrorMessage) message);
			throw (MessagingException) message.getPayload();
		});
		MessageChannel channel = channel(failingOn("k1"), rethrowing, CorruptAggregatePolicy.PASS_THROUGH);

		assertThatThrownBy(() -> channel.send(carrier(aggregate))).isInstanceOf(MessagingException.class)
			.hasRootCauseMessage("user record k1 failed");
		assertThat(delivered).extracting(message -> message.getHeaders().get(KplHeaders.PARTITION_KEY))
			.containsExactly("k0");
		assertThat(errors).hasSize(1);
	}

	@Test
	void aHandledFailureLetsTheRestOfTheAggregateThrough() {
		Record aggregate = aggregate(List.of("k0", "k1", "k2"), List.of("a", "b", "c"), null);
		assertThat(channel(failingOn("k1"), handlingErrors(), CorruptAggregatePolicy.PASS_THROUGH)
			.send(carrier(aggregate))).isTrue();

		assertThat(delivered).extracting(message -> message.getHeaders().get(KplHeaders.PARTITION_KEY))
			.containsExactly("k0", "k2");
		assertThat(errors).singleElement().satisfies(error -> {
			assertThat(error.getOriginalMessage().getHeaders()).containsEntry(KplHeaders.PARTITION_KEY, "k1");
			assertThat(error.getHeaders()).containsEntry(HEADERS.rawRecord(), aggregate);
		});
	}

	@Test
	void aBindingChannelThatDoesNotAcceptIsAFailure() {
		Record plain = record("x".getBytes(StandardCharsets.UTF_8), "pk");
		MessageChannel refusing = (message, timeout) -> false;
		ShardDeaggregators deaggregators = deaggregators(CorruptAggregatePolicy.PASS_THROUGH);

		assertThatThrownBy(() -> new DeaggregatingChannel(refusing, null, deaggregators,
				new UserRecordMessages(HEADERS, null), BinderLine.GENERATION)
			.send(carrier(plain))).isInstanceOf(MessageDeliveryException.class);
	}

	@Test
	void aCorruptAggregateFollowsThePolicy() {
		Record corrupt = corrupt(aggregate(List.of("k0", "k1"), List.of("a", "b"), null));

		channel(consumingAll(), null, CorruptAggregatePolicy.PASS_THROUGH).send(carrier(corrupt));
		assertThat(delivered).singleElement().satisfies(message -> {
			assertThat(message.getPayload()).isEqualTo(corrupt.data().asByteArray());
			assertThat(message.getHeaders()).containsEntry(KplHeaders.AGGREGATED, false);
		});

		delivered.clear();
		channel(consumingAll(), null, CorruptAggregatePolicy.SKIP).send(carrier(corrupt));
		assertThat(delivered).isEmpty();

		channel(consumingAll(), handlingErrors(), CorruptAggregatePolicy.FAIL).send(carrier(corrupt));
		assertThat(delivered).isEmpty();
		assertThat(errors).singleElement()
			.satisfies(error -> assertThat(error.getPayload()).hasCauseInstanceOf(CorruptAggregateException.class));
	}

	@Test
	void aRecordWhoseShardRangeCannotBeLookedUpGoesWholeToTheErrorChannel() {
		Record aggregate = aggregate(List.of("k0", "k1"), List.of("a", "b"), null);
		ShardDeaggregators filtering = new ShardDeaggregators(
				new BindingSettings("in-0", true, CorruptAggregatePolicy.PASS_THROUGH, true),
				DeaggregationListener.NONE, new ShardHashKeyRanges(ListShardsOnlyKinesis.failing()));
		DeaggregatingChannel channel = new DeaggregatingChannel(consumingAll(), handlingErrors(), filtering,
				new UserRecordMessages(HEADERS, null), BinderLine.GENERATION);

		assertThat(channel.send(carrier(aggregate))).isTrue();

		assertThat(delivered).isEmpty();
		assertThat(errors).singleElement().satisfies(error -> {
			assertThat(error.getPayload()).hasRootCauseInstanceOf(LimitExceededException.class);
			assertThat(error.getHeaders()).containsEntry(HEADERS.rawRecord(), aggregate);
		});
	}

	@Test
	void aBatchThatCannotBeDeaggregatedGoesWholeToTheErrorChannel() {
		List<String> converted = List.of("not bytes");
		Message<?> batch = MessageBuilder.withPayload(converted)
			.setHeader(HEADERS.receivedPartitionKey(), List.of("k0"))
			.setHeader(HEADERS.receivedSequenceNumber(), List.of("1"))
			.build();

		assertThat(channel(consumingAll(), handlingErrors(), CorruptAggregatePolicy.PASS_THROUGH).send(batch)).isTrue();

		assertThat(delivered).isEmpty();
		assertThat(errors).singleElement().satisfies(error -> {
			assertThat(error.getPayload())
				.hasRootCauseMessage("Cannot deaggregate a batch element of type " + String.class.getName());
			assertThat(error.getHeaders()).containsEntry(HEADERS.rawRecord(), converted);
		});
	}

	@Test
	void onlyTheLastUserRecordCanCheckpointTheAggregate() {
		Record aggregate = aggregate(List.of("k0", "k1", "k2"), List.of("a", "b", "c"), null);
		TestCheckpointer.Recording binders = new TestCheckpointer.Recording();
		DirectChannel checkpointing = new DirectChannel();
		List<Boolean> results = new ArrayList<>();
		checkpointing.subscribe(message -> {
			TestCheckpointer checkpointer = GenerationObjects
				.testCheckpointer(message.getHeaders().get(HEADERS.checkpointer()));
			results.add(checkpointer.checkpoint());
			results.add(checkpointer.checkpoint(SEQUENCE_NUMBER));
		});
		Message<?> carrier = MessageBuilder.fromMessage(carrier(aggregate))
			.setHeader(HEADERS.checkpointer(), GenerationObjects.binderCheckpointer(binders))
			.build();

		channel(checkpointing, null, CorruptAggregatePolicy.PASS_THROUGH).send(carrier);

		assertThat(results).containsExactly(false, false, false, false, true, true);
		assertThat(binders.committed()).containsExactly("highest", SEQUENCE_NUMBER);
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
				new UserRecordMessages(HEADERS, mapper), BinderLine.GENERATION)
			.send(carrier(aggregate));

		assertThat(delivered).extracting(message -> new String((byte[]) message.getPayload(), StandardCharsets.UTF_8))
			.containsExactly("one", "two");
		assertThat(delivered).extracting(message -> message.getHeaders().get("custom")).containsExactly("x1", "x2");
	}

	@Test
	void aBatchOfRecordMessagesBecomesABatchOfUserRecordMessages() {
		Record aggregate = aggregate(List.of("k0", "k1"), List.of("a", "b"), null);
		Record plain = record("c".getBytes(StandardCharsets.UTF_8), "k2");
		Message<?> batch = MessageBuilder.withPayload(List.of(carrier(aggregate), carrier(plain)))
			.setHeader(HEADERS.receivedStream(), "stream")
			.setHeader(HEADERS.shard(), "shardId-000000000000")
			.build();

		channel(consumingAll(), null, CorruptAggregatePolicy.PASS_THROUGH).send(batch);

		assertThat(delivered).singleElement()
			.satisfies(message -> assertThat((List<?>) message.getPayload())
				.extracting(element -> ((Message<?>) element).getHeaders().get(KplHeaders.PARTITION_KEY))
				.containsExactly("k0", "k1", "k2"));
	}

	@Test
	void aBatchOfPayloadsGetsParallelHeaderListsPerUserRecord() {
		Record aggregate = aggregate(List.of("k0", "k1"), List.of("a", "b"), null);
		Message<?> batch = MessageBuilder.withPayload(List.of(aggregate.data().asByteArray(), "c".getBytes()))
			.setHeader(HEADERS.receivedPartitionKey(), List.of("a", "k2"))
			.setHeader(HEADERS.receivedSequenceNumber(), List.of("1", "2"))
			.build();

		channel(consumingAll(), null, CorruptAggregatePolicy.PASS_THROUGH).send(batch);

		assertThat(delivered).singleElement().satisfies(message -> {
			assertThat((List<?>) message.getPayload()).extracting(payload -> new String((byte[]) payload))
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
		channel(consumingAll(), null, CorruptAggregatePolicy.PASS_THROUGH)
			.send(MessageBuilder.withPayload(List.of(aggregate)).build());

		assertThat(delivered).singleElement().satisfies(message -> {
			assertThat((List<?>) message.getPayload())
				.extracting(userRecord -> ((UserRecord) userRecord).partitionKey())
				.containsExactly("k0", "k1");
			assertThat(message.getHeaders().keySet()).noneMatch(header -> header.startsWith("kpl_"));
		});
	}

	private DeaggregatingChannel channel(MessageChannel bindingChannel, @Nullable MessageChannel errorChannel,
			CorruptAggregatePolicy policy) {
		return new DeaggregatingChannel(bindingChannel, errorChannel, deaggregators(policy),
				new UserRecordMessages(HEADERS, null), BinderLine.GENERATION);
	}

	private static ShardDeaggregators deaggregators(CorruptAggregatePolicy policy) {
		return new ShardDeaggregators(new BindingSettings("in-0", true, policy, false), DeaggregationListener.NONE,
				null);
	}

	private DirectChannel consumingAll() {
		DirectChannel channel = new DirectChannel();
		channel.subscribe(delivered::add);
		return channel;
	}

	private PublishSubscribeChannel handlingErrors() {
		PublishSubscribeChannel channel = new PublishSubscribeChannel();
		channel.subscribe(message -> errors.add((ErrorMessage) message));
		return channel;
	}

	private DirectChannel failingOn(String partitionKey) {
		DirectChannel channel = new DirectChannel();
		channel.subscribe(message -> {
			if (partitionKey.equals(message.getHeaders().get(KplHeaders.PARTITION_KEY))) {
				throw new IllegalStateException("user record " + partitionKey + " failed");
			}
			delivered.add(message);
		});
		return channel;
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
		return aggregateOf(partitionKeys, data.stream().map(value -> value.getBytes(StandardCharsets.UTF_8)).toList(),
				firstExplicitHashKey);
	}

	private static Record aggregateOf(List<String> partitionKeys, List<byte[]> data,
			@Nullable String firstExplicitHashKey) {
		Aggregator aggregator = Aggregator.create();
		for (int i = 0; i < data.size(); i++) {
			assertThat(aggregator.add(partitionKeys.get(i), i == 0 ? firstExplicitHashKey : null, data.get(i)))
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
		return Record.builder()
			.data(SdkBytes.fromByteArray(Arrays.copyOf(data, data.length)))
			.partitionKey(partitionKey)
			.sequenceNumber(SEQUENCE_NUMBER)
			.build();
	}

}
