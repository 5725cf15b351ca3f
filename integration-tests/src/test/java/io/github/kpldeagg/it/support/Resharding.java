package io.github.kpldeagg.it.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

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
		kinesis.splitShard(request -> request.streamName(stream).shardToSplit(shardId).newStartingHashKey(middle));
		return awaitActive();
	}

	/**
	 * Merges two adjacent open shards, the lower range first, and returns the shards
	 * after.
	 */
	public ShardLineage merge(String lower, String upper) {
		kinesis.mergeShards(request -> request.streamName(stream).shardToMerge(lower).adjacentShardToMerge(upper));
		return awaitActive();
	}

	public ShardLineage lineage() {
		return ShardLineage.of(kinesis, stream);
	}

	private ShardLineage awaitActive() {
		await().atMost(ACTIVE_TIMEOUT)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> kinesis.describeStreamSummary(request -> request.streamName(stream))
				.streamDescriptionSummary()
				.streamStatus() == StreamStatus.ACTIVE);
		return lineage();
	}

}
