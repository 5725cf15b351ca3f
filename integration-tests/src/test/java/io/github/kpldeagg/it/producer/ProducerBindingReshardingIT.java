package io.github.kpldeagg.it.producer;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import io.awspring.cloud.kinesis.stream.binder.KinesisMessageChannelBinder;
import io.awspring.cloud.kinesis.stream.binder.properties.KinesisBinderConfigurationProperties;
import io.github.kpldeagg.core.Deaggregator;
import io.github.kpldeagg.core.HashKeys;
import io.github.kpldeagg.core.UserRecord;
import io.github.kpldeagg.it.support.ConsumerInstance;
import io.github.kpldeagg.it.support.ConsumerSettings;
import io.github.kpldeagg.it.support.Deliveries;
import io.github.kpldeagg.it.support.Delivery;
import io.github.kpldeagg.it.support.LocalAws;
import io.github.kpldeagg.it.support.LocalAwsTest;
import io.github.kpldeagg.it.support.RecordContent;
import io.github.kpldeagg.it.support.Resharding;
import io.github.kpldeagg.it.support.ShardLineage;
import io.github.kpldeagg.producer.AggregatingProducer;
import io.github.kpldeagg.producer.MicrometerProducerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 18's proof: a Spring Boot application on the current line ({@link SensorApp}),
 * which sends with {@link StreamBridge} to an output binding with the binder's
 * {@code partition-key-expression} and opts that binding in with
 * {@code kpl.producer.bindings.readings-out-0.enabled=true} (the binder's defaults
 * otherwise: no native KPL, {@code kpl-kcl-enabled} false, no {@code kinesis_producer}
 * child), writes user records at a steady rate to a 2-shard stream while the test splits
 * shard 0 and then merges the split's upper child with shard 1. A consumer application
 * with the starter and {@code kpl.deaggregation.shard-filter=true} reads everything back:
 * nothing lost, every user record with the data and partition key it was sent with, none
 * delivered from a shard whose range does not hold its hash key. The plain SDK and the
 * core's {@link Deaggregator} then read the whole stream with KCL's semantics (an
 * aggregate holding a user record out of its shard's range is dropped whole): no user
 * record is only in dropped aggregates. Duplicates (copies of user records the producer
 * put again after a wrong-shard put that stayed in range) are counted and reported.
 */
@LocalAwsTest
class ProducerBindingReshardingIT {

	private static final int USER_RECORDS = Integer.getInteger("kpl.it.binding-reshard.user-records", 15_000);

	private static final int USER_RECORDS_PER_SECOND = 500;

	private static final int DEVICES = 400;

	private static final int DATA_BYTES = 100;

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	/** The native KPL's daemon, as the KPL names its executable. */
	private static final String KPL_DAEMON = "kinesis_producer";

	@Test
	void anOptedInBindingWritesThroughASplitAndAMergeAndTheStarterReadsEveryUserRecordBack(LocalAws aws) {
		long start = System.nanoTime();
		String stream = aws.createStream("binding-reshard", 2);
		Resharding resharding = new Resharding(aws, stream);
		Deliveries deliveries = new Deliveries();
		Map<RecordContent, Integer> sent = new LinkedHashMap<>();
		for (int i = 0; i < USER_RECORDS; i++) {
			sent.put(RecordContent.of(device(i), data(i)), i);
		}
		ShardLineage lineage;
		double filtered;
		double wrongShardReputs;
		double kinesisRecordsPut;
		List<String> daemonsSeen = new ArrayList<>();
		long writeNanos;
		try (ConsumerInstance reader = ConsumerInstance.start(ConsumerSettings.of(aws, stream, "readings-reader")
			.instance("reader")
			.set("kpl.deaggregation.shard-filter", "true"), deliveries);
				ConfigurableApplicationContext writer = new SpringApplicationBuilder(SensorApp.class)
					.properties(writerProperties(aws, stream))
					.run()) {
			assertNoNativeKpl(writer);
			StreamBridge streamBridge = writer.getBean(StreamBridge.class);
			AtomicInteger sentCount = new AtomicInteger();
			long writeStart = System.nanoTime();
			CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
				long paceNanos = 1_000_000_000L / USER_RECORDS_PER_SECOND;
				for (int i = 0; i < USER_RECORDS; i++) {
					boolean accepted = streamBridge.send(SensorApp.BINDING,
							MessageBuilder.withPayload(data(i)).setHeader("device", device(i)).build());
					assertThat(accepted).as("StreamBridge took user record %d", i).isTrue();
					sentCount.incrementAndGet();
					LockSupport.parkNanos(writeStart + (i + 1) * paceNanos - System.nanoTime());
				}
			});
			String parent = resharding.lineage().shards().get(0);
			await().atMost(TIMEOUT).until(() -> sentCount.get() >= USER_RECORDS / 4 || sending.isDone());
			ShardLineage afterSplit = resharding.split(parent);
			daemonsSeen.addAll(kplDaemons());
			String upperChild = afterSplit.shards().get(afterSplit.shards().size() - 1);
			String neighbour = afterSplit.shards().get(1);
			await().atMost(TIMEOUT).until(() -> sentCount.get() >= USER_RECORDS * 7 / 12 || sending.isDone());
			lineage = resharding.merge(upperChild, neighbour);
			daemonsSeen.addAll(kplDaemons());
			sending.join();
			writer.getBean(AggregatingProducer.class).flushSync();
			writeNanos = System.nanoTime() - writeStart;
			MeterRegistry metrics = writer.getBean(MeterRegistry.class);
			assertThat(count(metrics, MicrometerProducerMetrics.USER_RECORDS_PUT)).as("user records put")
				.isEqualTo(USER_RECORDS);
			assertThat(count(metrics, MicrometerProducerMetrics.EXPIRED)).as("user records expired").isZero();
			wrongShardReputs = count(metrics, MicrometerProducerMetrics.WRONG_SHARD_REPUTS);
			kinesisRecordsPut = count(metrics, MicrometerProducerMetrics.KINESIS_RECORDS_PUT);
			awaitEveryContent(deliveries, sent.keySet());
			filtered = reader.count("kpl.deaggregation.filtered");
		}
		List<Delivery> delivered = deliveries.all();
		StreamCopies copies = StreamCopies.read(aws, stream);

		assertThat(daemonsSeen).as("%s processes under this JVM while writing", KPL_DAEMON).isEmpty();
		assertThat(lineage.shards()).as("shards after the split and the merge: %s", lineage).hasSize(5);
		Set<RecordContent> deliveredContents = delivered.stream().map(Delivery::content).collect(Collectors.toSet());
		Set<RecordContent> lost = new HashSet<>(sent.keySet());
		lost.removeAll(deliveredContents);
		assertThat(lost).as("user records lost").isEmpty();
		assertThat(delivered).as("deliveries of something never sent (data or partition key changed)")
			.allMatch((delivery) -> sent.containsKey(delivery.content()));
		assertThat(delivered).extracting(Delivery::id)
			.as("each Kinesis copy of a user record once")
			.doesNotHaveDuplicates();
		assertThat(delivered).as("delivered from a shard whose range does not hold the hash key")
			.allMatch((delivery) -> lineage.contains(delivery.id().shard(), hashKey(delivery.content())));
		assertThat(delivered).filteredOn(Delivery::aggregated)
			.as("user records delivered from KPL aggregates")
			.hasSizeGreaterThan(USER_RECORDS * 9 / 10);
		assertThat(copies.droppedByKcl(sent.keySet(), delivered)).as("user records only in aggregates KCL drops")
			.isEmpty();
		assertThat(copies.userRecordCopies()).as("copies in the stream: every user record, and the strays")
			.isEqualTo(delivered.size() + (long) filtered);
		assertThat(wrongShardReputs).as("user records put again after a wrong-shard put").isPositive();

		long duplicates = delivered.size() - deliveredContents.size();
		System.out.printf("Producer binding through a split and a merge (StreamBridge, readings-out-0 opted in,"
				+ " no native KPL): %,d user records of %d B at %d/s, written in %.1f s (%,.0f Kinesis records put);"
				+ " %,.0f put again by the AggregatingProducer after a wrong-shard put; shards %s%n"
				+ "  starter, shard filter on: %,d delivered, 0 lost, 0 from a shard not holding their hash key,"
				+ " %,.0f strays filtered, %,d duplicates (re-put user records that stayed in range)%n"
				+ "  plain SDK + core Deaggregator, KCL semantics: %,d Kinesis records, %,d user-record copies,"
				+ " %d aggregates KCL drops whole (%,d copies in them), 0 user records dropped, %,d duplicates%n"
				+ "  run %.1f s%n", USER_RECORDS, DATA_BYTES, USER_RECORDS_PER_SECOND, writeNanos / 1e9,
				kinesisRecordsPut, wrongShardReputs, lineage, delivered.size(), filtered, duplicates,
				copies.kinesisRecords(), copies.userRecordCopies(), copies.aggregatesDroppedByKcl(),
				copies.copiesInDroppedAggregates(), copies.duplicatesWithKcl(delivered),
				(System.nanoTime() - start) / 1e9);
	}

	private static Map<String, Object> writerProperties(LocalAws aws, String stream) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.cloud.aws.endpoint", aws.kinesis().endpoint().toString());
		properties.put("spring.cloud.aws.dynamodb.endpoint", aws.dynamoDb().endpoint().toString());
		properties.put("spring.cloud.aws.region.static", "us-east-1");
		properties.put("spring.cloud.aws.credentials.access-key", "fake-access-key");
		properties.put("spring.cloud.aws.credentials.secret-key", "fake-secret-key");
		properties.put("spring.cloud.stream.output-bindings", "readings");
		properties.put("spring.cloud.stream.bindings." + SensorApp.BINDING + ".destination", stream);
		properties.put("spring.cloud.stream.bindings." + SensorApp.BINDING + ".producer.partition-key-expression",
				"headers['device']");
		properties.put("kpl.producer.bindings." + SensorApp.BINDING + ".enabled", "true");
		properties.put("spring.jmx.enabled", "false");
		properties.put("spring.main.banner-mode", "off");
		return properties;
	}

	/**
	 * The binder runs without the native KPL and puts with the application's client,
	 * which the opted-in binding's handler replaces with the producer's.
	 */
	private static void assertNoNativeKpl(ConfigurableApplicationContext writer) {
		KinesisMessageChannelBinder binder = (KinesisMessageChannelBinder) writer.getBean(BinderFactory.class)
			.getBinder(null, MessageChannel.class);
		KinesisBinderConfigurationProperties binderProperties = (KinesisBinderConfigurationProperties) ReflectionTestUtils
			.getField(binder, "configurationProperties");
		assertThat(binderProperties.isKplKclEnabled()).as("the binder's kpl-kcl-enabled").isFalse();
		assertThat(binder.getAmazonKinesis()).as("the binder's client is the application's")
			.isSameAs(writer.getBean(KinesisAsyncClient.class));
		assertThat(kplDaemons()).as("%s processes under this JVM", KPL_DAEMON).isEmpty();
	}

	private static List<String> kplDaemons() {
		return ProcessHandle.current()
			.descendants()
			.map((process) -> process.pid() + " " + process.info().commandLine().orElse(""))
			.filter((process) -> process.contains(KPL_DAEMON))
			.toList();
	}

	private static double count(MeterRegistry metrics, String name) {
		return metrics.find(name).counters().stream().mapToDouble(Counter::count).sum();
	}

	private static void awaitEveryContent(Deliveries deliveries, Set<RecordContent> expected) {
		await().atMost(TIMEOUT)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> deliveries.all()
				.stream()
				.map(Delivery::content)
				.collect(Collectors.toSet())
				.containsAll(expected));
		// A quiet period, so that a surplus would be seen too.
		deliveries.awaitAtLeast(0, TIMEOUT);
	}

	static String device(int i) {
		return "device-" + (i % DEVICES);
	}

	static byte[] data(int i) {
		StringBuilder text = new StringBuilder("reading-").append(i).append('-');
		while (text.length() < DATA_BYTES) {
			text.append((char) ('a' + (text.length() + i) % 26));
		}
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static BigInteger hashKey(RecordContent content) {
		return HashKeys.effectiveHashKey(content.partitionKey(), null);
	}

	/**
	 * Every Kinesis record of the stream, open and closed shards, read with the plain SDK
	 * and deaggregated by the core without a filter; each judged as KCL judges it: an
	 * aggregate holding a user record out of its shard's range is dropped whole. Records
	 * are named by shard and sequence number, as the starter's deliveries name them (the
	 * data in Kinesis carries the binder's embedded headers, which the starter takes
	 * off).
	 */
	record StreamCopies(int kinesisRecords, long userRecordCopies, int aggregatesDroppedByKcl,
			long copiesInDroppedAggregates, Map<String, Boolean> keptByKcl) {

		static StreamCopies read(LocalAws aws, String stream) {
			Deaggregator deaggregator = Deaggregator.create();
			int kinesisRecords = 0;
			long copies = 0;
			int droppedAggregates = 0;
			long copiesInDropped = 0;
			Map<String, Boolean> kept = new HashMap<>();
			for (Map.Entry<Shard, List<Record>> shard : KinesisRecords.readAll(aws.kinesis().client(), stream)
				.entrySet()) {
				BigInteger first = new BigInteger(shard.getKey().hashKeyRange().startingHashKey());
				BigInteger last = new BigInteger(shard.getKey().hashKeyRange().endingHashKey());
				for (Record record : shard.getValue()) {
					kinesisRecords++;
					List<UserRecord> userRecords = deaggregator.deaggregate(record);
					copies += userRecords.size();
					boolean inRange = userRecords.stream()
						.map(UserRecord::effectiveHashKey)
						.allMatch((hashKey) -> hashKey.compareTo(first) >= 0 && hashKey.compareTo(last) <= 0);
					if (!inRange) {
						droppedAggregates++;
						copiesInDropped += userRecords.size();
					}
					kept.put(kinesisRecord(shard.getKey().shardId(), record.sequenceNumber()), inRange);
				}
			}
			return new StreamCopies(kinesisRecords, copies, droppedAggregates, copiesInDropped, kept);
		}

		static String kinesisRecord(String shardId, String sequenceNumber) {
			return shardId + "/" + sequenceNumber;
		}

		/**
		 * Whether KCL would hand out the user records of the Kinesis record that carried
		 * this one.
		 */
		boolean keptByKcl(Delivery delivery) {
			return Boolean.TRUE
				.equals(this.keptByKcl.get(kinesisRecord(delivery.id().shard(), delivery.id().sequenceNumber())));
		}

		/** Sent user records of which KCL would hand out no copy. */
		Set<RecordContent> droppedByKcl(Set<RecordContent> sent, List<Delivery> delivered) {
			Set<RecordContent> dropped = new HashSet<>(sent);
			delivered.stream().filter(this::keptByKcl).map(Delivery::content).forEach(dropped::remove);
			return dropped;
		}

		/** Copies KCL would hand out of user records it hands out before. */
		long duplicatesWithKcl(List<Delivery> delivered) {
			List<Delivery> kept = delivered.stream().filter(this::keptByKcl).toList();
			return kept.size() - kept.stream().map(Delivery::content).distinct().count();
		}

	}

}
