package io.github.kpldeagg.sample.producer;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.github.kpldeagg.core.HashKeys;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The open shards of a stream by hash-key range: the KPL aggregates only user records
 * bound for the same shard, so it needs to know which shard Kinesis will route each one
 * to.
 *
 * @author The kpl-deagg maintainers
 */
final class ShardMap {

	private final List<Shard> shards;

	ShardMap(List<Shard> shards) {
		this.shards = shards.stream().sorted(Comparator.comparing(ShardMap::startingHashKey)).toList();
	}

	static ShardMap of(KinesisClient kinesis, String stream) {
		List<Shard> open = new ArrayList<>();
		ListShardsRequest request = ListShardsRequest.builder().streamName(stream).build();
		while (request != null) {
			ListShardsResponse page = kinesis.listShards(request);
			page.shards()
				.stream()
				.filter((shard) -> shard.sequenceNumberRange().endingSequenceNumber() == null)
				.forEach(open::add);
			request = (page.nextToken() == null) ? null
					: ListShardsRequest.builder().nextToken(page.nextToken()).build();
		}
		return new ShardMap(open);
	}

	int size() {
		return this.shards.size();
	}

	/**
	 * The index of the shard Kinesis routes a user record with these keys to.
	 * @param partitionKey the partition key
	 * @param explicitHashKey the explicit hash key
	 * @return the index of the shard Kinesis routes a user record with these keys to
	 */
	int shardOf(String partitionKey, @Nullable String explicitHashKey) {
		BigInteger hashKey = HashKeys.effectiveHashKey(partitionKey, explicitHashKey);
		for (int i = this.shards.size() - 1; i >= 0; i--) {
			if (hashKey.compareTo(startingHashKey(this.shards.get(i))) >= 0) {
				return i;
			}
		}
		throw new IllegalStateException("No open shard covers hash key " + hashKey);
	}

	private static BigInteger startingHashKey(Shard shard) {
		return new BigInteger(shard.hashKeyRange().startingHashKey());
	}

}
