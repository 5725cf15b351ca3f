package io.github.kpldeagg.it;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import io.github.kpldeagg.it.network.LoopbackOnly;
import io.github.kpldeagg.it.network.ObservedSocket;
import io.github.kpldeagg.it.support.ConsumerInstance;
import io.github.kpldeagg.it.support.ConsumerSettings;
import io.github.kpldeagg.it.support.Corpus;
import io.github.kpldeagg.it.support.Deliveries;
import io.github.kpldeagg.it.support.Delivery;
import io.github.kpldeagg.it.support.LocalAws;
import io.github.kpldeagg.it.support.LocalAwsTest;
import io.github.kpldeagg.it.support.ProducedRecord;
import io.github.kpldeagg.it.support.RealKpl;
import io.github.kpldeagg.it.support.RecordContent;
import io.github.kpldeagg.it.support.SentRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real KPL writes thousands of varied user records to a 4-shard stream; a Spring Boot
 * app with the starter receives each exactly once, with the headers that match what the
 * KPL reported, in shard order.
 */
@LocalAwsTest
class KplEndToEndIT {

	private static final int USER_RECORDS = 4000;

	private static final int SHARDS = 4;

	@Test
	void everyUserRecordOfTheRealKplArrivesOnceWithItsHeadersInShardOrder(LocalAws aws) {
		String stream = aws.createStream("kpl-e2e", SHARDS);
		List<ProducedRecord> corpus = Corpus.generate(USER_RECORDS, 20251126L);
		Deliveries deliveries = new Deliveries();
		List<SentRecord> sent = new ArrayList<>();
		List<Delivery> received;
		try (ConsumerInstance consumer = ConsumerInstance.start(ConsumerSettings.of(aws, stream, "e2e"), deliveries);
				RealKpl kpl = RealKpl.start(aws.kinesis())) {
			sent.add(kpl.warmUp(stream, corpus.get(0)));
			sent.addAll(kpl.send(stream, corpus.subList(1, corpus.size())));
			received = deliveries.awaitAtLeast(sent.size(), Duration.ofMinutes(2));
		}

		Map<RecordContent, SentRecord> sentByContent = sent.stream()
			.collect(Collectors.toMap((record) -> record.record().content(), Function.identity()));
		assertThat(sentByContent).hasSize(USER_RECORDS);
		assertThat(received).extracting(Delivery::content)
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(sentByContent.keySet());

		Map<String, Long> userRecordsPerKinesisRecord = sent.stream()
			.collect(Collectors.groupingBy(SentRecord::sequenceNumber, Collectors.counting()));
		for (Delivery delivery : received) {
			SentRecord origin = sentByContent.get(delivery.content());
			assertThat(delivery.id().stream()).isEqualTo(stream);
			assertThat(delivery.id().shard()).as("shard of %s", origin).isEqualTo(origin.shardId());
			assertThat(delivery.id().sequenceNumber()).as("sequence number of %s", origin)
				.isEqualTo(origin.sequenceNumber());
			assertThat(delivery.receivedSequenceNumber()).isEqualTo(origin.sequenceNumber());
			assertThat(delivery.receivedPartitionKey()).isEqualTo(origin.record().partitionKey());
			assertThat(delivery.aggregated()).isEqualTo(userRecordsPerKinesisRecord.get(origin.sequenceNumber()) > 1);
			// GetRecords does not return a Kinesis record's explicit hash key: only an
			// aggregate carries them.
			assertThat(delivery.explicitHashKey()).as("explicit hash key of %s", origin)
				.isEqualTo(delivery.aggregated() ? origin.record().explicitHashKey() : null);
			assertThat(delivery.payloadAgreesWithHeaders()).as("UserRecord payload of %s", origin).isTrue();
		}

		Map<String, List<Long>> subSequencesPerKinesisRecord = received.stream()
			.collect(Collectors.groupingBy((delivery) -> delivery.id().sequenceNumber(),
					Collectors.mapping((delivery) -> delivery.id().subSequenceNumber(), Collectors.toList())));
		subSequencesPerKinesisRecord.forEach((sequenceNumber, subSequences) -> assertThat(subSequences)
			.as("sub-sequence numbers in Kinesis record %s", sequenceNumber)
			.containsExactlyInAnyOrderElementsOf(LongStream.range(0, subSequences.size()).boxed().toList()));

		Map<String, List<Delivery>> byShard = received.stream()
			.collect(Collectors.groupingBy((delivery) -> delivery.id().shard()));
		assertThat(byShard).hasSize(SHARDS);
		byShard.forEach(
				(shard, inArrivalOrder) -> assertThat(inArrivalOrder).as("user records of %s in arrival order", shard)
					.isSortedAccordingTo(Comparator
						.<Delivery, BigInteger>comparing((delivery) -> new BigInteger(delivery.id().sequenceNumber()))
						.thenComparingLong((delivery) -> delivery.id().subSequenceNumber())));

		long aggregates = userRecordsPerKinesisRecord.values().stream().filter((count) -> count > 1).count();
		assertThat(aggregates).as("aggregates the KPL wrote").isGreaterThan(10);
		assertThat(received).filteredOn((delivery) -> !delivery.aggregated()).isNotEmpty();
		assertThat(received).filteredOn((delivery) -> delivery.explicitHashKey() != null).isNotEmpty();
		System.out.printf(
				"KPL end to end: %d user records produced in %d Kinesis records (%d aggregates, largest"
						+ " %d user records), %d received, per shard %s%n",
				sent.size(), userRecordsPerKinesisRecord.size(), aggregates,
				userRecordsPerKinesisRecord.values().stream().mapToLong(Long::longValue).max().orElse(0),
				received.size(), byShard.values().stream().map(List::size).toList());

		LoopbackOnly.watch().sampleNow();
		assertThat(LoopbackOnly.watch().observed())
			.as("the network watch saw the KPL daemon's connections to kinesis-local's TLS port")
			.anyMatch((socket) -> isKplDaemon(socket) && socket.remotePort() == aws.kinesis().tlsPort());
	}

	private static boolean isKplDaemon(ObservedSocket socket) {
		return socket.command().contains("kinesis_producer") && socket.pid() != ProcessHandle.current().pid();
	}

}
