package io.github.kpldeagg.it;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

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
import static org.awaitility.Awaitility.await;

/**
 * Two instances of one consumer group read a 4-shard stream, the DynamoDB lock registry
 * giving each shard to one of them. One instance stops while the KPL is still writing;
 * the other takes over its shards from their checkpoints. Every user record arrives, and
 * no shard is ever read by both at once.
 * <p>
 * The binder does not balance shards: each goes to the instance that locks it first, so
 * the split before the stop varies from run to run, and one instance may hold all four
 * while the other stands by.
 */
@LocalAwsTest
class TwoConsumerInstancesIT {

	private static final String GROUP = "pair";

	private static final int SHARDS = 4;

	private static final int FIRST_WAVE = 1500;

	private static final int SECOND_WAVE = 1500;

	private static final int CHUNK = 100;

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	@Test
	void twoInstancesNeverReadAShardTogetherAndTheSurvivorTakesOverWithoutLoss(LocalAws aws) throws Exception {
		String stream = aws.createStream("pair", SHARDS);
		List<ProducedRecord> corpus = Corpus.generate(FIRST_WAVE + SECOND_WAVE, 99L);
		Deliveries deliveries = new Deliveries();
		List<SentRecord> sent = new ArrayList<>();
		Map<String, ConsumerInstance> instances = startTogether(aws, stream, deliveries, "a", "b");
		Map<String, Set<String>> shardsBeforeStop;
		String stopped;
		long stopStartedAt;
		try (RealKpl kpl = RealKpl.start(aws.kinesis())) {
			sent.add(kpl.warmUp(stream, corpus.get(0)));
			sent.addAll(kpl.send(stream, corpus.subList(1, FIRST_WAVE)));
			awaitContents(deliveries, sent);
			shardsBeforeStop = shardsByInstance(deliveries.all());
			stopped = shardsBeforeStop.entrySet()
				.stream()
				.max(Comparator.comparingInt((entry) -> entry.getValue().size()))
				.orElseThrow()
				.getKey();

			// The stop begins while the KPL writes the second wave; its last chunk goes
			// out after the stop, so
			// that the survivor has records of every shard to read.
			List<ProducedRecord> secondWave = corpus.subList(FIRST_WAVE, corpus.size());
			int lastChunkStart = secondWave.size() - CHUNK;
			AtomicInteger chunksSent = new AtomicInteger();
			CompletableFuture<List<SentRecord>> duringStop = CompletableFuture
				.supplyAsync(() -> sendInChunks(kpl, stream, secondWave.subList(0, lastChunkStart), chunksSent));
			await().atMost(TIMEOUT).until(() -> chunksSent.get() >= lastChunkStart / CHUNK / 3);
			stopStartedAt = System.nanoTime();
			instances.remove(stopped).close();
			sent.addAll(duringStop.join());
			List<SentRecord> afterStop = kpl.send(stream, secondWave.subList(lastChunkStart, secondWave.size()));
			assertThat(afterStop.stream().map(SentRecord::shardId).distinct()).as("shards written after the stop")
				.hasSize(SHARDS);
			sent.addAll(afterStop);
			awaitContents(deliveries, sent);
		}
		finally {
			instances.values().forEach(ConsumerInstance::close);
		}
		String survivor = "a".equals(stopped) ? "b" : "a";
		List<Delivery> received = deliveries.all();

		assertThat(received.stream().map(Delivery::content).collect(Collectors.toSet())).as("lost: none")
			.isEqualTo(sent.stream().map((record) -> record.record().content()).collect(Collectors.toSet()));
		assertThat(shardsBeforeStop.values().stream().flatMap(Set::stream).distinct()).as("shards read")
			.hasSize(SHARDS);

		Map<String, List<Delivery>> byShard = received.stream()
			.collect(Collectors.groupingBy((delivery) -> delivery.id().shard(), TreeMap::new, Collectors.toList()));
		byShard.forEach((shard, deliveriesOfShard) -> {
			List<Delivery> inTimeOrder = deliveriesOfShard.stream()
				.sorted(Comparator.comparingLong(Delivery::receivedAtNanos))
				.toList();
			assertThat(readers(inTimeOrder)).as("instances reading %s, in turn", shard)
				.isIn(List.of(stopped), List.of(survivor), List.of(stopped, survivor));
			for (String instance : List.of(stopped, survivor)) {
				assertThat(inTimeOrder).filteredOn((delivery) -> delivery.instance().equals(instance))
					.as("user records of %s as %s read them", shard, instance)
					.isSortedAccordingTo(Comparator
						.<Delivery, BigInteger>comparing((delivery) -> new BigInteger(delivery.id().sequenceNumber()))
						.thenComparingLong((delivery) -> delivery.id().subSequenceNumber()));
			}
		});
		assertThat(received).filteredOn((delivery) -> delivery.receivedAtNanos() > stopStartedAt)
			.as("deliveries after the stop began")
			.extracting(Delivery::instance)
			.contains(survivor);
		assertThat(shardsByInstance(
				received.stream().filter((delivery) -> delivery.receivedAtNanos() > stopStartedAt).toList())
			.get(survivor)).as("shards the survivor read after the stop").hasSize(SHARDS);

		long duplicates = received.size() - received.stream().map(Delivery::id).distinct().count();
		System.out.printf(
				"Two instances: %d user records produced, %d received (%d duplicates, 0 lost); shards"
						+ " before the stop %s; %s stopped, %s read all %d shards after it%n",
				sent.size(), received.size(), duplicates, shardsBeforeStop, stopped, survivor, SHARDS);
	}

	/**
	 * Starts the instances at the same time, so that neither has locked every shard
	 * before the other starts. If one fails to start, the others are closed again.
	 */
	private static Map<String, ConsumerInstance> startTogether(LocalAws aws, String stream, Deliveries deliveries,
			String... names) {
		Map<String, CompletableFuture<ConsumerInstance>> starting = new TreeMap<>();
		for (String name : names) {
			starting.put(name, CompletableFuture.supplyAsync(
					() -> ConsumerInstance.start(ConsumerSettings.of(aws, stream, GROUP).instance(name), deliveries)));
		}
		Map<String, ConsumerInstance> started = new TreeMap<>();
		RuntimeException failure = null;
		for (Map.Entry<String, CompletableFuture<ConsumerInstance>> instance : starting.entrySet()) {
			try {
				started.put(instance.getKey(), instance.getValue().join());
			}
			catch (CompletionException ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		if (failure != null) {
			started.values().forEach(ConsumerInstance::close);
			throw failure;
		}
		return started;
	}

	private static List<SentRecord> sendInChunks(RealKpl kpl, String stream, List<ProducedRecord> records,
			AtomicInteger chunksSent) {
		List<SentRecord> sent = new ArrayList<>();
		for (int from = 0; from < records.size(); from += CHUNK) {
			sent.addAll(kpl.send(stream, records.subList(from, Math.min(records.size(), from + CHUNK))));
			chunksSent.incrementAndGet();
		}
		return sent;
	}

	private static void awaitContents(Deliveries deliveries, List<SentRecord> sent) {
		Set<RecordContent> expected = sent.stream()
			.map((record) -> record.record().content())
			.collect(Collectors.toSet());
		await().atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> deliveries.all()
				.stream()
				.map(Delivery::content)
				.collect(Collectors.toSet())
				.containsAll(expected));
	}

	private static Map<String, Set<String>> shardsByInstance(List<Delivery> deliveries) {
		return deliveries.stream()
			.collect(Collectors.groupingBy(Delivery::instance, TreeMap::new,
					Collectors.mapping((delivery) -> delivery.id().shard(), Collectors.toCollection(TreeSet::new))));
	}

	/** The instances in the order they read, each run of one instance counted once. */
	private static List<String> readers(List<Delivery> inTimeOrder) {
		List<String> readers = new ArrayList<>();
		for (Delivery delivery : inTimeOrder) {
			if (readers.isEmpty() || !readers.get(readers.size() - 1).equals(delivery.instance())) {
				readers.add(delivery.instance());
			}
		}
		return readers;
	}

}
