package io.github.kpldeagg.producer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.kpldeagg.producer.StreamContents.Identity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producer's shard map goes stale on purpose: it is loaded, then the stream is split
 * or merged, then user records are written. Every aggregate is predicted for the closed
 * parent and lands on a child.
 */
class WrongShardTests {

	private static LocalKinesis kinesis;

	@BeforeAll
	static void startKinesis() {
		kinesis = LocalKinesis.start();
	}

	@AfterAll
	static void stopKinesis() {
		kinesis.close();
	}

	@Test
	void afterASplitAggregatesOnAChildThatDoesNotHoldThemAllArePutAgain() {
		String stream = kinesis.createStream("split", 1);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		Map<Identity, byte[]> acknowledged = writeAfter(stream, registry,
				() -> new Resharding(kinesis.client(), stream).split(0));
		ReadBack.Figures figures = ReadBack.assertNothingLostOrDropped(StreamContents.read(kinesis.client(), stream),
				acknowledged);

		double reputs = registry.get(MicrometerProducerMetrics.WRONG_SHARD_REPUTS).counter().count();
		assertThat(reputs).as("user records put again").isPositive();
		assertThat(figures.strayCopies()).isEqualTo((int) reputs);
		assertThat(figures.droppedByKcl()).as("KCL drops every stray aggregate whole").isEqualTo((int) reputs);
	}

	@Test
	void afterAMergeAggregatesOnTheChildThatHoldsThemAllStand() {
		String stream = kinesis.createStream("merge", 2);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		Map<Identity, byte[]> acknowledged = writeAfter(stream, registry,
				() -> new Resharding(kinesis.client(), stream).mergeWithNext(0));
		ReadBack.Figures figures = ReadBack.assertNothingLostOrDropped(StreamContents.read(kinesis.client(), stream),
				acknowledged);

		assertThat(registry.find(MicrometerProducerMetrics.WRONG_SHARD_REPUTS).counter()).isNull();
		assertThat(figures.strayCopies()).isZero();
		String child = new Resharding(kinesis.client(), stream).openShards().get(0).shardId();
		assertThat(acknowledged.keySet()).filteredOn((identity) -> identity.shardId().equals(child))
			.as("all but the first on the merged child")
			.hasSize(400);
	}

	/** Loads the producer's shard map with a first record, reshards, then writes 400. */
	private static Map<Identity, byte[]> writeAfter(String stream, SimpleMeterRegistry registry, Runnable reshard) {
		ProducerConfiguration configuration = ProducerConfiguration.builder()
			.metrics(new MicrometerProducerMetrics(registry))
			.build();
		Map<Identity, byte[]> acknowledged = new HashMap<>();
		try (AggregatingProducer producer = AggregatingProducer.create(kinesis.asyncClient(), configuration)) {
			byte[] first = "first".getBytes();
			acknowledged.put(Identity.of(producer.addUserRecord(stream, "first", first).join()), first);
			reshard.run();
			List<byte[]> data = new ArrayList<>();
			List<CompletableFuture<UserRecordResult>> results = new ArrayList<>();
			for (int i = 0; i < 400; i++) {
				data.add(("user record " + i).getBytes());
				results.add(producer.addUserRecord(stream, "key-" + i, data.get(i)));
			}
			producer.flushSync();
			for (int i = 0; i < 400; i++) {
				acknowledged.put(Identity.of(results.get(i).join()), data.get(i));
			}
		}
		assertThat(acknowledged).hasSize(401);
		return acknowledged;
	}

}
