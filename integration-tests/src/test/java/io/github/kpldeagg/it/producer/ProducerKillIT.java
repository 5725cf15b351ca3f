package io.github.kpldeagg.it.producer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.github.kpldeagg.core.Deaggregator;
import io.github.kpldeagg.core.UserRecord;
import io.github.kpldeagg.it.crash.ChildJvm;
import io.github.kpldeagg.it.support.LocalAws;
import io.github.kpldeagg.it.support.LocalAwsTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A JVM writing with {@code AggregatingProducer} ({@link AcknowledgementLoggingWriter})
 * is killed with SIGKILL while thousands of user records are buffered or in flight. The
 * whole stream, read back with the plain SDK and the core's {@link Deaggregator}, holds
 * every user record the producer acknowledged, with its data, under the shard, sequence
 * and sub-sequence number its result named: nothing acknowledged is lost. What was added
 * and not acknowledged may or may not be there.
 */
@LocalAwsTest
class ProducerKillIT {

	private static final int SHARDS = 4;

	/** Acknowledged user records before the kill. */
	private static final int KILL_AFTER = Integer.getInteger("kpl.it.producer-kill.acknowledged", 5_000);

	private static final Duration TIMEOUT = Duration.ofSeconds(120);

	/** For kinesis-local to finish requests it had when the connection broke. */
	private static final Duration SETTLE = Duration.ofSeconds(2);

	@Test
	void killingTheProducersJvmLosesNoAcknowledgedUserRecord(LocalAws aws) throws Exception {
		String stream = aws.createStream("producer-kill", SHARDS);
		// A directory of its own: the stream's name repeats in every run.
		Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target", "producer-kill")),
				stream + "-");
		Path added = directory.resolve(stream + "-added.log");
		Path acknowledged = directory.resolve(stream + "-acknowledged.log");
		long startedAt = System.nanoTime();
		int addedAtKill;
		int acknowledgedAtKill;
		try (ChildJvm writer = ChildJvm.start(AcknowledgementLoggingWriter.class,
				List.of(aws.kinesis().endpoint().toString(), stream, added.toString(), acknowledged.toString()),
				directory.resolve(stream + ".log"))) {
			await().atMost(TIMEOUT)
				.pollInterval(Duration.ofMillis(50))
				.until(() -> !writer.isAlive() || lines(acknowledged).size() >= KILL_AFTER);
			assertThat(writer.isAlive()).as("%s alive before the kill", writer).isTrue();
			writer.kill();
			addedAtKill = lines(added).size();
			acknowledgedAtKill = lines(acknowledged).size();
		}
		long killedAt = System.nanoTime();
		Thread.sleep(SETTLE.toMillis());

		Set<Integer> addedIds = new HashSet<>();
		lines(added).forEach((line) -> addedIds.add(Integer.valueOf(line)));
		Map<Identity, Integer> acknowledgedIds = new HashMap<>();
		for (String line : lines(acknowledged)) {
			String[] fields = line.split(" ");
			if (fields.length == 4) {
				acknowledgedIds.put(new Identity(fields[1], fields[2], Long.parseLong(fields[3])),
						Integer.valueOf(fields[0]));
			}
		}
		Map<Identity, Integer> read = new HashMap<>();
		int kinesisRecords = 0;
		Deaggregator deaggregator = Deaggregator.create();
		for (Map.Entry<Shard, List<Record>> shard : KinesisRecords.readAll(aws.kinesis().client(), stream).entrySet()) {
			kinesisRecords += shard.getValue().size();
			for (UserRecord userRecord : deaggregator.deaggregate(shard.getValue())) {
				read.put(new Identity(shard.getKey().shardId(), userRecord.sequenceNumber(),
						userRecord.subSequenceNumber()), id(userRecord));
			}
		}
		Set<Integer> readIds = new HashSet<>(read.values());
		List<Identity> lost = new ArrayList<>();
		acknowledgedIds.forEach((identity, id) -> {
			if (!id.equals(read.get(identity))) {
				lost.add(identity);
			}
		});
		Set<Integer> readNotAcknowledged = new HashSet<>(readIds);
		readNotAcknowledged.removeAll(acknowledgedIds.values());
		Set<Integer> readNotAdded = new HashSet<>(readIds);
		readNotAdded.removeAll(addedIds);

		assertThat(acknowledgedIds).as("acknowledged user records").hasSizeGreaterThanOrEqualTo(KILL_AFTER);
		assertThat(addedIds.size()).as("added, more than acknowledged: some in flight at the kill")
			.isGreaterThan(acknowledgedIds.size());
		assertThat(lost).as("acknowledged user records not read back under their identity with their data").isEmpty();
		assertThat(readNotAdded).as("user records read back that were never added").isEmpty();
		System.out.printf(
				"Producer killed (SIGKILL) mid-run, %d shards, %d B user records: %,d added (%,d when killed),"
						+ " %,d acknowledged (%,d when killed), %,d outstanding at the kill; read back: %,d Kinesis"
						+ " records, %,d user records (%,d distinct), %,d acknowledged lost, %,d readable but not"
						+ " acknowledged, %,d added and not readable; kill after %.1f s, run %.1f s%n",
				SHARDS, AcknowledgementLoggingWriter.DATA_BYTES, addedIds.size(), addedAtKill, acknowledgedIds.size(),
				acknowledgedAtKill, addedIds.size() - acknowledgedIds.size(), kinesisRecords, read.size(),
				readIds.size(), lost.size(), readNotAcknowledged.size(), addedIds.size() - readIds.size(),
				(killedAt - startedAt) / 1e9, (System.nanoTime() - startedAt) / 1e9);
	}

	/**
	 * The user record's number, after checking its data is that the writer made for it.
	 */
	private static int id(UserRecord userRecord) {
		byte[] data = userRecord.bytes();
		int id = ByteBuffer.wrap(data).getInt();
		assertThat(data).as("data of user record %d", id)
			.isEqualTo(ProducerRun.data(id, AcknowledgementLoggingWriter.DATA_BYTES));
		assertThat(userRecord.partitionKey()).as("partition key of user record %d", id).isEqualTo("key-" + id);
		return id;
	}

	/**
	 * The complete lines of a file the writer appends to; a torn last line is left out.
	 */
	private static List<String> lines(Path file) throws IOException {
		if (!Files.exists(file)) {
			return List.of();
		}
		String content = Files.readString(file);
		int end = content.lastIndexOf('\n');
		if (end < 0) {
			return List.of();
		}
		try (Stream<String> lines = content.substring(0, end).lines()) {
			return lines.toList();
		}
	}

	/** Where a reader sees a user record: shard, sequence and sub-sequence number. */
	private record Identity(String shardId, String sequenceNumber, long subSequenceNumber) {
	}

}
