package io.github.kpldeagg.producer;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import static org.awaitility.Awaitility.await;

/**
 * SplitShard and MergeShards on the local Kinesis, each returning once the stream is
 * ACTIVE again.
 */
final class Resharding {

	private final KinesisClient kinesis;

	private final String stream;

	Resharding(KinesisClient kinesis, String stream) {
		this.kinesis = kinesis;
		this.stream = stream;
	}

	/** The open shards, lowest hash-key range first. */
	List<Shard> openShards() {
		return StreamContents.shards(this.kinesis, this.stream)
			.stream()
			.filter((shard) -> shard.sequenceNumberRange().endingSequenceNumber() == null)
			.sorted(Comparator.comparing((shard) -> new BigInteger(shard.hashKeyRange().startingHashKey())))
			.toList();
	}

	/** Splits the open shard at this index at the middle of its range. */
	void split(int openShardIndex) {
		Shard shard = openShards().get(openShardIndex);
		BigInteger middle = new BigInteger(shard.hashKeyRange().startingHashKey())
			.add(new BigInteger(shard.hashKeyRange().endingHashKey()))
			.shiftRight(1);
		this.kinesis.splitShard((request) -> request.streamName(this.stream)
			.shardToSplit(shard.shardId())
			.newStartingHashKey(middle.toString()));
		awaitActive();
	}

	/** Merges the open shard at this index with the next one. */
	void mergeWithNext(int openShardIndex) {
		List<Shard> open = openShards();
		this.kinesis.mergeShards((request) -> request.streamName(this.stream)
			.shardToMerge(open.get(openShardIndex).shardId())
			.adjacentShardToMerge(open.get(openShardIndex + 1).shardId()));
		awaitActive();
	}

	private void awaitActive() {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> this.kinesis.describeStreamSummary((request) -> request.streamName(this.stream))
				.streamDescriptionSummary()
				.streamStatus() == StreamStatus.ACTIVE);
	}

}
