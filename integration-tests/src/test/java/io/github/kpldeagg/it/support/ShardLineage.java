package io.github.kpldeagg.it.support;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The shards of a stream as ListShards tells after resharding, open and closed: each
 * one's hash-key range and parents. A hash key lives in one shard per generation, so its
 * records are in Kinesis order when ordered by the generation of their shard, then by
 * sequence and sub-sequence number.
 */
public final class ShardLineage {

	private final Map<String, Shard> byId;

	private ShardLineage(Map<String, Shard> byId) {
		this.byId = byId;
	}

	public static ShardLineage of(KinesisClient kinesis, String stream) {
		Map<String, Shard> byId = new LinkedHashMap<>();
		ListShardsRequest request = ListShardsRequest.builder().streamName(stream).build();
		while (request != null) {
			ListShardsResponse response = kinesis.listShards(request);
			response.shards().forEach((shard) -> byId.put(shard.shardId(), shard));
			request = (response.nextToken() == null) ? null
					: ListShardsRequest.builder().nextToken(response.nextToken()).build();
		}
		return new ShardLineage(byId);
	}

	public List<String> shards() {
		return List.copyOf(this.byId.keySet());
	}

	public boolean contains(String shardId, BigInteger hashKey) {
		Shard shard = shard(shardId);
		return hashKey.compareTo(new BigInteger(shard.hashKeyRange().startingHashKey())) >= 0
				&& hashKey.compareTo(new BigInteger(shard.hashKeyRange().endingHashKey())) <= 0;
	}

	/** 0 for a shard the stream was created with, 1 for its children, and so on. */
	public int generation(String shardId) {
		Shard shard = shard(shardId);
		return Stream.of(shard.parentShardId(), shard.adjacentParentShardId())
			.filter(Objects::nonNull)
			.filter(this.byId::containsKey)
			.mapToInt((parent) -> generation(parent) + 1)
			.max()
			.orElse(0);
	}

	public boolean isClosed(String shardId) {
		return shard(shardId).sequenceNumberRange().endingSequenceNumber() != null;
	}

	/**
	 * The midpoint of the shard's range: where a split gives two children of equal width.
	 */
	public BigInteger middle(String shardId) {
		Shard shard = shard(shardId);
		return new BigInteger(shard.hashKeyRange().startingHashKey())
			.add(new BigInteger(shard.hashKeyRange().endingHashKey()))
			.shiftRight(1);
	}

	/** Whether the two shards' ranges touch, which MergeShards asks of them. */
	public boolean adjacent(String lower, String upper) {
		return new BigInteger(shard(lower).hashKeyRange().endingHashKey()).add(BigInteger.ONE)
			.equals(new BigInteger(shard(upper).hashKeyRange().startingHashKey()));
	}

	private Shard shard(String shardId) {
		Shard shard = this.byId.get(shardId);
		if (shard == null) {
			throw new IllegalArgumentException("No shard " + shardId + " in " + this.byId.keySet());
		}
		return shard;
	}

	@Override
	public String toString() {
		return this.byId.values()
			.stream()
			.map((shard) -> shard.shardId() + (isClosed(shard.shardId()) ? " (closed)" : "") + " gen "
					+ generation(shard.shardId()))
			.toList()
			.toString();
	}

}
