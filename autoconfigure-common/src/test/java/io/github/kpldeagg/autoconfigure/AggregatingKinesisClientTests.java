package io.github.kpldeagg.autoconfigure;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.kpldeagg.producer.AggregatingProducer;
import io.github.kpldeagg.producer.ProducerConfiguration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.SequenceNumberRange;
import software.amazon.awssdk.services.kinesis.model.Shard;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a binder's handler gets back from the client that hands its records to the
 * producer: where each was put, or, for a refused entry of a PutRecords payload, its
 * error, as PutRecords reports it.
 */
class AggregatingKinesisClientTests {

	@Test
	void putRecordAnswersWithTheShardAndSequenceNumberOfTheCarryingRecord() {
		try (AggregatingProducer producer = producer()) {
			PutRecordResponse response = new AggregatingKinesisClient(producer)
				.putRecord(PutRecordRequest.builder()
					.streamName("stream")
					.partitionKey("key")
					.data(SdkBytes.fromUtf8String("one"))
					.build())
				.join();

			assertThat(response.shardId()).isEqualTo("shardId-000000000000");
			assertThat(response.sequenceNumber()).isEqualTo("1");
		}
	}

	@Test
	void putRecordsReportsEachEntryAndCountsTheRefusedOnes() {
		try (AggregatingProducer producer = producer()) {
			PutRecordsResponse response = new AggregatingKinesisClient(producer)
				.putRecords(PutRecordsRequest.builder()
					.streamName("stream")
					.records(entry("a", null), entry("b", "-1"), entry("c", "0"))
					.build())
				.join();

			assertThat(response.failedRecordCount()).isEqualTo(1);
			List<PutRecordsResultEntry> results = response.records();
			assertThat(results).hasSize(3);
			assertThat(results.get(0).sequenceNumber()).isEqualTo("1");
			assertThat(results.get(1).errorCode()).isEqualTo("IllegalArgumentException");
			assertThat(results.get(1).errorMessage()).contains("explicitHashKey");
			assertThat(results.get(2).sequenceNumber()).as("aggregated with the first").isEqualTo("1");
		}
	}

	private static PutRecordsRequestEntry entry(String partitionKey, String explicitHashKey) {
		return PutRecordsRequestEntry.builder()
			.partitionKey(partitionKey)
			.explicitHashKey(explicitHashKey)
			.data(SdkBytes.fromUtf8String(partitionKey))
			.build();
	}

	private static AggregatingProducer producer() {
		return AggregatingProducer.create(new OneShardKinesis(),
				ProducerConfiguration.builder().recordMaxBufferedTime(Duration.ofMillis(20)).build());
	}

	/** A stream of one shard that takes every record, numbering them from 1. */
	private static final class OneShardKinesis implements KinesisAsyncClient {

		private final AtomicInteger sequenceNumbers = new AtomicInteger();

		@Override
		public CompletableFuture<ListShardsResponse> listShards(ListShardsRequest request) {
			return CompletableFuture.completedFuture(ListShardsResponse.builder()
				.shards(Shard.builder()
					.shardId("shardId-000000000000")
					.hashKeyRange(HashKeyRange.builder()
						.startingHashKey("0")
						.endingHashKey(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE).toString())
						.build())
					.sequenceNumberRange(SequenceNumberRange.builder().startingSequenceNumber("0").build())
					.build())
				.build());
		}

		@Override
		public CompletableFuture<PutRecordsResponse> putRecords(PutRecordsRequest request) {
			List<PutRecordsResultEntry> results = request.records()
				.stream()
				.map((entry) -> PutRecordsResultEntry.builder()
					.shardId("shardId-000000000000")
					.sequenceNumber(String.valueOf(this.sequenceNumbers.incrementAndGet()))
					.build())
				.toList();
			return CompletableFuture
				.completedFuture(PutRecordsResponse.builder().records(results).failedRecordCount(0).build());
		}

		@Override
		public String serviceName() {
			return SERVICE_NAME;
		}

		@Override
		public void close() {
		}

	}

}
