package io.github.kpldeagg.it.support;

import java.time.Duration;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import static org.awaitility.Awaitility.await;

/**
 * SplitShard and MergeShards on the local Kinesis, each returning once the stream is
 * ACTIVE again.
 */
public final class Resharding {

	private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(30);

	private final KinesisClient kinesis;

	private final String stream;

	public Resharding(LocalAws aws, String stream) {
		this.kinesis = aws.kinesis().client();
		this.stream = stream;
	}

	/** Splits the shard at the middle of its range and returns the shards after. */
	public ShardLineage split(String shardId) {
		String middle = lineage().middle(shardId).toString();
		this.kinesis
			.splitShard((request) -> request.streamName(this.stream).shardToSplit(shardId).newStartingHashKey(middle));
		return awaitActive();
	}

	/**
	 * Merges two adjacent open shards, the lower range first, and returns the shards
	 * after.
	 */
	public ShardLineage merge(String lower, String upper) {
		this.kinesis
			.mergeShards((request) -> request.streamName(this.stream).shardToMerge(lower).adjacentShardToMerge(upper));
		return awaitActive();
	}

	public ShardLineage lineage() {
		return ShardLineage.of(this.kinesis, this.stream);
	}

	private ShardLineage awaitActive() {
		await().atMost(ACTIVE_TIMEOUT)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.kinesis.describeStreamSummary((request) -> request.streamName(this.stream))
				.streamDescriptionSummary()
				.streamStatus() == StreamStatus.ACTIVE);
		return lineage();
	}

}
