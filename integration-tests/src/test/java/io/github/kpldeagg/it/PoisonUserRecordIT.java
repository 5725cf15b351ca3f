package io.github.kpldeagg.it;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import io.awspring.cloud.kinesis.integration.KinesisHeaders;
import io.github.kpldeagg.core.KplHeaders;
import io.github.kpldeagg.it.support.Checkpoints;
import io.github.kpldeagg.it.support.ConsumerInstance;
import io.github.kpldeagg.it.support.ConsumerSettings;
import io.github.kpldeagg.it.support.Corpus;
import io.github.kpldeagg.it.support.Deliveries;
import io.github.kpldeagg.it.support.Delivery;
import io.github.kpldeagg.it.support.DeliveryHandler;
import io.github.kpldeagg.it.support.LocalAws;
import io.github.kpldeagg.it.support.LocalAwsTest;
import io.github.kpldeagg.it.support.RealKpl;
import io.github.kpldeagg.it.support.RecordContent;
import io.github.kpldeagg.it.support.SentKinesisRecord;
import io.github.kpldeagg.it.support.SentRecord;
import io.github.kpldeagg.it.support.ShardLayout;
import io.github.kpldeagg.it.support.UserRecordId;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.ErrorMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The function throws on one user record in the middle of an aggregate (a poison record),
 * every time. With an error handler on the binding the error goes there and every other
 * user record is delivered; without one the poison record alone is delivered again (the
 * adapter reads the aggregate again, the starter skips what was handled) and the shard's
 * checkpoint stays before it.
 */
@LocalAwsTest
class PoisonUserRecordIT {

	private static final String GROUP = "poison";

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	@Test
	void withAnErrorHandlerTheErrorGoesThereAndEveryOtherUserRecordIsDeliveredOnce(LocalAws aws) {
		String stream = aws.createStream("poison-handled", 2);
		List<SentRecord> sent = RealKpl.produce(aws.kinesis(), stream, Corpus.generate(800, 7L));
		ShardLayout layout = ShardLayout.of(sent);
		UserRecordId poison = poisonIn(stream, layout.largestAggregateInTheMiddle());
		Deliveries deliveries = new Deliveries();
		List<ErrorMessage> errors = new CopyOnWriteArrayList<>();
		List<Delivery> received;
		Checkpoints checkpoints = new Checkpoints(aws);
		try (ConsumerInstance consumer = ConsumerInstance.start(settings(aws, stream), failingOn(poison, deliveries),
				errors::add)) {
			received = deliveries.awaitAtLeast(sent.size(), TIMEOUT);
			for (String shard : layout.shards()) {
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(checkpoints.of(GROUP, stream, shard)).as("checkpoint of %s", shard)
						.isEqualTo(layout.last(shard).sequenceNumber()));
			}
		}

		assertThat(received).extracting(Delivery::content)
			.as("each user record once, the poison record included")
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(sent.stream().map((record) -> record.record().content()).toList());
		assertThat(errors).as("errors")
			.singleElement()
			.extracting((error) -> idOf(((MessagingException) error.getPayload()).getFailedMessage()))
			.isEqualTo(poison);
		System.out.printf(
				"Poison record with an error handler: %d user records produced, %d delivered, %d error"
						+ " for %s, shards checkpointed to their last record%n",
				sent.size(), received.size(), errors.size(), poison);
	}

	@Test
	void withoutAnErrorHandlerThePoisonRecordAloneIsRetriedAndNothingAfterItIsCheckpointed(LocalAws aws) {
		String stream = aws.createStream("poison-unhandled", 2);
		List<SentRecord> sent = RealKpl.produce(aws.kinesis(), stream, Corpus.generate(800, 8L));
		ShardLayout layout = ShardLayout.of(sent);
		SentKinesisRecord aggregate = layout.largestAggregateInTheMiddle();
		UserRecordId poison = poisonIn(stream, aggregate);
		String otherShard = layout.shards()
			.stream()
			.filter((shard) -> !shard.equals(aggregate.shardId()))
			.findFirst()
			.orElseThrow();
		List<RecordContent> otherShardContents = sent.stream()
			.filter((record) -> record.shardId().equals(otherShard))
			.map((record) -> record.record().content())
			.toList();
		Deliveries deliveries = new Deliveries();
		List<Delivery> received;
		Checkpoints checkpoints = new Checkpoints(aws);
		try (ConsumerInstance consumer = ConsumerInstance.start(settings(aws, stream), failingOn(poison, deliveries))) {
			await().atMost(TIMEOUT).until(() -> attempts(deliveries.all(), poison) >= 2);
			String checkpointAfterFirstRetry = checkpoints.of(GROUP, stream, aggregate.shardId());
			await().atMost(TIMEOUT)
				.until(() -> attempts(deliveries.all(), poison) >= 4 && deliveries.all()
					.stream()
					.map(Delivery::content)
					.collect(Collectors.toSet())
					.containsAll(otherShardContents));
			received = deliveries.all();

			assertThat(checkpointAfterFirstRetry).as("checkpoint of the poisoned shard")
				.isEqualTo(layout.previous(aggregate).sequenceNumber())
				.isEqualTo(checkpoints.of(GROUP, stream, aggregate.shardId()));
			assertThat(checkpoints.of(GROUP, stream, otherShard)).as("checkpoint of the other shard")
				.isEqualTo(layout.last(otherShard).sequenceNumber());
		}

		assertThat(received).filteredOn((delivery) -> delivery.id().shard().equals(aggregate.shardId()))
			.as("nothing after the poison record is delivered")
			.allSatisfy((delivery) -> assertThat(isAfter(delivery.id(), poison)).as("%s", delivery.id()).isFalse());
		Map<Long, Long> attemptsPerSubSequence = received.stream()
			.filter((delivery) -> delivery.id().sequenceNumber().equals(aggregate.sequenceNumber()))
			.collect(Collectors.groupingBy((delivery) -> delivery.id().subSequenceNumber(), Collectors.counting()));
		assertThat(attemptsPerSubSequence).as("deliveries of each user record of the aggregate up to the poison")
			.hasSize((int) poison.subSequenceNumber() + 1)
			.allSatisfy((subSequence, attempts) -> assertThat(attempts)
				.isEqualTo((subSequence == poison.subSequenceNumber()) ? attempts(received, poison) : 1));
		System.out.printf(
				"Poison record without an error handler: aggregate of %d user records, poison at %d,"
						+ " delivered %d times; checkpoint stays at the record before the aggregate%n",
				aggregate.userRecords(), poison.subSequenceNumber(), attempts(received, poison));
	}

	private static ConsumerSettings settings(LocalAws aws, String stream) {
		return ConsumerSettings.of(aws, stream, GROUP).checkpointMode("record");
	}

	private static UserRecordId poisonIn(String stream, SentKinesisRecord aggregate) {
		return new UserRecordId(stream, aggregate.shardId(), aggregate.sequenceNumber(), aggregate.userRecords() / 2);
	}

	/** Keeps every delivery, then throws on the poison record. */
	private static DeliveryHandler failingOn(UserRecordId poison, Deliveries deliveries) {
		return (delivery) -> {
			deliveries.handle(delivery);
			if (delivery.id().equals(poison)) {
				throw new IllegalStateException("Poison user record " + poison);
			}
		};
	}

	private static boolean isAfter(UserRecordId id, UserRecordId other) {
		int bySequenceNumber = new BigInteger(id.sequenceNumber()).compareTo(new BigInteger(other.sequenceNumber()));
		return bySequenceNumber > 0 || bySequenceNumber == 0 && id.subSequenceNumber() > other.subSequenceNumber();
	}

	private static long attempts(List<Delivery> deliveries, UserRecordId id) {
		return deliveries.stream().filter((delivery) -> delivery.id().equals(id)).count();
	}

	private static UserRecordId idOf(Message<?> message) {
		return new UserRecordId(message.getHeaders().get(KinesisHeaders.RECEIVED_STREAM, String.class),
				message.getHeaders().get(KinesisHeaders.SHARD, String.class),
				message.getHeaders().get(KplHeaders.SEQUENCE_NUMBER, String.class),
				message.getHeaders().get(KplHeaders.SUB_SEQUENCE_NUMBER, Long.class));
	}

}
