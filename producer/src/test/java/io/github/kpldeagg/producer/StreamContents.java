package io.github.kpldeagg.producer;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.kpldeagg.core.Deaggregator;
import io.github.kpldeagg.core.UserRecord;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * Every Kinesis record of every shard of a stream, open and closed, read from the trim
 * horizon, and the user records three readers get from them: the core without a filter,
 * the core with each shard's hash-key range as filter (the starter's shard filter), and
 * KCL's AggregatorUtil with that range (which drops a whole aggregate holding a user
 * record out of range).
 */
final class StreamContents {

	private final Map<Shard, List<Record>> recordsByShard;

	private StreamContents(Map<Shard, List<Record>> recordsByShard) {
		this.recordsByShard = recordsByShard;
	}

	static StreamContents read(KinesisClient kinesis, String stream) {
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
				GetRecordsResponse response = kinesis.getRecords((request) -> request.shardIterator(current));
				records.addAll(response.records());
				boolean caughtUp = response.records().isEmpty()
						&& Long.valueOf(0).equals(response.millisBehindLatest());
				iterator = caughtUp ? null : response.nextShardIterator();
			}
			recordsByShard.put(shard, records);
		}
		return new StreamContents(recordsByShard);
	}

	/** Every shard of the stream, closed ones too, through all pages of ListShards. */
	static List<Shard> shards(KinesisClient kinesis, String stream) {
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

	int kinesisRecords() {
		return this.recordsByShard.values().stream().mapToInt(List::size).sum();
	}

	List<String> shardIds() {
		return this.recordsByShard.keySet().stream().map(Shard::shardId).toList();
	}

	/** Every user record the core reads, by identity. */
	Map<Identity, UserRecord> core() {
		return core(false);
	}

	/** The user records the core reads with each shard's range as filter. */
	Map<Identity, UserRecord> coreWithShardFilter() {
		return core(true);
	}

	/** The user records KCL's AggregatorUtil reads with each shard's range. */
	Map<Identity, KinesisClientRecord> kcl() {
		AggregatorUtil aggregatorUtil = new AggregatorUtil();
		Map<Identity, KinesisClientRecord> read = new LinkedHashMap<>();
		this.recordsByShard.forEach((shard, records) -> {
			List<KinesisClientRecord> kinesisRecords = records.stream().map(KinesisClientRecord::fromRecord).toList();
			for (KinesisClientRecord userRecord : aggregatorUtil.deaggregate(kinesisRecords, start(shard),
					end(shard))) {
				read.put(new Identity(shard.shardId(), userRecord.sequenceNumber(), userRecord.subSequenceNumber()),
						userRecord);
			}
		});
		return read;
	}

	private Map<Identity, UserRecord> core(boolean shardFilter) {
		Map<Identity, UserRecord> read = new LinkedHashMap<>();
		this.recordsByShard.forEach((shard, records) -> {
			Deaggregator deaggregator = shardFilter
					? Deaggregator.builder().hashKeyRange(start(shard), end(shard)).build() : Deaggregator.create();
			for (UserRecord userRecord : deaggregator.deaggregate(records)) {
				read.put(new Identity(shard.shardId(), userRecord.sequenceNumber(), userRecord.subSequenceNumber()),
						userRecord);
			}
		});
		return read;
	}

	private static BigInteger start(Shard shard) {
		return new BigInteger(shard.hashKeyRange().startingHashKey());
	}

	private static BigInteger end(Shard shard) {
		return new BigInteger(shard.hashKeyRange().endingHashKey());
	}

	/** Where a reader sees a user record: shard, sequence and sub-sequence number. */
	record Identity(String shardId, String sequenceNumber, long subSequenceNumber) {

		static Identity of(UserRecordResult result) {
			return new Identity(result.shardId(), result.sequenceNumber(), result.subSequenceNumber());
		}

	}

}
