package io.github.kpldeagg.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import io.github.kpldeagg.core.Aggregator;
import io.github.kpldeagg.core.CorruptAggregatePolicy;
import io.github.kpldeagg.core.KplHeaders;
import io.github.kpldeagg.core.UserRecord;
import io.github.kpldeagg.lambda.FunctionApplications.ManyFunctions;
import io.github.kpldeagg.lambda.FunctionApplications.OneFunction;
import io.github.kpldeagg.lambda.FunctionApplications.Order;
import io.github.kpldeagg.lambda.LambdaEvents.Expected;
import io.github.kpldeagg.lambda.LambdaEvents.KinesisRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.cloud.function.adapter.aws.FunctionInvoker;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Through Spring Cloud Function's standard handler,
 * {@code FunctionInvoker.handleRequest}, as the Lambda runtime calls it, with Kinesis
 * events shaped as Lambda sends them and made of real-KPL records.
 */
class FunctionInvokerTests {

	private static final String NO_FAILURES = "{\"batchItemFailures\":[]}";

	/**
	 * Without Boot's observation auto-configuration there is no function observation to
	 * chain.
	 */
	private static final String NO_OBSERVATION = "spring.autoconfigure.exclude="
			+ "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration";

	@BeforeEach
	void reset() {
		Received.reset();
	}

	@ParameterizedTest
	@ValueSource(strings = { "kpl-1.1.1", "kpl-0.15.12" })
	void everyUserRecordOfTheRealKplArrivesOnceInOrderByteExactWithItsIdentity(String producer) throws Exception {
		FunctionInvoker handler = Lambda.handler(ManyFunctions.class, "spring.cloud.function.definition=userRecords");
		List<KinesisRecord> sent = new ArrayList<>();

		for (List<KinesisRecord> shard : LambdaEvents.shards(producer).values()) {
			assertThat(Lambda.invoke(handler, LambdaEvents.event(shard))).isEqualTo(NO_FAILURES);
			sent.addAll(shard);
		}

		assertArrivedInOrder(sent, Received.PAYLOADS);
		assertThat(Received.PAYLOADS).hasSize(1001);
		// Spring Cloud Function's observation, chained: one per call of the function,
		// that is per user record.
		assertThat(Received.OBSERVATIONS).hasSize(1001).containsOnly("spring.cloud.function");
	}

	@Test
	void withoutFunctionObservationTheSameUserRecordsArrive() throws Exception {
		FunctionInvoker handler = Lambda.handler(ManyFunctions.class, "spring.cloud.function.definition=userRecords",
				NO_OBSERVATION);

		assertThat(Lambda.invoke(handler, LambdaEvents.event(LambdaEvents.firstShard()))).isEqualTo(NO_FAILURES);

		assertArrivedInOrder(LambdaEvents.firstShard(), Received.PAYLOADS);
		assertThat(Received.OBSERVATIONS).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void aFailingUserRecordReportsItsKinesisRecordsSequenceNumberAloneAndNothingAfterItRuns(boolean observed)
			throws Exception {
		FunctionInvoker handler = observed
				? Lambda.handler(ManyFunctions.class, "spring.cloud.function.definition=userRecords")
				: Lambda.handler(ManyFunctions.class, "spring.cloud.function.definition=userRecords", NO_OBSERVATION);
		List<KinesisRecord> shard = LambdaEvents.firstShard();
		KinesisRecord failing = shard.get(2);
		Received.poison = (payload) -> ((UserRecord) payload).sequenceNumber().equals(failing.sequenceNumber())
				&& ((UserRecord) payload).subSequenceNumber() == 7;

		String response = Lambda.invoke(handler, LambdaEvents.event(shard));

		assertThat(response)
			.isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + failing.sequenceNumber() + "\"}]}");
		int before = shard.get(0).userRecords().size() + shard.get(1).userRecords().size();
		assertThat(Received.PAYLOADS).hasSize(before + 8);
		UserRecord last = (UserRecord) Received.PAYLOADS.get(Received.PAYLOADS.size() - 1);
		assertThat(last.sequenceNumber()).isEqualTo(failing.sequenceNumber());
		assertThat(last.subSequenceNumber()).isEqualTo(7);
	}

	@ParameterizedTest
	@EnumSource(CorruptAggregatePolicy.class)
	void aCorruptAggregateFollowsTheConfiguredPolicy(CorruptAggregatePolicy policy) throws Exception {
		FunctionInvoker handler = Lambda.handler(ManyFunctions.class, "spring.cloud.function.definition=userRecords",
				"kpl.deaggregation.corrupt-aggregate-policy=" + policy.name().toLowerCase().replace('_', '-'));
		List<KinesisRecord> shard = LambdaEvents.firstShard();
		byte[] corruptData = shard.get(1).data().clone();
		corruptData[corruptData.length - 1] ^= 1; // the MD5 no longer matches
		KinesisRecord corrupt = shard.get(1).withData(corruptData);

		String response = Lambda.invoke(handler, LambdaEvents.event(List.of(shard.get(0), corrupt, shard.get(2))));

		int first = shard.get(0).userRecords().size();
		int third = shard.get(2).userRecords().size();
		switch (policy) {
			case PASS_THROUGH -> {
				assertThat(response).isEqualTo(NO_FAILURES);
				assertThat(Received.PAYLOADS).hasSize(first + 1 + third);
				assertThat(((UserRecord) Received.PAYLOADS.get(first)).bytes()).isEqualTo(corruptData);
			}
			case SKIP -> {
				assertThat(response).isEqualTo(NO_FAILURES);
				assertThat(Received.PAYLOADS).hasSize(first + third);
			}
			case FAIL -> {
				assertThat(response)
					.isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + corrupt.sequenceNumber() + "\"}]}");
				assertThat(Received.PAYLOADS).hasSize(first);
			}
		}
	}

	@Test
	void plainRecordsArriveUnchanged() throws Exception {
		FunctionInvoker handler = Lambda.handler(ManyFunctions.class, "spring.cloud.function.definition=userRecords");
		List<KinesisRecord> plain = new ArrayList<>();
		for (String producer : LambdaEvents.PRODUCERS) {
			LambdaEvents.shards(producer)
				.values()
				.forEach((shard) -> shard.stream().filter((record) -> !record.aggregated()).forEach(plain::add));
		}
		assertThat(plain).hasSizeGreaterThanOrEqualTo(4);

		assertThat(Lambda.invoke(handler, LambdaEvents.event(plain))).isEqualTo(NO_FAILURES);

		assertArrivedInOrder(plain, Received.PAYLOADS);
		assertThat(Received.PAYLOADS)
			.allSatisfy((payload) -> assertThat(((UserRecord) payload).aggregated()).isFalse());
	}

	@Test
	void anEmptyEventCallsNothingAndSucceeds() throws Exception {
		FunctionInvoker handler = Lambda.handler(ManyFunctions.class, "spring.cloud.function.definition=userRecords");

		assertThat(Lambda.invoke(handler, "{\"Records\":[]}")).isEqualTo(NO_FAILURES);

		assertThat(Received.PAYLOADS).isEmpty();
	}

	@Test
	void malformedEventJsonIsAnErrorNotASilentSuccess() {
		FunctionInvoker handler = Lambda.handler(ManyFunctions.class, "spring.cloud.function.definition=userRecords");
		String truncated = new String(LambdaEvents.event(LambdaEvents.firstShard()), StandardCharsets.UTF_8)
			.substring(0, 500);

		assertThatThrownBy(() -> Lambda.invoke(handler, truncated)).hasMessageContaining("Failed to convert JSON");
		assertThat(Received.PAYLOADS).isEmpty();
	}

	@Test
	void aKinesisRecordWithBadDataRejectsTheEventBeforeAnythingRuns() throws Exception {
		FunctionInvoker handler = Lambda.handler(ManyFunctions.class, "spring.cloud.function.definition=userRecords");
		String event = new String(LambdaEvents.event(LambdaEvents.firstShard().subList(0, 2)), StandardCharsets.UTF_8);
		String withoutSequenceNumber = event.replaceFirst("\"sequenceNumber\":\"\\d+\",(?=\"data\":\"84)", "");
		String withBadData = event.replaceFirst("\"data\":\"84", "\"data\":\"*84");

		assertThatThrownBy(() -> Lambda.invoke(handler, withBadData)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("Malformed Kinesis event: Records[1].kinesis.data is not base64");
		assertThatThrownBy(() -> Lambda.invoke(handler, withoutSequenceNumber))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("Malformed Kinesis event: Records[1].kinesis has no sequenceNumber");
		assertThat(Received.PAYLOADS).isEmpty();
	}

	@Test
	void withASingleFunctionNoDefinitionIsNeeded() throws Exception {
		FunctionInvoker handler = Lambda.handler(OneFunction.class);

		assertThat(Lambda.invoke(handler, LambdaEvents.event(LambdaEvents.firstShard()))).isEqualTo(NO_FAILURES);

		assertArrivedInOrder(LambdaEvents.firstShard(), Received.PAYLOADS);
	}

	@Test
	void aConsumerOfBytesGetsEachUserRecordsData() throws Exception {
		FunctionInvoker handler = Lambda.handler(ManyFunctions.class, "spring.cloud.function.definition=bytes");

		assertThat(Lambda.invoke(handler, LambdaEvents.event(LambdaEvents.firstShard()))).isEqualTo(NO_FAILURES);

		List<byte[]> expected = LambdaEvents.firstShard()
			.stream()
			.flatMap((record) -> record.userRecords().stream().map(Expected::data))
			.toList();
		assertThat(Received.PAYLOADS).hasSize(expected.size());
		for (int i = 0; i < expected.size(); i++) {
			assertThat((byte[]) Received.PAYLOADS.get(i)).as("user record %d", i).isEqualTo(expected.get(i));
		}
	}

	@Test
	void aConsumerOfMessagesGetsTheKplHeadersAndTheLambdaContext() throws Exception {
		FunctionInvoker handler = Lambda.handler(ManyFunctions.class, "spring.cloud.function.definition=messages");
		List<KinesisRecord> shard = LambdaEvents.firstShard();

		assertThat(Lambda.invoke(handler, LambdaEvents.event(shard))).isEqualTo(NO_FAILURES);

		Message<?> fourth = (Message<?>) Received.PAYLOADS.get(shard.get(0).userRecords().size() + 3);
		Expected expected = shard.get(1).userRecords().get(3);
		assertThat(fourth.getPayload()).isInstanceOf(UserRecord.class);
		assertThat(((UserRecord) fourth.getPayload()).bytes()).isEqualTo(expected.data());
		assertThat(fourth.getHeaders()).containsEntry(KplHeaders.PARTITION_KEY, expected.partitionKey())
			.containsEntry(KplHeaders.SEQUENCE_NUMBER, shard.get(1).sequenceNumber())
			.containsEntry(KplHeaders.SUB_SEQUENCE_NUMBER, 3L)
			.containsEntry(KplHeaders.AGGREGATED, true)
			.containsEntry(KplHeaders.EVENT_SOURCE_ARN, LambdaEvents.STREAM_ARN)
			.containsEntry(KplHeaders.SHARD_ID, "shardId-000000000000")
			.containsKey("aws-context");
		assertThat(fourth.getHeaders().get(KplHeaders.EXPLICIT_HASH_KEY)).isEqualTo(expected.explicitHashKey());
		// The user record's headers are the contract's, which the binder's starters set
		// too; the stream and shard are the Lambda's own.
		Map<String, Object> userRecordHeaders = new HashMap<>(fourth.getHeaders());
		userRecordHeaders.keySet().removeIf((name) -> !name.startsWith("kpl_"));
		userRecordHeaders.remove(KplHeaders.EVENT_SOURCE_ARN);
		userRecordHeaders.remove(KplHeaders.SHARD_ID);
		assertThat(userRecordHeaders).isEqualTo(KplHeaders.of((UserRecord) fourth.getPayload()));
	}

	@Test
	void aConsumerOfAnApplicationTypeGetsEachUserRecordReadFromJson() throws Exception {
		FunctionInvoker handler = Lambda.handler(ManyFunctions.class, "spring.cloud.function.definition=orders");
		Aggregator aggregator = Aggregator.create();
		aggregator.add("pk-1", null, "{\"i\":1,\"msg\":\"one\"}".getBytes(StandardCharsets.UTF_8));
		aggregator.add("pk-2", null, "{\"i\":2,\"msg\":\"zwei – два\"}".getBytes(StandardCharsets.UTF_8));
		io.github.kpldeagg.core.KinesisRecord aggregate = aggregator.flush().orElseThrow();
		KinesisRecord record = new KinesisRecord("shardId-000000000001", "49000000000000000000000000000000001",
				aggregate.partitionKey(), Instant.parse("2026-11-25T22:09:13.901Z"), aggregate.data(), true, List.of());

		assertThat(Lambda.invoke(handler, LambdaEvents.event(List.of(record)))).isEqualTo(NO_FAILURES);

		assertThat(Received.PAYLOADS).containsExactly(new Order(1, "one"), new Order(2, "zwei – два"));
	}

	@Test
	void aConsumerOfStringsGetsEachUserRecordAsUtf8Text() throws Exception {
		FunctionInvoker handler = Lambda.handler(ManyFunctions.class, "spring.cloud.function.definition=text");
		Aggregator aggregator = Aggregator.create();
		aggregator.add("pk-1", null, "plain text".getBytes(StandardCharsets.UTF_8));
		aggregator.add("pk-2", "42", "ключ – ü".getBytes(StandardCharsets.UTF_8));
		io.github.kpldeagg.core.KinesisRecord aggregate = aggregator.flush().orElseThrow();
		KinesisRecord record = new KinesisRecord("shardId-000000000002", "49000000000000000000000000000000002",
				aggregate.partitionKey(), Instant.parse("2026-11-25T22:09:14.187Z"), aggregate.data(), true, List.of());

		assertThat(Lambda.invoke(handler, LambdaEvents.event(List.of(record)))).isEqualTo(NO_FAILURES);

		assertThat(Received.PAYLOADS).containsExactly("plain text", "ключ – ü");
	}

	@Test
	void aConsumerOfAnApplicationTypeGivenAnotherEventRunsAsWithoutTheStarter() throws Exception {
		FunctionInvoker handler = Lambda.handler(ManyFunctions.class, "spring.cloud.function.definition=orders");

		assertThat(Lambda.invoke(handler, "{\"i\":7,\"msg\":\"direct\"}")).isNotEqualTo(NO_FAILURES);

		assertThat(Received.PAYLOADS).containsExactly(new Order(7, "direct"));
	}

	@Test
	void aConsumerOfTheWholeKinesisEventRunsAsWithoutTheStarter() throws Exception {
		FunctionInvoker handler = Lambda.handler(ManyFunctions.class, "spring.cloud.function.definition=wholeEvents");

		String response = Lambda.invoke(handler, LambdaEvents.event(LambdaEvents.firstShard()));

		assertThat(response).doesNotContain("batchItemFailures");
		assertThat(Received.PAYLOADS).singleElement()
			.isInstanceOfSatisfying(KinesisEvent.class,
					(event) -> assertThat(event.getRecords()).hasSize(LambdaEvents.firstShard().size()));
	}

	@Test
	void aFunctionOfStringsRunsAsWithoutTheStarter() throws Exception {
		FunctionInvoker handler = Lambda.handler(ManyFunctions.class, "spring.cloud.function.definition=uppercase");

		String response = Lambda.invoke(handler, LambdaEvents.event(LambdaEvents.firstShard().subList(0, 1)));

		assertThat(response).contains("\"EVENTSOURCE\":\"AWS:KINESIS\"");
	}

	@Test
	void switchedOffFunctionsRunAsWithoutTheStarter() throws Exception {
		FunctionInvoker handler = Lambda.handler(ManyFunctions.class, "spring.cloud.function.definition=bytes",
				"kpl.deaggregation.enabled=false");
		byte[] event = LambdaEvents.event(LambdaEvents.firstShard());

		assertThat(Lambda.invoke(handler, event)).doesNotContain("batchItemFailures");

		assertThat(Received.PAYLOADS).singleElement().isEqualTo(event);
	}

	/**
	 * Each Kinesis record's user records, in order, byte-exact, with identity and
	 * arrival.
	 */
	private static void assertArrivedInOrder(List<KinesisRecord> sent, List<Object> received) {
		int next = 0;
		for (KinesisRecord record : sent) {
			for (Expected expected : record.userRecords()) {
				assertThat(received).as("user records received").hasSizeGreaterThan(next);
				UserRecord actual = (UserRecord) received.get(next++);
				String which = record.sequenceNumber() + "/" + expected.subSequenceNumber();
				assertThat(actual.bytes()).as(which).isEqualTo(expected.data());
				assertThat(actual.partitionKey()).as(which).isEqualTo(expected.partitionKey());
				assertThat(actual.explicitHashKey().orElse(null)).as(which).isEqualTo(expected.explicitHashKey());
				assertThat(actual.sequenceNumber()).as(which).isEqualTo(record.sequenceNumber());
				assertThat(actual.subSequenceNumber()).as(which).isEqualTo(expected.subSequenceNumber());
				assertThat(actual.aggregated()).as(which).isEqualTo(record.aggregated());
				assertThat(actual.approximateArrivalTimestamp()).as(which).contains(record.arrival());
			}
		}
		assertThat(received).hasSize(next);
	}

}
