package io.github.kpldeagg.emulator;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import io.github.kpldeagg.emulator.procnet.ProcessSockets;
import io.github.kpldeagg.emulator.procnet.SocketEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class KinesisLocalTests {

	private static KinesisLocal kinesis;

	@BeforeAll
	static void start() {
		kinesis = KinesisLocal.start();
	}

	@AfterAll
	static void stop() {
		kinesis.close();
	}

	@Test
	void recordPutWithAnExplicitHashKeyIsReadBackFromTheShardOwningThatKey() {
		kinesis.createStream("round-trip", 2);
		assertThat(kinesis.client()
			.describeStreamSummary((r) -> r.streamName("round-trip"))
			.streamDescriptionSummary()
			.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
		List<Shard> shards = kinesis.client().listShards((r) -> r.streamName("round-trip")).shards();
		assertThat(shards).hasSize(2);
		Shard upperShard = shards.stream()
			.max((a, b) -> new BigInteger(a.hashKeyRange().startingHashKey())
				.compareTo(new BigInteger(b.hashKeyRange().startingHashKey())))
			.orElseThrow();
		String highestHashKey = BigInteger.TWO.pow(128).subtract(BigInteger.ONE).toString();
		byte[] data = "hello, loopback".getBytes(StandardCharsets.UTF_8);

		// Partition key "a" alone would hash to the lower shard; the explicit
		// hash key must win.
		PutRecordResponse put = kinesis.client()
			.putRecord((r) -> r.streamName("round-trip")
				.partitionKey("a")
				.explicitHashKey(highestHashKey)
				.data(SdkBytes.fromByteArray(data)));

		assertThat(put.shardId()).isEqualTo(upperShard.shardId());
		String iterator = kinesis.client()
			.getShardIterator((r) -> r.streamName("round-trip")
				.shardId(upperShard.shardId())
				.shardIteratorType(ShardIteratorType.TRIM_HORIZON))
			.shardIterator();
		GetRecordsResponse read = kinesis.client().getRecords((r) -> r.shardIterator(iterator));
		assertThat(read.records()).extracting(Record::sequenceNumber).containsExactly(put.sequenceNumber());
		assertThat(read.records().get(0).data().asByteArray()).isEqualTo(data);
	}

	@Test
	void listensOnLoopbackOnly() throws Exception {
		assumeTrue(ProcessSockets.supported(), "needs Linux /proc");

		List<SocketEndpoint> listening = ProcessSockets.listening(kinesis.pid());

		assertThat(listening).extracting(SocketEndpoint::port)
			.contains(kinesis.endpoint().getPort(), kinesis.tlsPort());
		assertThat(listening)
			.allSatisfy((endpoint) -> assertThat(endpoint.loopback()).as("%s is loopback", endpoint).isTrue());
	}

	@Test
	void closeStopsTheProcess() {
		KinesisLocal another = KinesisLocal.start();
		long pid = another.pid();
		assertThat(ProcessHandle.of(pid)).map(ProcessHandle::isAlive).contains(true);

		another.close();

		assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEqualTo(Optional.empty());
	}

}
