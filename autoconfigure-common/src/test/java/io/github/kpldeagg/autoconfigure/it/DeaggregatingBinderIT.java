package io.github.kpldeagg.autoconfigure.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.kpldeagg.autoconfigure.BinderHeaderNames;
import io.github.kpldeagg.autoconfigure.BindingModes;
import io.github.kpldeagg.autoconfigure.TestedBinderLine;
import io.github.kpldeagg.autoconfigure.it.KplVectors.Expected;
import io.github.kpldeagg.core.Aggregator;
import io.github.kpldeagg.core.CorruptAggregateException;
import io.github.kpldeagg.core.KinesisRecord;
import io.github.kpldeagg.core.KplHeaders;
import io.github.kpldeagg.core.UserRecord;
import io.github.kpldeagg.emulator.KinesisLocal;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.integration.support.json.EmbeddedJsonHeadersMessageMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.ErrorMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real Kinesis binder (polling adapter, record and batch listener modes) against
 * kinesis-local: one application whose functions each read their own stream, filled
 * before it starts.
 */
@TestedBinderLine.Required
class DeaggregatingBinderIT {

	private static final List<String> FUNCTIONS = List.of("userRecords", "userRecordMessages", "bytes", "strings",
			"orders", "partitionKeys", "failingOnce", "failingAlways", "passThrough", "skipping", "failing", "batch",
			"batchPayloads", "embedded", "filtered", "raw");

	private static KinesisLocal kinesis;

	private static ConfigurableApplicationContext application;

	private static Received received;

	private static List<Expected> userRecordsExpected;

	private static List<Expected> userRecordMessagesExpected;

	private static byte[] corruptAggregate;

	/**
	 * The binders of both lines embed headers with EmbeddedJsonHeadersMessageMapper,
	 * deprecated in Spring Integration 7.
	 */
	@BeforeAll
	@SuppressWarnings("removal")
	static void startApplication() {
		kinesis = KinesisLocal.start();
		for (String function : FUNCTIONS) {
			kinesis.createStream(function,
					Set.of("userRecords", "userRecordMessages", "filtered").contains(function) ? 3 : 1);
		}
		userRecordsExpected = KplVectors.put(kinesis.client(), "userRecords", "1.1.1");
		userRecordMessagesExpected = KplVectors.put(kinesis.client(), "userRecordMessages", "0.15.12");
		for (String function : List.of("bytes", "strings", "raw")) {
			put(function, aggregate(List.of("k0", "k1", "k2"), List.of("zero", "one", "two")));
		}
		put("orders", aggregate(List.of("o1", "o2"),
				List.of("{\"id\":\"o1\",\"quantity\":2}", "{\"id\":\"o2\",\"quantity\":5}")));
		put("partitionKeys", aggregate(List.of("p0", "p1"), List.of("a", "b")));
		for (String function : List.of("failingOnce", "failingAlways")) {
			put(function, aggregate(List.of("u0", "fail-me", "u2"), List.of("0", "1", "2")));
			putPlain(function, "after", "3");
		}
		corruptAggregate = corrupt(aggregate(List.of("c0", "c1"), List.of("x", "y")));
		for (String function : List.of("passThrough", "skipping", "failing")) {
			put(function, new KinesisRecord("a", null, corruptAggregate, 2));
			putPlain(function, "after", "plain");
		}
		for (String function : List.of("batch", "batchPayloads")) {
			put(function, aggregate(List.of("b0", "b1", "b2"), List.of("0", "1", "2")));
			putPlain(function, "b3", "3");
		}
		EmbeddedJsonHeadersMessageMapper embedding = new EmbeddedJsonHeadersMessageMapper("custom");
		put("embedded", aggregateOf(List.of("e0", "e1"), List.of(
				embedding.fromMessage(MessageBuilder.withPayload("one".getBytes()).setHeader("custom", "c1").build()),
				embedding.fromMessage(MessageBuilder.withPayload("two".getBytes()).setHeader("custom", "c2").build())),
				"0"));
		// Shard 0 of 3 holds hash keys up to 2^128 / 3; the aggregate goes there by its
		// first hash key.
		Aggregator aggregator = Aggregator.create();
		aggregator.add("in-0", "0", "a".getBytes());
		aggregator.add("in-1", "200000000000000000000000000000000000000", "b".getBytes());
		aggregator.add("in-2", "1", "c".getBytes());
		put("filtered", aggregator.flush().orElseThrow());

		Map<String, Object> properties = BinderApplications.common(kinesis.endpoint().toString());
		BinderApplications.bindEachToItsStream(properties, FUNCTIONS);
		BinderApplications.rawBytes(properties, List.of("bytes", "passThrough", "skipping", "failing", "raw"));
		properties.put("spring.cloud.stream.bindings.partitionKeys-out-0.destination", "partition-keys-out");
		properties.put("spring.cloud.stream.bindings.failingAlways-in-0.error-handler-definition",
				"userRecordFailures");
		properties.put("spring.cloud.stream.bindings.failing-in-0.error-handler-definition", "corruptionFailures");
		properties.put("kpl.deaggregation.bindings.skipping-in-0.corrupt-aggregate-policy", "skip");
		properties.put("kpl.deaggregation.bindings.failing-in-0.corrupt-aggregate-policy", "fail");
		properties.put("kpl.deaggregation.bindings.filtered-in-0.shard-filter", true);
		properties.put("kpl.deaggregation.bindings.raw-in-0.enabled", false);
		properties.put("spring.cloud.stream.bindings.batch-in-0.consumer.batch-mode", true);
		properties.put("spring.cloud.stream.kinesis.bindings.batch-in-0.consumer.listener-mode", "batch");
		// Without embedded headers, the binder's batch is a list of payloads with
		// parallel header lists.
		properties.put("spring.cloud.stream.bindings.batchPayloads-in-0.consumer.batch-mode", true);
		properties.put("spring.cloud.stream.kinesis.bindings.batchPayloads-in-0.consumer.listener-mode", "batch");
		properties.put("spring.cloud.stream.kinesis.bindings.batchPayloads-in-0.consumer.embed-headers", false);
		properties.put("spring.cloud.stream.kinesis.binder.headers", "custom");
		application = BinderApplications.run(Functions.class, properties);
		received = application.getBean(Received.class);
	}

	@AfterAll
	static void stop() {
		BinderApplications.close(application, kinesis);
	}

	@Test
	void consumerOfUserRecordGetsEveryUserRecordOfTheKplVectorsInShardOrder() {
		List<UserRecord> userRecords = received.await("userRecords", userRecordsExpected.size());
		assertThat(userRecords).hasSize(userRecordsExpected.size());
		Map<String, String> shardBySequenceNumber = userRecordsExpected.stream()
			.collect(Collectors.toMap(Expected::sequenceNumber, Expected::shardId, (a, b) -> a));
		assertThat(byShard(userRecords.stream().map(DeaggregatingBinderIT::asExpected).toList(), shardBySequenceNumber))
			.isEqualTo(byShard(userRecordsExpected.stream().map(DeaggregatingBinderIT::comparable).toList(),
					shardBySequenceNumber));
	}

	@Test
	void consumerOfMessageOfUserRecordGetsTheHeadersToo() {
		List<Message<UserRecord>> messages = received.await("userRecordMessages", userRecordMessagesExpected.size());
		assertThat(messages).hasSize(userRecordMessagesExpected.size());
		Map<String, List<List<Object>>> actual = new TreeMap<>();
		for (Message<UserRecord> message : messages) {
			UserRecord userRecord = message.getPayload();
			assertThat(message.getHeaders())
				.containsEntry(BinderHeaderNames.RECEIVED_PARTITION_KEY, userRecord.partitionKey())
				.containsEntry(KplHeaders.PARTITION_KEY, userRecord.partitionKey())
				.containsEntry(KplHeaders.SEQUENCE_NUMBER, userRecord.sequenceNumber())
				.containsEntry(BinderHeaderNames.RECEIVED_SEQUENCE_NUMBER, userRecord.sequenceNumber())
				.containsEntry(KplHeaders.SUB_SEQUENCE_NUMBER, userRecord.subSequenceNumber())
				.containsEntry(KplHeaders.AGGREGATED, userRecord.aggregated())
				.containsEntry(BinderHeaderNames.RECEIVED_STREAM, "userRecordMessages")
				.containsKey(BinderHeaderNames.SHARD);
			assertThat(message.getHeaders().get(KplHeaders.EXPLICIT_HASH_KEY))
				.isEqualTo(userRecord.explicitHashKey().orElse(null));
			actual
				.computeIfAbsent((String) message.getHeaders().get(BinderHeaderNames.SHARD),
						(shard) -> new ArrayList<>())
				.add(asExpected(userRecord));
		}
		Map<String, List<List<Object>>> expected = new TreeMap<>();
		for (Expected userRecord : userRecordMessagesExpected) {
			expected.computeIfAbsent(userRecord.shardId(), (shard) -> new ArrayList<>()).add(comparable(userRecord));
		}
		assertThat(actual).isEqualTo(expected);
	}

	@Test
	void consumersOfBytesAndStringsGetTheUserRecordsData() {
		assertThat(received.<byte[]>await("bytes", 3)).extracting(String::new).containsExactly("zero", "one", "two");
		assertThat(received.<String>await("strings", 3)).containsExactly("zero", "one", "two");
	}

	@Test
	void consumerOfAPojoGetsEachUserRecordAsJson() {
		assertThat(received.<Order>await("orders", 2)).containsExactly(new Order("o1", 2), new Order("o2", 5));
	}

	@Test
	void functionOfUserRecordGetsEachUserRecord() {
		assertThat(received.<UserRecord>await("partitionKeys", 2)).extracting(UserRecord::partitionKey)
			.containsExactly("p0", "p1");
	}

	@Test
	void aFailedUserRecordIsTheFirstHandedOutAgainWhenNothingHandlesTheError() {
		// The first attempt stops at the failing user record; the adapter reads the
		// aggregate again, and the user record before it is not handed out again.
		assertThat(received.<String>await("failingOnce", 5)).containsExactly("u0", "fail-me", "fail-me", "u2", "after");
	}

	@Test
	void anErrorHandlerGetsTheFailedUserRecordAndTheRestOfTheAggregateStillArrives() {
		assertThat(received.<String>await("failingAlways", 3)).containsExactly("u0", "u2", "after");
		assertThat(received.<ErrorMessage>await("userRecordFailures", 1)).singleElement().satisfies((error) -> {
			Message<?> failed = ((MessagingException) error.getPayload()).getFailedMessage();
			assertThat(failed.getHeaders()).containsEntry(KplHeaders.PARTITION_KEY, "fail-me")
				.containsEntry(KplHeaders.SUB_SEQUENCE_NUMBER, 1L);
		});
	}

	@Test
	void aCorruptAggregateIsPassedThroughByDefault() {
		assertThat(received.<byte[]>await("passThrough", 2)).containsExactly(corruptAggregate,
				"plain".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void aCorruptAggregateIsSkippedOnRequest() {
		assertThat(received.<byte[]>await("skipping", 1)).containsExactly("plain".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void aCorruptAggregateFailsThroughTheErrorChannelOnRequest() {
		assertThat(received.<byte[]>await("failing", 1)).containsExactly("plain".getBytes(StandardCharsets.UTF_8));
		assertThat(received.<ErrorMessage>await("corruptionFailures", 1)).singleElement()
			.satisfies((error) -> assertThat(error.getPayload()).hasCauseInstanceOf(CorruptAggregateException.class));
	}

	@Test
	void batchListenerModeGetsUserRecordsInPlaceOfKinesisRecords() {
		for (String function : List.of("batch", "batchPayloads")) {
			List<List<UserRecord>> batches = received.await(function, 1);
			assertThat(batches.stream().flatMap(List::stream).map(UserRecord::partitionKey)).as(function)
				.containsExactly("b0", "b1", "b2", "b3");
		}
	}

	@Test
	void eachUserRecordsEmbeddedHeadersAreDecoded() {
		List<Message<String>> messages = received.await("embedded", 2);
		assertThat(messages).extracting(Message::getPayload).containsExactly("one", "two");
		assertThat(messages).extracting((message) -> message.getHeaders().get("custom")).containsExactly("c1", "c2");
	}

	@Test
	void theShardFilterDropsUserRecordsOfOtherShardsAndCountsThem() {
		assertThat(received.<UserRecord>await("filtered", 2)).extracting(UserRecord::partitionKey)
			.containsExactly("in-0", "in-2");
		MeterRegistry registry = application.getBean(MeterRegistry.class);
		assertThat(registry.get("kpl.deaggregation.filtered").tag("binding", "filtered-in-0").counter().count())
			.isEqualTo(1);
		assertThat(registry.get("kpl.deaggregation.user.records").tag("binding", "filtered-in-0").counter().count())
			.isEqualTo(3);
	}

	@Test
	void aDisabledBindingGetsTheAggregateUnchanged() {
		assertThat(received.<byte[]>await("raw", 1)).singleElement()
			.satisfies((data) -> assertThat(Arrays.copyOf(data, 4))
				.isEqualTo(new byte[] { (byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2 }));
		assertThat(BindingModes.of(application)).containsEntry("raw-in-0", "DISABLED")
			.containsEntry("userRecords-in-0", "DEAGGREGATED");
	}

	private static List<Object> asExpected(UserRecord userRecord) {
		return List.of(userRecord.sequenceNumber(), userRecord.partitionKey(),
				userRecord.explicitHashKey().orElse("none"), userRecord.subSequenceNumber(), userRecord.aggregated(),
				Arrays.toString(userRecord.bytes()));
	}

	private static List<Object> comparable(Expected expected) {
		return List.of(expected.sequenceNumber(), expected.partitionKey(),
				(expected.explicitHashKey() != null) ? expected.explicitHashKey() : "none",
				expected.subSequenceNumber(), expected.aggregated(), Arrays.toString(expected.data()));
	}

	/** Kinesis keeps order within a shard only. */
	private static Map<String, List<List<Object>>> byShard(List<List<Object>> userRecords,
			Map<String, String> shardBySequenceNumber) {
		return userRecords.stream()
			.collect(Collectors.groupingBy((userRecord) -> shardBySequenceNumber.get((String) userRecord.get(0)),
					TreeMap::new, Collectors.toList()));
	}

	private static KinesisRecord aggregate(List<String> partitionKeys, List<String> data) {
		return aggregateOf(partitionKeys, data.stream().map((value) -> value.getBytes(StandardCharsets.UTF_8)).toList(),
				null);
	}

	private static KinesisRecord aggregateOf(List<String> partitionKeys, List<byte[]> data, String explicitHashKey) {
		Aggregator aggregator = Aggregator.create();
		for (int i = 0; i < data.size(); i++) {
			aggregator.add(partitionKeys.get(i), explicitHashKey, data.get(i));
		}
		return aggregator.flush().orElseThrow();
	}

	private static byte[] corrupt(KinesisRecord aggregate) {
		byte[] data = aggregate.data().clone();
		data[data.length - 1] ^= 1;
		return data;
	}

	private static void put(String stream, KinesisRecord record) {
		kinesis.client()
			.putRecord((request) -> request.streamName(stream)
				.partitionKey(record.partitionKey())
				.explicitHashKey(record.explicitHashKey())
				.data(SdkBytes.fromByteArray(record.data())));
	}

	private static void putPlain(String stream, String partitionKey, String data) {
		kinesis.client()
			.putRecord((request) -> request.streamName(stream)
				.partitionKey(partitionKey)
				.data(SdkBytes.fromUtf8String(data)));
	}

	record Order(String id, int quantity) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ InMemoryCheckpoints.class, TestApplicationBeans.class })
	static class Functions {

		private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		Consumer<UserRecord> userRecords(Received received) {
			return (userRecord) -> received.add("userRecords", userRecord);
		}

		@Bean
		Consumer<Message<UserRecord>> userRecordMessages(Received received) {
			return (message) -> received.add("userRecordMessages", message);
		}

		@Bean
		Consumer<byte[]> bytes(Received received) {
			return (data) -> received.add("bytes", data);
		}

		@Bean
		Consumer<String> strings(Received received) {
			return (data) -> received.add("strings", data);
		}

		@Bean
		Consumer<Order> orders(Received received) {
			return (order) -> received.add("orders", order);
		}

		@Bean
		Function<UserRecord, String> partitionKeys(Received received) {
			return (userRecord) -> {
				received.add("partitionKeys", userRecord);
				return userRecord.partitionKey();
			};
		}

		@Bean
		Consumer<Message<byte[]>> failingOnce(Received received) {
			return (message) -> {
				String partitionKey = (String) message.getHeaders().get(KplHeaders.PARTITION_KEY);
				received.add("failingOnce", partitionKey);
				if (partitionKey.equals("fail-me") && this.failedOnce.add(partitionKey)) {
					throw new IllegalStateException("first attempt at " + partitionKey + " fails");
				}
			};
		}

		@Bean
		Consumer<Message<byte[]>> failingAlways(Received received) {
			return (message) -> {
				String partitionKey = (String) message.getHeaders().get(KplHeaders.PARTITION_KEY);
				if (partitionKey.equals("fail-me")) {
					throw new IllegalStateException(partitionKey + " always fails");
				}
				received.add("failingAlways", partitionKey);
			};
		}

		@Bean
		Consumer<ErrorMessage> userRecordFailures(Received received) {
			return (error) -> received.add("userRecordFailures", error);
		}

		@Bean
		Consumer<byte[]> passThrough(Received received) {
			return (data) -> received.add("passThrough", data);
		}

		@Bean
		Consumer<byte[]> skipping(Received received) {
			return (data) -> received.add("skipping", data);
		}

		@Bean
		Consumer<byte[]> failing(Received received) {
			return (data) -> received.add("failing", data);
		}

		@Bean
		Consumer<ErrorMessage> corruptionFailures(Received received) {
			return (error) -> received.add("corruptionFailures", error);
		}

		@Bean
		Consumer<List<UserRecord>> batch(Received received) {
			return (userRecords) -> received.add("batch", userRecords);
		}

		@Bean
		Consumer<List<UserRecord>> batchPayloads(Received received) {
			return (userRecords) -> received.add("batchPayloads", userRecords);
		}

		@Bean
		Consumer<Message<String>> embedded(Received received) {
			return (message) -> received.add("embedded", message);
		}

		@Bean
		Consumer<UserRecord> filtered(Received received) {
			return (userRecord) -> received.add("filtered", userRecord);
		}

		@Bean
		Consumer<byte[]> raw(Received received) {
			return (data) -> received.add("raw", data);
		}

	}

}
