package io.github.kpldeagg.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The hash-key ranges of the shards a binder reads, looked up with ListShards when a
 * shard is first seen and cached: a shard's range never changes. A failed lookup is not
 * repeated for a short while, so that a shard consumer retrying its records does not call
 * ListShards on every poll.
 *
 * @author The kpl-deagg maintainers
 */
final class ShardHashKeyRanges {

	private static final Duration FAILED_LOOKUP_BACK_OFF = Duration.ofSeconds(5);

	private final KinesisAsyncClient kinesis;

	private final long failedLookupBackOffNanos;

	private final Map<String, HashKeyRange> byStreamAndShard = new ConcurrentHashMap<>();

	private final Map<String, FailedLookup> failedLookupsByStream = new ConcurrentHashMap<>();

	ShardHashKeyRanges(KinesisAsyncClient kinesis) {
		this(kinesis, FAILED_LOOKUP_BACK_OFF);
	}

	ShardHashKeyRanges(KinesisAsyncClient kinesis, Duration failedLookupBackOff) {
		this.kinesis = kinesis;
		this.failedLookupBackOffNanos = failedLookupBackOff.toNanos();
	}

	HashKeyRange of(String stream, String shardId) {
		HashKeyRange range = this.byStreamAndShard.get(key(stream, shardId));
		return (range != null) ? range : lookUp(stream, shardId);
	}

	private HashKeyRange lookUp(String stream, String shardId) {
		FailedLookup failed = this.failedLookupsByStream.get(stream);
		if (failed != null && System.nanoTime() - failed.atNanos() < this.failedLookupBackOffNanos) {
			throw new IllegalStateException(
					"Hash-key range of shard " + shardId + " unknown: the last ListShards of " + "stream " + stream
							+ " failed less than " + Duration.ofNanos(this.failedLookupBackOffNanos) + " ago",
					failed.cause());
		}
		try {
			listShards(stream);
			HashKeyRange range = this.byStreamAndShard.get(key(stream, shardId));
			if (range == null) {
				throw new IllegalStateException("ListShards of stream " + stream + " does not list shard " + shardId);
			}
			this.failedLookupsByStream.remove(stream);
			return range;
		}
		catch (RuntimeException ex) {
			this.failedLookupsByStream.put(stream, new FailedLookup(ex, System.nanoTime()));
			throw ex;
		}
	}

	private void listShards(String stream) {
		ListShardsRequest request = ListShardsRequest.builder().streamName(stream).build();
		while (request != null) {
			ListShardsResponse response = this.kinesis.listShards(request).join();
			for (Shard shard : response.shards()) {
				this.byStreamAndShard.put(key(stream, shard.shardId()), shard.hashKeyRange());
			}
			request = (response.nextToken() == null) ? null
					: ListShardsRequest.builder().nextToken(response.nextToken()).build();
		}
	}

	private static String key(String stream, String shardId) {
		return stream + '/' + shardId;
	}

	private record FailedLookup(RuntimeException cause, long atNanos) {
	}

}
