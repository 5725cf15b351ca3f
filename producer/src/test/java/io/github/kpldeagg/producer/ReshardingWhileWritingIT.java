package io.github.kpldeagg.producer;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

import io.github.kpldeagg.producer.StreamContents.Identity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producer writes 100,000 user records of 100 bytes (the {@code proof-long} profile:
 * 1,000,000) to a 2-shard stream at a steady pace while the stream is split twice and
 * merged twice: at a fifth of the run the lower shard is split, at two fifths the upper
 * one, at three fifths the two middle children are merged, at four fifths the lowest
 * child with that merged shard. Read back from every shard, open and closed, with each
 * shard's range as filter, by the core and by KCL's AggregatorUtil: every user record is
 * read under the identity its result named, with its data (0 lost, 0 dropped); what else
 * is there are the copies in aggregates left on a wrong shard.
 */
class ReshardingWhileWritingIT {

	private static final int USER_RECORDS = Integer.getInteger("kpl.producer.it.user-records", 100_000);

	private static final int USER_RECORDS_PER_SECOND = 5_000;

	private static final int DATA_BYTES = 100;

	@Test
	void splitsAndMergesWhileWritingLoseAndDropNothing() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		Map<Identity, byte[]> acknowledged = new HashMap<>(USER_RECORDS * 2);
		ReadBack.Figures figures;
		long start = System.nanoTime();
		try (LocalKinesis kinesis = LocalKinesis.start()) {
			String stream = kinesis.createStream("resharding", 2);
			Resharding resharding = new Resharding(kinesis.client(), stream);
			List<Runnable> reshards = List.of(() -> resharding.split(0), () -> resharding.split(2),
					() -> resharding.mergeWithNext(1), () -> resharding.mergeWithNext(0));
			ProducerConfiguration configuration = ProducerConfiguration.builder()
				// kinesis-local, one Node.js process on 2 busy cores, writes about 1
				// MB/s:
				// fewer requests at a time, each given longer, and time to wait for them.
				.maxConnections(4)
				.requestTimeout(Duration.ofMinutes(1))
				.recordTtl(Duration.ofMinutes(5))
				.metrics(new MicrometerProducerMetrics(registry))
				.build();
			List<byte[]> data = new ArrayList<>(USER_RECORDS);
			List<CompletableFuture<UserRecordResult>> results = new ArrayList<>(USER_RECORDS);
			CompletableFuture<Void> resharded = CompletableFuture.completedFuture(null);
			Random random = new Random(18);
			try (AggregatingProducer producer = AggregatingProducer.create(kinesis.asyncClient(), configuration)) {
				long paceNanos = 1_000_000_000L / USER_RECORDS_PER_SECOND;
				long writeStart = System.nanoTime();
				for (int i = 0; i < USER_RECORDS; i++) {
					byte[] userRecord = new byte[DATA_BYTES];
					random.nextBytes(userRecord);
					ByteBuffer.wrap(userRecord).putInt(i);
					data.add(userRecord);
					results.add(producer.addUserRecord(stream, "key-" + random.nextInt(100_000), userRecord));
					int fifth = (int) ((long) (i + 1) * 5 / USER_RECORDS);
					if ((long) (i + 1) * 5 % USER_RECORDS == 0 && fifth >= 1 && fifth <= reshards.size()) {
						// One resharding at a time, each waiting for the stream to be
						// ACTIVE.
						resharded = resharded.thenRunAsync(reshards.get(fifth - 1));
					}
					LockSupport.parkNanos(writeStart + (i + 1) * paceNanos - System.nanoTime());
				}
				resharded.join();
			}
			for (int i = 0; i < USER_RECORDS; i++) {
				acknowledged.put(Identity.of(results.get(i).join()), data.get(i));
			}
			assertThat(acknowledged).as("a distinct identity for every user record").hasSize(USER_RECORDS);
			StreamContents contents = StreamContents.read(kinesis.client(), stream);
			assertThat(contents.shardIds()).as("2 shards, 4 children of splits, 2 of merges").hasSize(8);
			figures = ReadBack.assertNothingLostOrDropped(contents, acknowledged);
		}
		double reputs = registry.get(MicrometerProducerMetrics.WRONG_SHARD_REPUTS).counter().count();
		assertThat(reputs).as("user records put again after a wrong-shard put").isPositive();
		System.out.printf("Resharding while writing (2 splits, 2 merges): %d user records of %d B in %.1f s,"
				+ " 0 lost, 0 dropped; %.0f put again after a wrong-shard put (%.2f %%), %.0f Kinesis records put;"
				+ " stray copies left on wrong shards: %d (shard filter drops %d, delivers %d in range twice;"
				+ " KCL drops %d, delivers %d)%n", USER_RECORDS, DATA_BYTES, (System.nanoTime() - start) / 1e9, reputs,
				100 * reputs / USER_RECORDS,
				registry.get(MicrometerProducerMetrics.KINESIS_RECORDS_PUT).counter().count(), figures.strayCopies(),
				figures.droppedByShardFilter(), figures.duplicatesWithShardFilter(), figures.droppedByKcl(),
				figures.duplicatesWithKcl());
	}

}
