package io.github.kpldeagg.autoconfigure;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * A Kinesis client without a network that answers ListShards only, always the same way,
 * and counts the calls.
 */
final class ListShardsOnlyKinesis implements KinesisAsyncClient {

	private final @Nullable ListShardsResponse response;

	private final AtomicInteger listShardsCalls = new AtomicInteger();

	private ListShardsOnlyKinesis(@Nullable ListShardsResponse response) {
		this.response = response;
	}

	/** Lists two shards that split the hash-key space in halves. */
	static ListShardsOnlyKinesis listingTwoShards() {
		return new ListShardsOnlyKinesis(ListShardsResponse.builder()
			.shards(shard("shardId-000000000000", "0", "170141183460469231731687303715884105727"),
					shard("shardId-000000000001", "170141183460469231731687303715884105728",
							"340282366920938463463374607431768211455"))
			.build());
	}

	/** Fails every ListShards as Kinesis does when its rate limit is exceeded. */
	static ListShardsOnlyKinesis failing() {
		return new ListShardsOnlyKinesis(null);
	}

	int listShardsCalls() {
		return this.listShardsCalls.get();
	}

	@Override
	public CompletableFuture<ListShardsResponse> listShards(ListShardsRequest request) {
		this.listShardsCalls.incrementAndGet();
		return (this.response != null) ? CompletableFuture.completedFuture(this.response)
				: CompletableFuture.failedFuture(LimitExceededException.builder().message("Rate exceeded").build());
	}

	private static Shard shard(String shardId, String startingHashKey, String endingHashKey) {
		return Shard.builder()
			.shardId(shardId)
			.hashKeyRange(HashKeyRange.builder().startingHashKey(startingHashKey).endingHashKey(endingHashKey).build())
			.build();
	}

	@Override
	public String serviceName() {
		return SERVICE_NAME;
	}

	@Override
	public void close() {
	}

}
