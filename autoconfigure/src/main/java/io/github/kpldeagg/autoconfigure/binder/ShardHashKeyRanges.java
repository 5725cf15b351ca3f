package io.github.kpldeagg.autoconfigure.binder;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The hash-key ranges of the shards a binder reads, looked up with ListShards when a shard is first
 * seen and cached: a shard's range never changes.
 */
public final class ShardHashKeyRanges {

    private final KinesisAsyncClient kinesis;
    private final Map<String, HashKeyRange> byStreamAndShard = new ConcurrentHashMap<>();

    public ShardHashKeyRanges(KinesisAsyncClient kinesis) {
        this.kinesis = kinesis;
    }

    public HashKeyRange of(String stream, String shardId) {
        HashKeyRange range = byStreamAndShard.get(key(stream, shardId));
        if (range == null) {
            listShards(stream);
            range = byStreamAndShard.get(key(stream, shardId));
            if (range == null) {
                throw new IllegalStateException("ListShards of stream " + stream + " does not list shard " + shardId);
            }
        }
        return range;
    }

    private void listShards(String stream) {
        ListShardsRequest request = ListShardsRequest.builder().streamName(stream).build();
        while (request != null) {
            ListShardsResponse response = kinesis.listShards(request).join();
            for (Shard shard : response.shards()) {
                byStreamAndShard.put(key(stream, shard.shardId()), shard.hashKeyRange());
            }
            request = response.nextToken() == null ? null
                    : ListShardsRequest.builder().nextToken(response.nextToken()).build();
        }
    }

    private static String key(String stream, String shardId) {
        return stream + '/' + shardId;
    }
}
