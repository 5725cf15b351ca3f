package io.github.kpldeagg.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import io.github.kpldeagg.core.KplVectors.ExpectedUserRecord;
import io.github.kpldeagg.core.KplVectors.Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One call per user record of a Lambda Kinesis event, and the partial batch response
 * Lambda retries from.
 */
class KinesisEventProcessorTests {

	private final List<KinesisEventUserRecord> handled = new ArrayList<>();

	static List<String> producers() {
		return KplVectors.producers();
	}

	@ParameterizedTest
	@MethodSource("producers")
	void everyUserRecordOfTheRealKplIsHandledOnceInOrderByteExact(String producer) {
		List<Vector> vectors = KplVectors.of(producer);

		for (KinesisEvent event : LambdaEvents.byShard(producer)) {
			StreamsEventResponse response = KinesisEventProcessor.create().process(event, this.handled::add);
			assertThat(response.getBatchItemFailures()).isEmpty();
		}

		assertThat(this.handled).hasSize(1001);
		int next = 0;
		for (Vector vector : vectors) {
			for (ExpectedUserRecord expected : vector.userRecords()) {
				KinesisEventUserRecord actual = this.handled.get(next++);
				assertThat(actual.userRecord().bytes()).as(vector + " #" + expected.subSequenceNumber())
					.isEqualTo(expected.data());
				assertThat(actual.userRecord().partitionKey()).isEqualTo(expected.partitionKey());
				assertThat(actual.userRecord().explicitHashKey().orElse(null)).isEqualTo(expected.explicitHashKey());
				assertThat(actual.userRecord().sequenceNumber()).isEqualTo(vector.sequenceNumber());
				assertThat(actual.userRecord().subSequenceNumber()).isEqualTo(expected.subSequenceNumber());
				assertThat(actual.userRecord().aggregated()).isEqualTo(vector.aggregated());
				assertThat(actual.userRecord().approximateArrivalTimestamp()).contains(vector.arrival());
				assertThat(actual.eventId()).isEqualTo(vector.shardId() + ":" + vector.sequenceNumber());
				assertThat(actual.eventSourceArn()).isEqualTo(LambdaEvents.STREAM_ARN);
			}
		}
	}

	@Test
	void aFailingUserRecordReportsItsKinesisRecordAloneAndNothingAfterItRuns() {
		List<Vector> shard = shardWithAggregatesAfterTheFirst();
		Vector failing = shard.get(1);
		int failingSubSequence = 5;
		List<Exception> told = new ArrayList<>();
		List<String> alsoTold = new ArrayList<>();
		KinesisEventProcessor processor = KinesisEventProcessor.create()
			.onFailure((eventRecord, cause) -> told.add(cause))
			.onFailure((eventRecord, cause) -> alsoTold.add(eventRecord.getKinesis().getSequenceNumber()));

		StreamsEventResponse response = processor.process(eventOf(shard), (record) -> {
			this.handled.add(record);
			if (record.userRecord().sequenceNumber().equals(failing.sequenceNumber())
					&& record.userRecord().subSequenceNumber() == failingSubSequence) {
				throw new IllegalStateException("poison");
			}
		});

		assertThat(response.getBatchItemFailures()).extracting(BatchItemFailure::getItemIdentifier)
			.containsExactly(failing.sequenceNumber());
		int before = shard.get(0).userRecords().size();
		assertThat(this.handled).hasSize(before + failingSubSequence + 1);
		assertThat(this.handled.get(this.handled.size() - 1).userRecord().subSequenceNumber())
			.isEqualTo(failingSubSequence);
		assertThat(told).singleElement().extracting(Exception::getMessage).isEqualTo("poison");
		assertThat(alsoTold).containsExactly(failing.sequenceNumber());
	}

	@Test
	void aFailingPlainRecordReportsItsOwnSequenceNumber() {
		Vector plain = KplVectors.all().stream().filter((vector) -> !vector.aggregated()).findFirst().orElseThrow();
		Vector aggregate = KplVectors.aggregated().get(0);

		StreamsEventResponse response = KinesisEventProcessor.create()
			.process(eventOf(List.of(plain, aggregate)), (record) -> {
				this.handled.add(record);
				throw new java.io.IOException("down");
			});

		assertThat(response.getBatchItemFailures()).extracting(BatchItemFailure::getItemIdentifier)
			.containsExactly(plain.sequenceNumber());
		assertThat(this.handled).hasSize(1);
	}

	@ParameterizedTest
	@EnumSource(CorruptAggregatePolicy.class)
	void aCorruptAggregateFollowsThePolicy(CorruptAggregatePolicy policy) {
		List<Vector> shard = shardWithAggregatesAfterTheFirst();
		byte[] corrupt = shard.get(1).data();
		corrupt[corrupt.length - 1] ^= 1;
		KinesisEventRecord corruptRecord = LambdaEvents.record(corrupt, "a", shard.get(1).sequenceNumber(),
				shard.get(1).shardId(), Date.from(shard.get(1).arrival()));
		KinesisEvent event = LambdaEvents
			.event(List.of(LambdaEvents.record(shard.get(0)), corruptRecord, LambdaEvents.record(shard.get(2))));
		List<Exception> told = new ArrayList<>();
		KinesisEventProcessor processor = KinesisEventProcessor
			.of(Deaggregator.builder().corruptAggregatePolicy(policy).build())
			.onFailure((eventRecord, cause) -> told.add(cause));

		StreamsEventResponse response = processor.process(event, this.handled::add);

		int first = shard.get(0).userRecords().size();
		int third = shard.get(2).userRecords().size();
		switch (policy) {
			case PASS_THROUGH -> {
				assertThat(response.getBatchItemFailures()).isEmpty();
				assertThat(this.handled).hasSize(first + 1 + third);
				UserRecord passed = this.handled.get(first).userRecord();
				assertThat(passed.bytes()).isEqualTo(corrupt);
				assertThat(passed.aggregated()).isFalse();
			}
			case SKIP -> {
				assertThat(response.getBatchItemFailures()).isEmpty();
				assertThat(this.handled).hasSize(first + third);
				assertThat(this.handled.get(first).userRecord().sequenceNumber())
					.isEqualTo(shard.get(2).sequenceNumber());
			}
			case FAIL -> {
				assertThat(response.getBatchItemFailures()).extracting(BatchItemFailure::getItemIdentifier)
					.containsExactly(shard.get(1).sequenceNumber());
				assertThat(this.handled).hasSize(first);
				assertThat(told).singleElement().isInstanceOf(CorruptAggregateException.class);
			}
		}
	}

	@Test
	void plainRecordsArriveUnchanged() {
		byte[] text = "plain text".getBytes(StandardCharsets.UTF_8);
		KinesisEvent event = LambdaEvents.event(List.of(
				LambdaEvents.record(text, "pk-1", "101", "shardId-000000000000", new Date(1_700_000_000_123L)),
				LambdaEvents.record(new byte[0], "pk-2", "102", "shardId-000000000000", new Date(1_700_000_001_000L))));

		StreamsEventResponse response = KinesisEventProcessor.create().process(event, this.handled::add);

		assertThat(response.getBatchItemFailures()).isEmpty();
		assertThat(this.handled).extracting((record) -> record.userRecord().partitionKey())
			.containsExactly("pk-1", "pk-2");
		assertThat(this.handled.get(0).userRecord().bytes()).isEqualTo(text);
		assertThat(this.handled.get(1).userRecord().dataLength()).isZero();
		assertThat(this.handled).allSatisfy((record) -> assertThat(record.userRecord().aggregated()).isFalse());
	}

	@Test
	void anEmptyEventHandlesNothingAndSucceeds() {
		StreamsEventResponse response = KinesisEventProcessor.create()
			.process(LambdaEvents.event(List.of()), this.handled::add);

		assertThat(response.getBatchItemFailures()).isEmpty();
		assertThat(this.handled).isEmpty();
	}

	@Test
	void aRecordWithoutSequenceNumberRejectsTheEventBeforeAnythingRuns() {
		List<Vector> shard = shardWithAggregatesAfterTheFirst();
		KinesisEventRecord nameless = LambdaEvents.record(shard.get(1));
		nameless.getKinesis().setSequenceNumber("");
		KinesisEvent event = LambdaEvents.event(List.of(LambdaEvents.record(shard.get(0)), nameless));

		assertThatThrownBy(() -> KinesisEventProcessor.create().process(event, this.handled::add))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("Malformed Kinesis event: Records[1].kinesis has no sequenceNumber");
		assertThat(this.handled).isEmpty();
	}

	@Test
	void anEventWithoutRecordsIsMalformed() {
		assertThatThrownBy(() -> KinesisEventProcessor.create().process(new KinesisEvent(), this.handled::add))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("no Records");
	}

	@Test
	void anErrorIsNoRecordsFailureAndPropagates() {
		KinesisEvent event = eventOf(List.of(KplVectors.aggregated().get(0)));

		assertThatThrownBy(() -> KinesisEventProcessor.create().process(event, (record) -> {
			throw new OutOfMemoryError("simulated");
		})).isInstanceOf(OutOfMemoryError.class);
	}

	/**
	 * The first shard's records of KPL 1.1.1 with aggregates at positions 1 and 2, of
	 * more than 5 user records.
	 */
	private static List<Vector> shardWithAggregatesAfterTheFirst() {
		List<Vector> shard = KplVectors.of("kpl-1.1.1")
			.stream()
			.filter((vector) -> vector.shardId().equals("shardId-000000000000"))
			.toList();
		assertThat(shard.get(1).aggregated()).isTrue();
		assertThat(shard.get(1).userRecords()).hasSizeGreaterThan(6);
		assertThat(shard.get(2).aggregated()).isTrue();
		return shard;
	}

	private static KinesisEvent eventOf(List<Vector> vectors) {
		return LambdaEvents.event(vectors.stream().map(LambdaEvents::record).toList());
	}

}
