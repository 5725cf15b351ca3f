package io.github.kpldeagg.it.producer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Every Kinesis record of every shard of a stream, read with the plain SDK from the trim
 * horizon until the shard is caught up.
 */
final class KinesisRecords {

	/**
	 * kinesis-local does not cap a response at 10 MB: ask for few at a time (100
	 * aggregates are up to 5 MB; 500 of them timed out on a busy machine).
	 */
	private static final int LIMIT = 100;

	private KinesisRecords() {
	}

	static Map<Shard, List<Record>> readAll(KinesisClient kinesis, String stream) {
		Map<Shard, List<Record>> recordsByShard = new LinkedHashMap<>();
		for (Shard shard : shards(kinesis, stream)) {
			List<Record> records = new ArrayList<>();
			String iterator = kinesis
				.getShardIterator((request) -> request.streamName(stream)
					.shardId(shard.shardId())
					.shardIteratorType(ShardIteratorType.TRIM_HORIZON))
				.shardIterator();
			while (iterator != null) {
				String current = iterator;
				GetRecordsResponse response = kinesis
					.getRecords((request) -> request.shardIterator(current).limit(LIMIT));
				records.addAll(response.records());
				boolean caughtUp = response.records().isEmpty()
						&& Long.valueOf(0).equals(response.millisBehindLatest());
				iterator = caughtUp ? null : response.nextShardIterator();
			}
			recordsByShard.put(shard, records);
		}
		return recordsByShard;
	}

	private static List<Shard> shards(KinesisClient kinesis, String stream) {
		List<Shard> shards = new ArrayList<>();
		ListShardsResponse page = kinesis.listShards((request) -> request.streamName(stream));
		shards.addAll(page.shards());
		while (page.nextToken() != null) {
			String next = page.nextToken();
			page = kinesis.listShards((request) -> request.nextToken(next));
			shards.addAll(page.shards());
		}
		return shards;
	}

}
